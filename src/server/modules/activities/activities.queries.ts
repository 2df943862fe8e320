import { type SQL, sql } from 'drizzle-orm';
import type {
  Activity,
  ActivityDetail,
  ActivityListQuery,
  ActivityStatus,
} from '../../../contracts/activities';
import { type Db, selectRows } from '../../db/client';
import type { ReminderAttachment, ReminderContent, ReminderItem } from '../../db/schema/dunning';
import type { AuthContext } from '../auth/auth.service';
import { likePattern, portfolioCondition } from '../customers/customers.queries';

type Caller = Pick<AuthContext, 'orgId' | 'role' | 'portfolio'>;

/** The manual actions that are contacts with the customer (DUN-11); level, STOP, dispute and promise are not. */
const CONTACT_KINDS = ['call', 'email', 'letter', 'other'];

/**
 * Every activity of the organization as one relation `x`: the reminders (planned, sent or not,
 * DUN-13, DUN-14) and the manual contacts (DUN-11), each with its company and customer, scoped to
 * the caller's portfolio (COL-5: `portfolioCondition` reads `c`).
 */
function activitySource(auth: Caller): SQL {
  return sql`(
    select 'reminder' as source, r.id, r.company_id, co.code as company_code, r.customer_account,
        c.id as customer_id, c.name as customer_name,
        case when r.channel = 'phone' then 'call' else r.channel end as channel, r.status::text as status, r.actor,
        r.user_id, u.name as user_name, coalesce(r.sent_at, r.created_at) as at, r.level,
        r.content->>'subject' as subject, r.total, r.currency,
        exists (select 1 from reminder_documents d where d.org_id = r.org_id and d.reminder_id = r.id) as has_document
      from reminders r
        join companies co on co.org_id = r.org_id and co.id = r.company_id
        left join customers c on c.org_id = r.org_id and c.company_id = r.company_id and c.account = r.customer_account
        left join users u on u.org_id = r.org_id and u.id = r.user_id
      where r.org_id = ${auth.orgId} and ${portfolioCondition(auth)}
    union all
    select 'action', a.id, a.company_id, co.code, a.customer_account, c.id, c.name, a.kind::text, 'done',
        'user', a.user_id, u.name, a.created_at, null, a.details->>'subject', null, null, false
      from dunning_actions a
        join companies co on co.org_id = a.org_id and co.id = a.company_id
        left join customers c on c.org_id = a.org_id and c.company_id = a.company_id and c.account = a.customer_account
        left join users u on u.org_id = a.org_id and u.id = a.user_id
      where a.org_id = ${auth.orgId} and a.kind = any(${sql.param(CONTACT_KINDS)}::text[]) and ${portfolioCondition(auth)}
  ) x`;
}

interface ActivityRow {
  source: 'reminder' | 'action';
  id: string;
  company_id: string;
  company_code: string;
  customer_account: string;
  customer_id: string | null;
  customer_name: string | null;
  channel: string;
  status: ActivityStatus;
  actor: string;
  user_id: string | null;
  user_name: string | null;
  at: string | Date;
  level: string | null;
  subject: string | null;
  total: number | string | null;
  currency: string | null;
  has_document: boolean;
}

function toActivity(r: ActivityRow): Activity {
  return {
    id: r.id,
    source: r.source,
    channel: r.channel,
    status: r.status,
    actor: r.actor === 'automatic' ? 'automatic' : 'user',
    userId: r.user_id,
    userName: r.user_name,
    at: new Date(r.at).toISOString(),
    companyId: r.company_id,
    companyCode: r.company_code,
    customerId: r.customer_id,
    customerAccount: r.customer_account,
    customerName: r.customer_name,
    level: r.level,
    subject: r.subject,
    total: r.total === null ? null : Number(r.total),
    currency: r.currency,
    hasDocument: r.has_document,
  };
}

/** One page of the organization's activities, latest first, with the filters of the page. */
export async function findActivities(
  db: Db,
  auth: Caller,
  query: ActivityListQuery,
): Promise<{ items: Activity[]; total: number; users: { id: string; name: string }[] }> {
  const conditions: SQL[] = [sql`true`];
  if (query.status) conditions.push(sql`x.status = ${query.status}`);
  if (query.channel) conditions.push(sql`x.channel = ${query.channel}`);
  if (query.actor === 'automatic') conditions.push(sql`x.actor = 'automatic'`);
  else if (query.actor) conditions.push(sql`x.actor <> 'automatic' and x.user_id = ${query.actor}`);
  if (query.companyId) conditions.push(sql`x.company_id = ${query.companyId}`);
  // Days are the organization's (Europe/Paris, as the nightly run's default) to match what is shown.
  if (query.from) conditions.push(sql`(x.at at time zone 'Europe/Paris')::date >= ${query.from}::date`);
  if (query.to) conditions.push(sql`(x.at at time zone 'Europe/Paris')::date <= ${query.to}::date`);
  if (query.search) {
    const pattern = likePattern(query.search);
    conditions.push(sql`(x.customer_name ilike ${pattern} or x.customer_account ilike ${pattern})`);
  }
  const where = sql.join(conditions, sql` and `);
  const rows = await selectRows<ActivityRow & { full_count: number }>(
    db,
    sql`select x.*, count(*) over ()::int as full_count from ${activitySource(auth)}
      where ${where}
      order by x.at desc, x.id
      limit ${query.pageSize} offset ${(query.page - 1) * query.pageSize}`,
  );
  let total = rows[0]?.full_count ?? 0;
  if (rows.length === 0 && query.page > 1) {
    const [count] = await selectRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from ${activitySource(auth)} where ${where}`,
    );
    total = count?.n ?? 0;
  }
  const users = await selectRows<{ id: string; name: string }>(
    db,
    sql`select u.id, u.name from users u where u.org_id = ${auth.orgId} order by lower(u.name), u.id`,
  );
  return { items: rows.map(toActivity), total, users };
}

/** One activity with its archived content (DUN-14); `null` when it is not the caller's to see. */
export async function findActivity(db: Db, auth: Caller, id: string): Promise<ActivityDetail | null> {
  const [row] = await selectRows<ActivityRow>(
    db,
    sql`select x.* from ${activitySource(auth)} where x.id = ${id} limit 1`,
  );
  if (!row) return null;
  const activity = toActivity(row);
  if (row.source === 'action') {
    const [action] = await selectRows<{
      outcome: string | null;
      comment: string | null;
      details: Record<string, unknown>;
      pieces: { piece_ref: string; due_date: string | null; amount: number | string | null }[] | null;
    }>(
      db,
      sql`select a.outcome, a.comment, a.details,
          (select json_agg(json_build_object('piece_ref', e.piece_ref, 'due_date', o.due_date, 'amount', o.amount)
             order by e.piece_ref)
           from entries e
             left join open_items o on o.org_id = e.org_id and o.company_id = e.company_id and o.entry_key = e.entry_key
           where e.org_id = a.org_id and e.company_id = a.company_id
             and e.entry_key in (select jsonb_array_elements_text(a.item_keys))) as pieces
        from dunning_actions a where a.org_id = ${auth.orgId} and a.id = ${id}`,
    );
    const details = action?.details ?? {};
    const list = (value: unknown) => (Array.isArray(value) ? value.join(', ') : null);
    // An email written on the record keeps the id of its message (DUN-14): shown as recorded.
    const [mail] =
      typeof details.mailId === 'string'
        ? await selectRows<{
            to_address: string;
            cc_addresses: string | null;
            from_name: string | null;
            reply_to: string | null;
            message_id: string | null;
            subject: string;
            text_body: string;
            html_body: string | null;
            status: string;
            transport_reply: string | null;
          }>(
            db,
            sql`select to_address, cc_addresses, from_name, reply_to, message_id, subject, text_body, html_body,
                status, transport_reply
              from mail_messages where org_id = ${auth.orgId} and id = ${details.mailId}::uuid`,
          )
        : [];
    return {
      ...activity,
      email: mail
        ? {
            to: mail.to_address,
            cc: mail.cc_addresses,
            fromName: mail.from_name ?? row.user_name,
            replyTo: mail.reply_to,
            messageId: mail.message_id,
            subject: mail.subject,
            text: mail.text_body,
            html: mail.html_body,
            deliveryStatus: mail.status,
            transportReply: mail.transport_reply,
            attachments: await findMailAttachmentList(db, auth.orgId, details.mailId as string),
          }
        : typeof details.subject === 'string'
          ? {
              to: list(details.to) ?? '',
              cc: list(details.cc) || null,
              fromName: row.user_name,
              replyTo: null,
              messageId: null,
              subject: details.subject,
              text: '',
              html: null,
              deliveryStatus: null,
              transportReply: null,
              attachments: recordedAttachmentList(details.attachments),
            }
          : null,
      items: (action?.pieces ?? []).map((p) => ({
        pieceRef: p.piece_ref,
        dueDate: p.due_date,
        amount: p.amount === null ? null : Number(p.amount),
      })),
      error: null,
      attempts: 0,
      outcome: action?.outcome ?? null,
      comment: action?.comment ?? null,
    };
  }
  const [reminder] = await selectRows<{
    items: ReminderItem[];
    error: string | null;
    attempts: number;
    content: ReminderContent | null;
    mail_id: string | null;
    to_address: string | null;
    cc_addresses: string | null;
    from_name: string | null;
    reply_to: string | null;
    message_id: string | null;
    mail_subject: string | null;
    text_body: string | null;
    html_body: string | null;
    mail_status: string | null;
    transport_reply: string | null;
  }>(
    db,
    sql`select r.items, r.error, r.attempts, r.content, r.mail_id, m.to_address, m.cc_addresses, m.from_name, m.reply_to,
        coalesce(m.message_id, r.message_id) as message_id, m.subject as mail_subject, m.text_body,
        m.html_body, m.status as mail_status, m.transport_reply
      from reminders r
        left join mail_messages m on m.org_id = r.org_id and m.id = r.mail_id
      where r.org_id = ${auth.orgId} and r.id = ${id}`,
  );
  if (!reminder) return null;
  // The message as it went (mail_messages); else, for a reminder not handed to the mailer yet,
  // what the reminder recorded.
  const email =
    reminder.mail_subject !== null
      ? {
          to: reminder.to_address ?? '',
          cc: reminder.cc_addresses,
          fromName: reminder.from_name,
          replyTo: reminder.reply_to,
          messageId: reminder.message_id,
          subject: reminder.mail_subject,
          text: reminder.text_body ?? '',
          html: reminder.html_body,
          deliveryStatus: reminder.mail_status,
          transportReply: reminder.transport_reply,
          attachments: reminder.mail_id ? await findMailAttachmentList(db, auth.orgId, reminder.mail_id) : [],
        }
      : reminder.content && row.channel === 'email'
        ? {
            to: reminder.content.to.join(', '),
            cc: reminder.content.cc.join(', ') || null,
            fromName: null,
            replyTo: null,
            messageId: reminder.message_id,
            subject: reminder.content.subject,
            text: reminder.content.text,
            html: reminder.content.html,
            deliveryStatus: null,
            transportReply: null,
            attachments: recordedAttachmentList(reminder.content.attachments),
          }
        : null;
  return {
    ...activity,
    email,
    items: reminder.items.map((i) => ({ pieceRef: i.pieceRef, dueDate: i.dueDate, amount: i.amount })),
    error: reminder.error,
    attempts: reminder.attempts,
    outcome: null,
    comment: null,
  };
}

type AttachmentList = NonNullable<ActivityDetail['email']>['attachments'];

/**
 * The files an email carried, as recorded with it (DUN-11, DUN-14): a stored invoice document,
 * or a file generated for the email — the statement of account, the only one there is (TPL-5).
 */
async function findMailAttachmentList(db: Db, orgId: string, mailId: string): Promise<AttachmentList> {
  const rows = await selectRows<{
    file_name: string;
    is_generated: boolean;
    size_bytes: number;
    sha256: string;
  }>(
    db,
    sql`select file_name, document_id is null as is_generated, size_bytes, sha256 from mail_attachments
      where org_id = ${orgId} and mail_id = ${mailId}::uuid order by ordinal`,
  );
  return rows.map((r) => ({
    fileName: r.file_name,
    kind: r.is_generated ? 'statement' : 'invoice',
    sizeBytes: r.size_bytes,
    sha256: r.sha256,
  }));
}

/** The same list from what a reminder or an action recorded before its email was written. */
function recordedAttachmentList(value: unknown): AttachmentList {
  if (!Array.isArray(value)) return [];
  return (value as ReminderAttachment[]).map((a) => ({
    fileName: a.file,
    // TPL-5: the statement serves no piece; an invoice PDF serves at least one.
    kind: a.pieces.length === 0 ? 'statement' : 'invoice',
    sizeBytes: a.sizeBytes,
    sha256: a.sha256,
  }));
}

/** The letter's PDF as produced (DUN-14), when the reminder is the caller's to see. */
export async function findActivityDocument(db: Db, auth: Caller, id: string): Promise<Buffer | null> {
  const [row] = await selectRows<{ pdf: Buffer | Uint8Array }>(
    db,
    sql`select d.pdf from reminder_documents d
        join reminders r on r.org_id = d.org_id and r.id = d.reminder_id
        left join customers c on c.org_id = r.org_id and c.company_id = r.company_id and c.account = r.customer_account
      where d.org_id = ${auth.orgId} and d.reminder_id = ${id} and ${portfolioCondition(auth)}`,
  );
  return row ? Buffer.from(row.pdf) : null;
}
