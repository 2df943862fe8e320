import { and, eq, inArray, sql } from 'drizzle-orm';
import { type CalendarDate, daysBetween } from '../../../domain/calendar';
import type { Cents } from '../../../domain/money';
import type { Db } from '../../db/client';
import { entries, type ReminderContent } from '../../db/schema';
import type { Letterhead } from '../../documents/pdf-page';
import type { Letter } from '../../documents/reminder-letters';
import { loadLetterhead } from '../companies/letterhead.queries';
import type { Planned } from './dunning-plan.service';

/**
 * What a reminder by letter needs besides its rendered text (TPL-4): the company's letterhead and
 * each item's document amount (the planner knows only what is still open), read once per send.
 */
export interface LetterSources {
  letterhead: Letterhead;
  /** debit − credit of each item's entry, by entry key. */
  documentAmounts: ReadonlyMap<string, Cents>;
}

/** The letterhead and document amounts of the letters among `planned`; `null` when there are none. */
export async function loadLetterSources(
  db: Db,
  key: { orgId: string; companyId: string },
  planned: readonly Planned[],
): Promise<LetterSources | null> {
  const letters = planned.filter((p) => p.reminder.channel === 'letter');
  if (letters.length === 0) return null;
  const entryKeys = letters.flatMap((p) => p.items.map((i) => i.key));
  const documentAmounts = new Map<string, Cents>();
  for (let start = 0; start < entryKeys.length; start += 1000) {
    const rows = await db
      .select({
        key: entries.entryKey,
        amount: sql<number>`${entries.debit} - ${entries.credit}`.mapWith(Number),
      })
      .from(entries)
      .where(
        and(
          eq(entries.orgId, key.orgId),
          eq(entries.companyId, key.companyId),
          inArray(entries.entryKey, entryKeys.slice(start, start + 1000)),
        ),
      );
    for (const row of rows) documentAmounts.set(row.key, row.amount);
  }
  return { letterhead: await loadLetterhead(db, key.orgId, key.companyId), documentAmounts };
}

/** A formal notice (mise en demeure) is a letter from a `formal-notice` template (DUN-2 R4). */
export function isFormalNotice(templateId: string | null): boolean {
  return templateId?.includes('formal-notice') ?? false;
}

/**
 * The letter of a planned reminder: its rendered subject and text, its items with their
 * document amount (the open amount when the entry is not found), what remains and days late.
 */
export function toLetter(
  p: Planned,
  content: ReminderContent,
  currency: string,
  today: CalendarDate,
  documentAmounts: ReadonlyMap<string, Cents>,
): Letter {
  return {
    kind: isFormalNotice(p.reminder.templateId) ? 'formalNotice' : 'reminder',
    language: content.language === 'en' ? 'en' : 'fr',
    currency,
    customerAccount: p.customer.key,
    recipientName: p.customer.name,
    recipientAddress: p.customer.address,
    date: today,
    subject: content.subject,
    body: content.text,
    items: p.items.map((i) => ({
      piece: i.pieceRef,
      documentDate: i.documentDate,
      dueDate: i.dueDate,
      amount: documentAmounts.get(i.key) ?? i.amount,
      remaining: i.amount,
      daysLate: daysBetween(i.dueDate, today),
    })),
  };
}
