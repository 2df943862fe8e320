import { describe, expect, it } from 'vitest';
import type { TodoLine } from '../../../contracts/dunning';
import {
  checkedLines,
  countByStatus,
  filterTodoLines,
  groupKeyOf,
  groupTodoLines,
  isCheckedByDefault,
  ownersOf,
  selectionState,
  selectLines,
} from './todo-lines';

let next = 0;
function line(fields: Partial<TodoLine>): TodoLine {
  next += 1;
  return {
    key: next.toString(16).padStart(64, '0'),
    customerId: '00000000-0000-4000-8000-000000000000',
    account: `C${next}`,
    name: `Customer ${next}`,
    kind: 'reminder',
    step: 2,
    level: 'R1',
    channel: 'email',
    isAutomatic: true,
    isDisputed: false,
    profileId: '00000000-0000-4000-8000-00000000000a',
    salesRep: null,
    collector: null,
    pieces: ['FA1'],
    total: 10_000,
    exclusion: null,
    rowStatus: null,
    error: null,
    ...fields,
  };
}

describe('DUN-9 to-do by scenario: lines grouped by step', () => {
  it('groups by level, so R1 by letter (step 1) and R1 by email (step 2) are one group', () => {
    const lines = [
      line({ level: 'R1', step: 2 }),
      line({ kind: 'notice', level: 'notice', step: 1 }),
      line({ level: 'R1', step: 1, channel: 'letter' }),
      line({ kind: 'thankYou', level: null, step: 6 }),
      line({ level: 'R3', step: 4 }),
    ];
    const groups = groupTodoLines(lines);
    expect(groups.map((g) => [g.key, g.lines.length])).toEqual([
      ['notice', 1],
      ['R1', 2],
      ['R3', 1],
      ['thankYou', 1],
    ]);
  });

  it('adds the totals in cents exactly, credits included', () => {
    const [group] = groupTodoLines([line({ total: 10 }), line({ total: 20 }), line({ total: -5 })]);
    // 0.1 + 0.2 in floats is not 0.3; in cents it is 30.
    expect(group?.total).toBe(25);
  });

  it('reads a thank-you by its kind, whatever its level', () => {
    expect(groupKeyOf({ kind: 'thankYou', level: 'R2' })).toBe('thankYou');
    expect(groupKeyOf({ kind: 'notice', level: 'notice' })).toBe('notice');
  });
});

describe('DUN-8 ticks: held-back lines start unchecked, disputed customers checked', () => {
  it.each([
    ['a plain line', {}, true],
    ['a customer in dispute (D)', { isDisputed: true }, true],
    ['below the threshold', { exclusion: 'belowThreshold' as const }, false],
    ['above the ceiling', { exclusion: 'aboveCeiling' as const }, false],
    ['already sent', { rowStatus: 'sent' as const }, false],
    ['being sent', { rowStatus: 'sending' as const }, false],
    ['failed before, to try again', { rowStatus: 'failed' as const }, true],
  ])('%s', (_name, fields, expected) => {
    expect(isCheckedByDefault(line(fields))).toBe(expected);
  });

  it('select all / none changes only the lines given, and the state follows', () => {
    const a = line({});
    const b = line({ exclusion: 'belowThreshold' });
    const c = line({});
    const lines = [a, b, c];
    expect(selectionState(lines, {})).toBe('some');
    const all = selectLines({}, lines, true);
    expect(checkedLines(lines, all)).toEqual(lines);
    expect(selectionState(lines, all)).toBe('all');
    const noneOfAB = selectLines(all, [a, b], false);
    expect(checkedLines(lines, noneOfAB)).toEqual([c]);
    expect(selectionState([a, b], noneOfAB)).toBe('none');
  });
});

describe('DUN-13 send results counted by status', () => {
  it('keeps the statuses in their order and leaves out zeros', () => {
    const key = 'a'.repeat(64);
    expect(
      countByStatus([
        { key, account: null, status: 'failed', error: 'refused' },
        { key, account: null, status: 'outbox', error: null },
        { key, account: null, status: 'sent', error: null },
        { key, account: null, status: 'outbox', error: null },
      ]),
    ).toEqual([
      ['sent', 1],
      ['outbox', 2],
      ['failed', 1],
    ]);
  });
});

describe('DUN-9 to-do filters: profile, portfolio, channel', () => {
  const other = '00000000-0000-4000-8000-00000000000b';
  const lines = [
    line({ account: 'A', salesRep: 'Julie', collector: 'Marc' }),
    line({ account: 'B', salesRep: 'Marc', collector: null, channel: 'letter' }),
    line({ account: 'C', salesRep: null, collector: null, profileId: other }),
  ];
  const accounts = (kept: TodoLine[]) => kept.map((l) => l.account);

  it('keeps every line without a filter', () => {
    expect(accounts(filterTodoLines(lines, { channel: null, profileId: null, owner: null }))).toEqual([
      'A',
      'B',
      'C',
    ]);
  });

  it('DUN-9 a person of the portfolio is the sales rep or the collector', () => {
    expect(accounts(filterTodoLines(lines, { channel: null, profileId: null, owner: 'Marc' }))).toEqual([
      'A',
      'B',
    ]);
    expect(accounts(filterTodoLines(lines, { channel: null, profileId: null, owner: 'Julie' }))).toEqual([
      'A',
    ]);
  });

  it('DUN-9 filters by profile and channel, together', () => {
    expect(accounts(filterTodoLines(lines, { channel: null, profileId: other, owner: null }))).toEqual(['C']);
    expect(accounts(filterTodoLines(lines, { channel: 'letter', profileId: null, owner: 'Marc' }))).toEqual([
      'B',
    ]);
    expect(filterTodoLines(lines, { channel: 'letter', profileId: other, owner: null })).toEqual([]);
  });

  it('lists the sales reps and collectors once, sorted', () => {
    expect(ownersOf(lines)).toEqual(['Julie', 'Marc']);
  });
});
