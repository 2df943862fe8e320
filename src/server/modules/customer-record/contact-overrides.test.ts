import { describe, expect, it } from 'vitest';
import { applyContactPatch, resolveContact, restoreContactFields } from './contact-overrides';

const sync = {
  name: 'ACME',
  email: 'sync@acme.test',
  phone: null,
  address: { line1: '1 rue A', city: 'Lyon', country: '' },
  language: 'fr',
};

describe('contact overrides (IMP-8)', () => {
  it('IMP-8 each overridden field wins; the others stay synchronized', () => {
    const contact = resolveContact(sync, { email: 'me@acme.test', address: { city: 'Paris' } });
    expect(contact.effective).toEqual({
      name: 'ACME',
      email: 'me@acme.test',
      phone: null,
      address: { city: 'Paris' },
      language: 'fr',
    });
    expect(contact.synchronized.address).toEqual({ line1: '1 rue A', city: 'Lyon' });
    expect(contact.overridden).toEqual(['email', 'address']);
  });

  it('IMP-8 a patch sets values and drops the overrides it sets to null', () => {
    expect(applyContactPatch({ email: 'a@x.test', phone: '1' }, { email: null, name: 'N' })).toEqual({
      phone: '1',
      name: 'N',
    });
    expect(applyContactPatch({}, { address: { line1: ' ', city: ' Lyon ' } })).toEqual({
      address: { city: 'Lyon' },
    });
  });

  it('IMP-8 restore drops the named overrides, or all of them', () => {
    expect(restoreContactFields({ email: 'a@x.test', phone: '1' }, ['phone'])).toEqual({ email: 'a@x.test' });
    expect(restoreContactFields({ email: 'a@x.test', phone: '1' }, undefined)).toEqual({});
  });
});
