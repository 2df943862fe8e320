import {
  CONTACT_FIELDS,
  type ContactField,
  type ContactPatch,
  type ContactValues,
} from '../../../contracts/customer-record';
import type { ContactOverrides, PostalAddress } from '../../db/schema';

/** What a sync wrote about a customer's contact. */
export interface SynchronizedContact {
  name: string;
  email: string | null;
  phone: string | null;
  address: PostalAddress | null;
  language: string | null;
}

function cleanAddress(address: PostalAddress | null | undefined): PostalAddress | null {
  if (!address) return null;
  const clean: PostalAddress = {};
  for (const key of ['line1', 'line2', 'postalCode', 'city', 'country'] as const) {
    const value = address[key];
    if (typeof value === 'string' && value.trim() !== '') clean[key] = value.trim();
  }
  return Object.keys(clean).length > 0 ? clean : null;
}

/**
 * The contact in effect (IMP-8): each field the user overrode wins over the synchronized one.
 * @example resolveContact({ name: 'A', email: 'a@x.fr', phone: null, address: null, language: null }, { email: 'b@x.fr' }).effective.email // 'b@x.fr'
 */
export function resolveContact(
  sync: SynchronizedContact,
  overrides: ContactOverrides,
): { effective: ContactValues; synchronized: ContactValues; overridden: ContactField[] } {
  const synchronized: ContactValues = {
    name: sync.name,
    email: sync.email,
    phone: sync.phone,
    address: cleanAddress(sync.address),
    language: sync.language,
  };
  const overridden = CONTACT_FIELDS.filter((field) => overrides[field] !== undefined);
  const effective: ContactValues = { ...synchronized };
  if (overrides.name !== undefined) effective.name = overrides.name;
  if (overrides.email !== undefined) effective.email = overrides.email;
  if (overrides.phone !== undefined) effective.phone = overrides.phone;
  if (overrides.address !== undefined) effective.address = cleanAddress(overrides.address);
  if (overrides.language !== undefined) effective.language = overrides.language;
  return { effective, synchronized, overridden };
}

/**
 * The overrides after a user's change: a value sets the field's override, `null` drops it.
 * @example applyContactPatch({ email: 'a@x.fr' }, { email: null, phone: '01 02' }) // { phone: '01 02' }
 */
export function applyContactPatch(current: ContactOverrides, patch: ContactPatch): ContactOverrides {
  const next: ContactOverrides = { ...current };
  for (const field of CONTACT_FIELDS) {
    if (!(field in patch)) continue;
    const value = patch[field];
    if (value === null || value === undefined) {
      delete next[field];
    } else if (field === 'address') {
      const address = cleanAddress(value as PostalAddress);
      if (address) next.address = address;
      else delete next.address;
    } else {
      next[field] = value as string;
    }
  }
  return next;
}

/**
 * The overrides once the named fields (or all) are restored to the synchronized data (IMP-8).
 * @example restoreContactFields({ email: 'a@x.fr', phone: '1' }, ['email']) // { phone: '1' }
 */
export function restoreContactFields(
  current: ContactOverrides,
  fields: readonly ContactField[] | undefined,
): ContactOverrides {
  if (!fields) return {};
  const next: ContactOverrides = { ...current };
  for (const field of fields) delete next[field];
  return next;
}
