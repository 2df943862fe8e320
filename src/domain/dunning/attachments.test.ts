import { describe, expect, it } from 'vitest';
import { ATTACHMENT_LIMITS, planAttachments } from './attachments';

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
