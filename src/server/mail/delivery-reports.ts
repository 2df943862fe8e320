import { simpleParser } from 'mailparser';
import { AppError } from '../errors/app-error';

/**
 * A delivery status notification (RFC 3464): the report a mail server sends back when a message
 * it had accepted could not be delivered — the bounce. Its `message/delivery-status` part holds
 * one block of fields for the message, then one per recipient (`Final-Recipient`, `Action`,
 * `Status`, `Diagnostic-Code`); the returned headers (`text/rfc822-headers` or the whole
 * `message/rfc822`) give the Message-ID of the message it is about.
 */
export interface DeliveryReport {
  /** The Message-ID of the returned message, `<…>`; `null` when the report does not say. */
  originalMessageId: string | null;
  recipients: DeliveryReportRecipient[];
}

export interface DeliveryReportRecipient {
  recipient: string;
  /** `failed`, `delayed`, `delivered`, `relayed` or `expanded`. */
  action: string;
  /** The enhanced status code, e.g. `5.1.1`. */
  status: string;
  /** The remote server's words, e.g. `smtp; 550 5.1.1 … User unknown`; `null` when absent. */
  diagnostic: string | null;
}

/** Header-like blocks separated by blank lines, continuation lines folded in (RFC 5322 §2.2.3). */
function fieldBlocks(text: string): Map<string, string>[] {
  return text
    .replace(/\r\n/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((block) => {
      const fields = new Map<string, string>();
      for (const line of block.replace(/\n[ \t]+/g, ' ').split('\n')) {
        const match = /^([A-Za-z][A-Za-z0-9-]*):\s*(.*)$/.exec(line.trim());
        if (match) fields.set(match[1]!.toLowerCase(), match[2]!.trim());
      }
      return fields;
    });
}

/** `rfc822; ana@example.com` → `ana@example.com`. */
const withoutType = (value: string) => value.replace(/^[^;]*;\s*/, '').trim();

/**
 * Reads a delivery status notification; refuses anything else with a clear error.
 * @example const report = await parseDeliveryReport(rawBytes)
 */
export async function parseDeliveryReport(raw: Buffer | string): Promise<DeliveryReport> {
  const mail = await simpleParser(raw);
  const type = mail.headers.get('content-type') as
    | { value?: string; params?: Record<string, string> }
    | undefined;
  if (type?.value !== 'multipart/report' || type.params?.['report-type']?.toLowerCase() !== 'delivery-status')
    throw new AppError(
      'invalid_input',
      'body: not a delivery status notification (RFC 3464: multipart/report; report-type=delivery-status)',
    );
  // mailparser keeps the delivery-status part with the text; the returned message comes apart.
  const recipients = fieldBlocks(mail.text ?? '')
    .filter((f) => f.has('final-recipient') && f.has('action'))
    .map((f) => ({
      recipient: withoutType(f.get('final-recipient')!),
      action: f.get('action')!.toLowerCase(),
      status: f.get('status') ?? '',
      diagnostic: f.get('diagnostic-code') ?? null,
    }));
  let originalMessageId: string | null = null;
  for (const part of mail.attachments) {
    if (part.contentType !== 'text/rfc822-headers' && part.contentType !== 'message/rfc822') continue;
    originalMessageId = (await simpleParser(part.content)).messageId ?? null;
    if (originalMessageId) break;
  }
  return { originalMessageId, recipients };
}
