import { and, eq, sql } from 'drizzle-orm';
import type { DunningSettings, Profile, ProfileBody } from '../../../contracts/dunning';
import { type Scenario, validateVariant } from '../../../domain/dunning/scenario';
import { type Database, type Db, selectRows } from '../../db/client';
import {
  companies,
  companyDunningSettings,
  customerDunning,
  dunningProfiles,
  paymentMethods,
} from '../../db/schema';
import { AppError, notFound } from '../../errors/app-error';
import { getCompanyOrThrow } from '../companies/companies.queries';
import { loadDunningSettings, loadProfiles } from './dunning.queries';

/**
 * Dunning configuration (issue 4 point 2): profiles with their scenario (DUN-1, DUN-2, DUN-3,
 * DUN-4) and the company options (DUN-7, DUN-8, DUN-12). Admins change them; everyone reads.
 */

/** A scenario saved before a step option existed reads with its default (TPL-5: no statement). */
function withStepDefaults(scenario: Profile['scenario']): Profile['scenario'] {
  const variant = (v: Profile['scenario']['withEmail']) => ({
    ...v,
    steps: v.steps.map((s) => ({ ...s, attachStatement: s.attachStatement ?? false })),
  });
  return {
    ...scenario,
    withEmail: variant(scenario.withEmail),
    withoutEmail: variant(scenario.withoutEmail),
  };
}

/** Refuses a scenario the domain refuses, naming each problem (DUN-3, DUN-4). */
function assertScenario(scenario: Scenario): void {
  const errors = [
    ...validateVariant(scenario.withEmail, 'withEmail').map((e) => ({ variant: 'withEmail', ...e })),
    ...validateVariant(scenario.withoutEmail, 'withoutEmail').map((e) => ({ variant: 'withoutEmail', ...e })),
  ];
  if (errors.length > 0)
    throw new AppError(
      'invalid_input',
      errors
        .map((e) => `${e.variant === 'withEmail' ? 'with email' : 'without email'}, ${e.message}`)
        .join('; '),
      { errors },
    );
}

export async function listProfiles(db: Db, orgId: string): Promise<{ items: Profile[] }> {
  await loadProfiles(db, orgId);
  const rows = await selectRows<{
    id: string;
    name: string;
    is_default: boolean;
    scenario: Scenario;
    n: number;
  }>(
    db,
    sql`select p.id, p.name, p.is_default, p.scenario,
        (select count(*)::int from customer_dunning d where d.org_id = p.org_id and d.profile_id = p.id) as n
      from dunning_profiles p where p.org_id = ${orgId} order by p.is_default desc, p.name`,
  );
  return {
    items: rows.map((r) => ({
      id: r.id,
      name: r.name,
      isDefault: r.is_default,
      // The domain's readonly arrays, as the contract's plain ones.
      scenario: withStepDefaults(r.scenario as Profile['scenario']),
      customerCount: r.n,
    })),
  };
}

async function profileOrThrow(db: Db, orgId: string, id: string) {
  const [row] = await db
    .select()
    .from(dunningProfiles)
    .where(and(eq(dunningProfiles.orgId, orgId), eq(dunningProfiles.id, id)));
  if (!row) throw notFound('profile');
  return row;
}

async function assertNameFree(db: Db, orgId: string, name: string, exceptId: string | null): Promise<void> {
  const [row] = await db
    .select({ id: dunningProfiles.id })
    .from(dunningProfiles)
    .where(and(eq(dunningProfiles.orgId, orgId), eq(dunningProfiles.name, name)));
  if (row && row.id !== exceptId)
    throw new AppError('profile_name_taken', `a profile is already named ${name}`);
}

/** DUN-1: one default; making a profile the default takes it from the other. */
async function setDefault(db: Db, orgId: string, id: string): Promise<void> {
  await db
    .update(dunningProfiles)
    .set({ isDefault: false })
    .where(and(eq(dunningProfiles.orgId, orgId), eq(dunningProfiles.isDefault, true)));
  await db
    .update(dunningProfiles)
    .set({ isDefault: true })
    .where(and(eq(dunningProfiles.orgId, orgId), eq(dunningProfiles.id, id)));
}

export async function createProfile(database: Database, orgId: string, body: ProfileBody): Promise<Profile> {
  assertScenario(body.scenario);
  return database.transaction(async ({ db }) => {
    await loadProfiles(db, orgId);
    await assertNameFree(db, orgId, body.name, null);
    const [row] = await db
      .insert(dunningProfiles)
      .values({ orgId, name: body.name, scenario: { ...body.scenario, name: body.name } })
      .returning();
    if (body.isDefault) await setDefault(db, orgId, row!.id);
    return (await listProfiles(db, orgId)).items.find((p) => p.id === row!.id)!;
  });
}

export async function updateProfile(
  database: Database,
  orgId: string,
  id: string,
  body: ProfileBody,
): Promise<Profile> {
  assertScenario(body.scenario);
  return database.transaction(async ({ db }) => {
    const current = await profileOrThrow(db, orgId, id);
    await assertNameFree(db, orgId, body.name, id);
    if (body.isDefault === false && current.isDefault)
      throw new AppError(
        'invalid_input',
        'make another profile the default instead (DUN-1: there is always one)',
      );
    await db
      .update(dunningProfiles)
      .set({ name: body.name, scenario: { ...body.scenario, name: body.name } })
      .where(and(eq(dunningProfiles.orgId, orgId), eq(dunningProfiles.id, id)));
    if (body.isDefault) await setDefault(db, orgId, id);
    return (await listProfiles(db, orgId)).items.find((p) => p.id === id)!;
  });
}

/** DUN-1: the default is never deleted; a profile in use only with `moveTo` for its customers. */
export async function deleteProfile(
  database: Database,
  orgId: string,
  id: string,
  moveTo: string | undefined,
): Promise<void> {
  await database.transaction(async ({ db }) => {
    const profile = await profileOrThrow(db, orgId, id);
    if (profile.isDefault) throw new AppError('default_profile', 'the default profile cannot be deleted');
    if (moveTo !== undefined) {
      if (moveTo === id) throw new AppError('invalid_input', 'move the customers to another profile');
      await profileOrThrow(db, orgId, moveTo);
    }
    const moved = await db
      .update(customerDunning)
      .set({ profileId: moveTo ?? null, updatedAt: new Date() })
      .where(and(eq(customerDunning.orgId, orgId), eq(customerDunning.profileId, id)))
      .returning({ account: customerDunning.customerAccount });
    if (moved.length > 0 && moveTo === undefined)
      throw new AppError(
        'profile_in_use',
        `${moved.length} customers use this profile: choose where to move them`,
        {
          customers: moved.length,
        },
      );
    await db.delete(dunningProfiles).where(and(eq(dunningProfiles.orgId, orgId), eq(dunningProfiles.id, id)));
  });
}

async function hasSentReminders(db: Db, orgId: string, companyId: string): Promise<boolean> {
  const [row] = await selectRows<{ found: boolean }>(
    db,
    sql`select exists (select 1 from reminders where org_id = ${orgId} and company_id = ${companyId}
      and status = 'sent') as found`,
  );
  return row?.found ?? false;
}

export async function getDunningSettings(db: Db, orgId: string, companyId: string): Promise<DunningSettings> {
  const company = await getCompanyOrThrow(db, orgId, companyId);
  const settings = await loadDunningSettings(db, orgId, companyId);
  return {
    ...settings.options,
    isGroupingLocked: await hasSentReminders(db, orgId, companyId),
    automationTime: settings.automationTime,
    timeZone: settings.timeZone,
    freshnessHours: company.freshnessHours,
  };
}

/** DUN-7: the grouping mode is locked once a reminder was sent for the company. */
export async function putDunningSettings(
  database: Database,
  orgId: string,
  companyId: string,
  body: Omit<DunningSettings, 'isGroupingLocked'>,
): Promise<DunningSettings> {
  if (!isTimeZone(body.timeZone))
    throw new AppError('invalid_input', `timeZone: unknown time zone ${body.timeZone}`);
  return database.transaction(async ({ db }) => {
    const current = await getDunningSettings(db, orgId, companyId);
    if (current.isGroupingLocked && body.grouping !== current.grouping)
      throw new AppError(
        'grouping_locked',
        'grouping: reminders were already sent for this company, the mode is locked',
      );
    const { automationTime, timeZone, freshnessHours, ...options } = body;
    await db
      .insert(companyDunningSettings)
      .values({ orgId, companyId, options, automationTime, timeZone })
      .onConflictDoUpdate({
        target: [companyDunningSettings.orgId, companyDunningSettings.companyId],
        set: { options, automationTime, timeZone, updatedAt: new Date() },
      });
    await db
      .update(companies)
      .set({ freshnessHours })
      .where(and(eq(companies.orgId, orgId), eq(companies.id, companyId)));
    return getDunningSettings(db, orgId, companyId);
  });
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export async function listPaymentMethods(db: Db, orgId: string, companyId: string) {
  await getCompanyOrThrow(db, orgId, companyId);
  const items = await db
    .select({
      code: paymentMethods.code,
      label: paymentMethods.label,
      isAutomatic: paymentMethods.isAutomatic,
    })
    .from(paymentMethods)
    .where(and(eq(paymentMethods.orgId, orgId), eq(paymentMethods.companyId, companyId)))
    .orderBy(paymentMethods.code);
  return { items };
}

/** Marks a payment method automatic or manual (issue 4 point 2, DUN-8). */
export async function setPaymentMethod(
  db: Db,
  orgId: string,
  companyId: string,
  body: { code: string; isAutomatic: boolean },
) {
  await getCompanyOrThrow(db, orgId, companyId);
  const rows = await db
    .update(paymentMethods)
    .set({ isAutomatic: body.isAutomatic })
    .where(
      and(
        eq(paymentMethods.orgId, orgId),
        eq(paymentMethods.companyId, companyId),
        eq(paymentMethods.code, body.code),
      ),
    )
    .returning({ code: paymentMethods.code });
  if (rows.length === 0)
    throw new AppError('invalid_input', `code: no payment method ${body.code} in this company`);
  return listPaymentMethods(db, orgId, companyId);
}
