/** Ids named after object built-ins are ordinary ids: records, restore and share links keep them. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbitraryDocument, TRICKY_IDS } from '../sam/testing/arbitraryDocument';
import { ownValue, recordById, restoreDocument } from './index';
import { decodeShareHash, encodeShareHash } from './share';

describe('ids are just text', () => {
  it('a record by id keeps __proto__, constructor and toString as its own keys', () => {
    const rec = recordById<number>();
    TRICKY_IDS.forEach((id, i) => (rec[id] = i));
    expect(Object.keys(rec)).toEqual([...TRICKY_IDS]);
    expect(JSON.parse(JSON.stringify(rec))).toEqual(Object.fromEntries(TRICKY_IDS.map((id, i) => [id, i])));
    expect(ownValue({} as Record<string, number>, 'toString')).toBeUndefined();
    expect(ownValue(rec, 'constructor')).toBe(1);
  });

  it('documents with such ids restore and survive a share link exactly', () => {
    fc.assert(
      fc.property(arbitraryDocument(6, { trickyIds: true, minNodes: 2 }), (doc) => {
        const back = decodeShareHash(encodeShareHash(doc));
        expect(back.ok && back.document).toEqual(doc);
        const again = restoreDocument(JSON.parse(JSON.stringify(doc)));
        expect(again.ok && again.document).toEqual(doc);
      }),
      { numRuns: 30, seed: 7 },
    );
  });
});
