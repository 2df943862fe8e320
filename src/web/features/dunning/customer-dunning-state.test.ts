import { describe, expect, it } from 'vitest';
import {
  type ActionDraft,
  buildActionBody,
  type DunningItem,
  parseAddressList,
  promiseTone,
  summarizeSelection,
} from './customer-dunning-state';

const TODAY = '2024-04-30';

function item(key: string, over: Partial<DunningItem> = {}): DunningItem {
  return {
    entryKey: key,
    pieceRef: `F-${key}`,
    dueDate: '2024-03-31',
    amount: 10_000,
    level: 'R1',
    lastReminderDate: null,
    stopReason: null,
    disputeReason: null,
    isInCollection: false,
    promises: [],
    ...over,
  };
}

const draft: ActionDraft = {
  kind: 'call',
  countsForScenario: true,
  outcome: 'reached',
  comment: '  Paiement vendredi ',
  hasPromise: false,
  promiseDate: '',
  promiseAmount: '',
  to: '',
  cc: '',
  replyTo: 'claire@my-company.fr',
  subject: '',
  text: '',
  attachStatement: false,
};

describe('CSH-1 the colour of an item by its promises', () => {
  it.each([
    [[], null],
    [['expected'], 'expected'],
    [['expected', 'expected'], 'expected'],
    [['expected', 'late'], 'late'],
    [['late', 'cancelled'], 'late'],
    [['cancelled'], null],
    [['expected', 'cancelled'], 'expected'],
    [['kept'], null],
  ] as const)('%j → %s', (statuses, tone) => {
    expect(promiseTone(statuses.map((status) => ({ status })))).toBe(tone);
  });
});

describe('DUN-11 what a selection of items holds', () => {
  const items = [
    item('a', { stopReason: 'Litige' }),
    item('b', { amount: -2_500 }),
    item('c', { disputeReason: 'Prix', isInCollection: true }),
  ];
  it('keeps the card order and adds the amounts, credits included', () => {
    const s = summarizeSelection(items, new Set(['c', 'a', 'b']));
    expect(s.items.map((i) => i.entryKey)).toEqual(['a', 'b', 'c']);
    expect(s.total).toBe(17_500);
  });
  it('says whether a flag is on for all or some', () => {
    expect(summarizeSelection(items, new Set(['a']))).toMatchObject({
      isAllStopped: true,
      isAnyStopped: true,
    });
    expect(summarizeSelection(items, new Set(['a', 'b']))).toMatchObject({
      isAllStopped: false,
      isAnyStopped: true,
      isAnyDisputed: false,
    });
    expect(summarizeSelection(items, new Set(['c']))).toMatchObject({
      isAllDisputed: true,
      isAllInCollection: true,
    });
    expect(summarizeSelection(items, new Set())).toMatchObject({
      total: 0,
      isAllStopped: false,
      isAllDisputed: false,
      isAllInCollection: false,
    });
  });
});

describe('parseAddressList', () => {
  it('splits on commas, semicolons and spaces', () => {
    expect(parseAddressList(' a@x.fr; b@y.com ,c@z.org ')).toEqual(['a@x.fr', 'b@y.com', 'c@z.org']);
    expect(parseAddressList('')).toEqual([]);
  });
  it('refuses a word that is not an address', () => {
    expect(parseAddressList('a@x.fr, bob')).toBeNull();
  });
});

describe('DUN-11 CSH-1 the body of a manual action', () => {
  it('a call that counts, with its outcome and a trimmed comment', () => {
    expect(buildActionBody(draft, ['a', 'b'], TODAY)).toEqual({
      body: {
        kind: 'call',
        entryKeys: ['a', 'b'],
        countsForScenario: true,
        outcome: 'reached',
        comment: 'Paiement vendredi',
      },
      errors: [],
    });
  });
  it('a promise on one item carries the amount typed; on several, each open amount', () => {
    const withPromise = { ...draft, hasPromise: true, promiseDate: '2024-05-10', promiseAmount: '1 234,50' };
    expect(buildActionBody(withPromise, ['a'], TODAY).body?.promise).toEqual({
      date: '2024-05-10',
      amount: 123_450,
    });
    expect(buildActionBody(withPromise, ['a', 'b'], TODAY).body?.promise).toEqual({ date: '2024-05-10' });
    expect(buildActionBody({ ...withPromise, promiseAmount: '' }, ['a'], TODAY).body?.promise).toEqual({
      date: '2024-05-10',
    });
  });
  it('refuses a promise dated in the past, without a date, or of no amount', () => {
    const bad = { ...draft, hasPromise: true, promiseDate: '2024-04-29', promiseAmount: '0' };
    expect(buildActionBody(bad, ['a'], TODAY).errors).toEqual(['promiseDate', 'promiseAmount']);
    expect(buildActionBody({ ...bad, promiseDate: '', promiseAmount: 'abc' }, ['a'], TODAY).errors).toEqual([
      'promiseDate',
      'promiseAmount',
    ]);
    expect(buildActionBody({ ...bad, promiseDate: TODAY, promiseAmount: '' }, ['a'], TODAY).errors).toEqual(
      [],
    );
  });
  it('an outcome or a promise belongs to a call only', () => {
    const letter = { ...draft, kind: 'letter' as const, hasPromise: true, promiseDate: 'x' };
    expect(buildActionBody(letter, ['a'], TODAY)).toMatchObject({
      body: { kind: 'letter', outcome: null },
      errors: [],
    });
    expect(buildActionBody(letter, ['a'], TODAY).body).not.toHaveProperty('promise');
  });
  it('DUN-11 an email needs its recipients, one reply address (the user by default), subject and text', () => {
    const email = { ...draft, kind: 'email' as const, countsForScenario: false };
    expect(buildActionBody(email, ['a'], TODAY).errors).toEqual(['to', 'subject', 'text']);
    expect(buildActionBody({ ...email, to: 'ap@client.fr', cc: 'nope' }, ['a'], TODAY).errors).toEqual([
      'cc',
      'subject',
      'text',
    ]);
    expect(
      buildActionBody(
        { ...email, to: 'ap@client.fr', cc: 'boss@client.fr', subject: ' Relance ', text: 'Bonjour' },
        ['a'],
        TODAY,
      ).body?.email,
    ).toEqual({
      to: ['ap@client.fr'],
      cc: ['boss@client.fr'],
      replyTo: 'claire@my-company.fr',
      subject: 'Relance',
      text: 'Bonjour',
      attachStatement: false,
    });
    const written = { ...email, to: 'ap@client.fr', subject: 'Relance', text: 'Bonjour' };
    expect(buildActionBody({ ...written, replyTo: '' }, ['a'], TODAY).errors).toEqual(['replyTo']);
    // TPL-5: the statement on demand.
    expect(buildActionBody({ ...written, attachStatement: true }, ['a'], TODAY).body?.email).toMatchObject({
      attachStatement: true,
    });
    expect(buildActionBody({ ...written, replyTo: 'a@x.fr, b@x.fr' }, ['a'], TODAY).errors).toEqual([
      'replyTo',
    ]);
  });
});
