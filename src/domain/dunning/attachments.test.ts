import { describe, expect, it } from 'vitest';
import { ATTACHMENT_LIMITS, limitsAfter, planAttachments } from './attachments';

const doc = (documentId: string, sizeBytes: number) => ({ documentId, sizeBytes });
const MB = 1024 * 1024;

describe('planAttachments (DUN-11, TPL-5)', () => {
  const cases: {
    rule: string;
    pieces: string[];
    documents: [string, ReturnType<typeof doc>][];
    attached: string[][];
    leftOut: string[];
  }[] = [
    {
      rule: 'pieces without a document are neither attached nor named',
      pieces: ['FA1', 'FA2', 'FA3'],
      documents: [['FA2', doc('d2', 100)]],
      attached: [['FA2']],
      leftOut: [],
    },
    {
      rule: 'one PDF serving two pieces goes once',
      pieces: ['FA1', 'FA2'],
      documents: [
        ['FA1', doc('d1', 100)],
        ['FA2', doc('d1', 100)],
      ],
      attached: [['FA1', 'FA2']],
      leftOut: [],
    },
    {
      rule: 'DUN-11 at most 15 MB in all: the file that would pass it and every later one are left out',
      pieces: ['FA1', 'FA2', 'FA3', 'FA4'],
      documents: [
        ['FA1', doc('d1', 10 * MB)],
        ['FA2', doc('d2', 5 * MB)],
        ['FA3', doc('d3', 1)],
        ['FA4', doc('d4', 1)],
      ],
      attached: [['FA1'], ['FA2']],
      leftOut: ['FA3', 'FA4'],
    },
    {
      rule: 'DUN-11 exactly 15 MB is allowed',
      pieces: ['FA1', 'FA2'],
      documents: [
        ['FA1', doc('d1', 7 * MB)],
        ['FA2', doc('d2', 8 * MB)],
      ],
      attached: [['FA1'], ['FA2']],
      leftOut: [],
    },
  ];
  for (const c of cases) {
    it(c.rule, () => {
      const plan = planAttachments(c.pieces, new Map(c.documents));
      expect(plan.attached.map((a) => a.pieces)).toEqual(c.attached);
      expect(plan.leftOut).toEqual(c.leftOut);
    });
  }

  it('DUN-11 at most 15 files: the 16th and later are left out', () => {
    const pieces = Array.from({ length: 20 }, (_, i) => `FA${i + 1}`);
    const plan = planAttachments(pieces, new Map(pieces.map((p) => [p, doc(`d-${p}`, 1000)])));
    expect(plan.attached).toHaveLength(ATTACHMENT_LIMITS.files);
    expect(plan.leftOut).toEqual(pieces.slice(15));
  });
});

describe('limitsAfter (DUN-11, TPL-5)', () => {
  it.each([
    { rule: 'no file asked for: the whole limits', files: [], left: { files: 15, bytes: 15 * MB } },
    {
      rule: 'TPL-5 the statement counts as one file of its size',
      files: [{ sizeBytes: 40_000 }],
      left: { files: 14, bytes: 15 * MB - 40_000 },
    },
    {
      rule: 'DUN-11 a statement of exactly 15 MB leaves nothing',
      files: [{ sizeBytes: 15 * MB }],
      left: { files: 14, bytes: 0 },
    },
    { rule: 'DUN-11 a statement over 15 MB cannot go', files: [{ sizeBytes: 15 * MB + 1 }], left: null },
  ])('$rule', ({ files, left }) => {
    expect(limitsAfter(files)).toEqual(left);
  });

  it('DUN-11 with the statement in, the invoices fill 14 files at most', () => {
    const pieces = Array.from({ length: 16 }, (_, i) => `FA${i}`);
    const documents = new Map(pieces.map((p) => [p, doc(p, 10)]));
    const plan = planAttachments(pieces, documents, limitsAfter([{ sizeBytes: 1000 }])!);
    expect(plan.attached).toHaveLength(14);
    expect(plan.leftOut).toEqual(['FA14', 'FA15']);
  });
});
