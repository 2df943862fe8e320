import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import type { CalendarDate } from '../domain/calendar';

/** An unset variable and an empty one (`FOO=` in an env file) both mean "not configured". */
function optionalText<T extends z.ZodType<string>>(schema: T) {
  return z.preprocess((value) => (value === '' ? undefined : value), schema.optional());
}

const envSchema = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().default('0.0.0.0'),
    DATABASE_URL: z.string().startsWith('postgres').optional(),
    ENCOURS_DATA_DIR: z.string().default('./data'),
    /** Fixes the server's "today" (YYYY-MM-DD) for demos, tests and replays (SPEC §0). */
    ENCOURS_TODAY: z.iso.date().optional(),
    ENCOURS_TIMEZONE: z.string().default('Europe/Paris'),
    ENCOURS_SECURE_COOKIES: z.enum(['true', 'false']).optional(),
    /** Behind a reverse proxy: the addresses to trust for X-Forwarded-For (`loopback`, `10.0.0.0/8,…`). */
    ENCOURS_TRUST_PROXY: z.string().optional(),
    ENCOURS_UPLOAD_LIMIT_MB: z.coerce.number().int().min(1).default(512),
    /** ACC-1: sign-in attempts allowed per minute for one address and email. */
    ENCOURS_SIGNIN_LIMIT: z.coerce.number().int().min(1).default(10),
    ENCOURS_DEMO: z.enum(['true', 'false']).optional(),
    ENCOURS_NIGHTLY_DUNNING: z.enum(['true', 'false']).default('true'),
    /** `info` logs every request; the default keeps the console for what needs attention. */
    ENCOURS_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'silent']).default('warn'),
    /** The address users reach the app at, for the links in emails; default `http://localhost:PORT`. */
    ENCOURS_PUBLIC_URL: optionalText(z.url({ protocol: /^https?$/ })),
    /** `smtp://user:pass@host:587` (STARTTLS when offered) or `smtps://…:465`; absent: the outbox. */
    ENCOURS_SMTP_URL: optionalText(z.url({ protocol: /^smtps?$/, error: 'expected smtp://… or smtps://…' })),
    /** The sender of every email, e.g. `Encours <encours@example.com>`; required with SMTP. */
    ENCOURS_MAIL_FROM: optionalText(z.string().min(3)),
    /**
     * The bearer token a mail server presents to `POST /api/mail/delivery-reports` to hand the
     * app its bounces (TPL-5); absent, the route answers 404.
     */
    ENCOURS_INBOUND_TOKEN: optionalText(z.string().min(24, 'at least 24 characters')),
    /** 32 bytes (base64 or hex) sealing stored secrets; default `secret.key` in the data folder. */
    ENCOURS_SECRET_KEY: optionalText(z.string().min(32)),
  })
  .refine((e) => !e.ENCOURS_SMTP_URL || e.ENCOURS_MAIL_FROM, {
    path: ['ENCOURS_MAIL_FROM'],
    message: 'required when ENCOURS_SMTP_URL is set',
  });

export interface Config {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  uploadDir: string;
  fixedToday: CalendarDate | undefined;
  timeZone: string;
  secureCookies: boolean;
  trustProxy: string | false;
  uploadLimitBytes: number;
  /** Sign-in attempts allowed per minute for one address and email (ACC-1). */
  signInLimitPerMinute: number;
  demo: boolean;
  /** Whether `serve` runs the nightly dunning of each company at its time (DUN-12). */
  nightlyDunning: boolean;
  logLevel: string;
  /** Base of the links written in emails, without a trailing slash. */
  publicUrl: string;
  /** SMTP delivery; null: emails stay in the outbox that admins read in the web app. */
  smtp: { url: string; from: string } | null;
  /** Seals stored secrets (`secret-box.ts`); undefined: the data folder's `secret.key`. */
  secretKey: string | undefined;
  /** What a mail server presents to hand in delivery reports; undefined: the route is off. */
  inboundToken: string | undefined;
}

/** Reads the configuration from the environment; a bad value stops the start with its name. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid configuration: ${problems}`);
  }
  const e = parsed.data;
  const dataDir = resolve(e.ENCOURS_DATA_DIR);
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir,
    uploadDir: e.DATABASE_URL ? join(tmpdir(), 'encours-uploads') : join(dataDir, 'uploads'),
    fixedToday: e.ENCOURS_TODAY,
    timeZone: e.ENCOURS_TIMEZONE,
    secureCookies: e.ENCOURS_SECURE_COOKIES === 'true',
    trustProxy: e.ENCOURS_TRUST_PROXY || false,
    uploadLimitBytes: e.ENCOURS_UPLOAD_LIMIT_MB * 1024 * 1024,
    signInLimitPerMinute: e.ENCOURS_SIGNIN_LIMIT,
    // The demo is for the embedded set-up; a PostgreSQL server gets it only when asked.
    demo: e.ENCOURS_DEMO ? e.ENCOURS_DEMO === 'true' : !e.DATABASE_URL,
    nightlyDunning: e.ENCOURS_NIGHTLY_DUNNING === 'true',
    logLevel: e.ENCOURS_LOG_LEVEL,
    publicUrl: (e.ENCOURS_PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    smtp:
      e.ENCOURS_SMTP_URL && e.ENCOURS_MAIL_FROM
        ? { url: e.ENCOURS_SMTP_URL, from: e.ENCOURS_MAIL_FROM }
        : null,
    secretKey: e.ENCOURS_SECRET_KEY,
    inboundToken: e.ENCOURS_INBOUND_TOKEN,
  };
}

/** The only place the server reads the clock; the domain gets `today` and `now` from here. */
export interface Clock {
  now(): Date;
  today(): CalendarDate;
}

export function systemClock(config: Pick<Config, 'fixedToday' | 'timeZone'>): Clock {
  const format = new Intl.DateTimeFormat('en-CA', {
    timeZone: config.timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  });
  return {
    now: () => new Date(),
    today: () => config.fixedToday ?? format.format(new Date()),
  };
}
