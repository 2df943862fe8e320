import { addDays, type CalendarDate, daysBetween } from '../src/domain/calendar';
import type { OutgoingMail } from '../src/server/mail/smtp-transport';
import {
  type ReminderContext,
  renderReminderTemplate,
} from '../src/server/modules/dunning/reminder-templates';

/**
 * The emails of the output bench: `count` customers of one company, each with 1 to 8 open items
 * (a few with 20 to 60), one in five in English, the notice, R1 and R2 steps in turn, sent for a
 * user (their name on the From line, their address as Reply-To) with a Message-ID chosen first,
 * as the send service does (DUN-11, DUN-13).
 */

export const BENCH_EMAIL_TODAY: CalendarDate = '2026-11-20';
const STEPS = ['standard-notice', 'standard-r1', 'standard-r2'] as const;

/** mulberry32: the same emails at every run. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface BenchEmail {
  templateId: (typeof STEPS)[number];
  language: 'fr' | 'en';
  context: ReminderContext;
  to: string;
  messageId: string;
}

/** The customers and their items: what the send service holds before it renders a reminder. */
export function* benchEmails(count: number): Generator<BenchEmail> {
  const next = random(11);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  for (let n = 0; n < count; n++) {
    const itemCount = next() < 0.02 ? 20 + Math.floor(next() * 41) : 1 + Math.floor(next() * 8);
    const items: ReminderContext['items'] = [];
    for (let i = 0; i < itemCount; i++) {
      const documentDate = addDays(BENCH_EMAIL_TODAY, -(40 + Math.floor(next() * 300)));
      const dueDate = addDays(documentDate, 30);
      items.push({
        piece: `FA-${documentDate.slice(0, 4)}-${String(10_000 + n * 7 + i).padStart(6, '0')}`,
        documentDate,
        dueDate,
        amount: 1_000 + Math.floor(next() * 2_500_000),
        daysLate: Math.max(0, daysBetween(dueDate, BENCH_EMAIL_TODAY)),
      });
    }
    const account = `411${String(n).padStart(6, '0')}`;
    const name = `${pick(['Durand', 'Martin', 'Bernard', 'Petit', 'Robert', 'Richard', 'Moreau'])} ${pick(['Bâtiment', 'Distribution', 'Services', 'Industrie', 'Négoce'])} ${pick(['SARL', 'SAS', 'SA', 'EURL'])}`;
    const templateId = STEPS[n % STEPS.length]!;
    const email = `compta-${account}@customers.test`;
    yield {
      templateId,
      language: next() < 0.2 ? 'en' : 'fr',
      to: email,
      messageId: `<bench-${n}@encours.test>`,
      context: {
        company: { name: 'Acme Industrie', currency: 'EUR' },
        customer: { account, name, email },
        reminder: {
          level: templateId === 'standard-notice' ? null : templateId === 'standard-r1' ? 'R1' : 'R2',
          kind: templateId === 'standard-notice' ? 'notice' : 'reminder',
          total: items.reduce((s, i) => s + i.amount, 0),
          itemCount,
        },
        items,
        sender: { name: 'Claire Martin', email: 'claire.martin@acme.test' },
        today: BENCH_EMAIL_TODAY,
      },
    };
  }
}

/** One email as the send service hands it to the mailer: the rendered template, for the user. */
export function renderBenchEmail(email: BenchEmail): OutgoingMail {
  const rendered = renderReminderTemplate(email.templateId, email.language, email.context);
  return {
    to: email.to,
    sender: { name: 'Claire Martin', replyTo: 'claire.martin@acme.test' },
    messageId: email.messageId,
    subject: rendered.subject,
    text: rendered.text,
    html: rendered.html,
  };
}
