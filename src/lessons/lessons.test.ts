import { describe, expect, it } from 'vitest';
import { validateDocument } from '../model';
import { LESSONS, withEdit } from './index';

describe('lessons', () => {
  it('has the seventeen lessons with unique ids', () => {
    expect(LESSONS).toHaveLength(17);
    expect(new Set(LESSONS.map((l) => l.id)).size).toBe(LESSONS.length);
  });

  for (const lesson of LESSONS) {
    it(`${lesson.id}: documents and changes are valid`, () => {
      expect(validateDocument(lesson.document)).toEqual([]);
      expect(lesson.steps.length).toBeGreaterThanOrEqual(2);
      let doc = lesson.document;
      for (const step of lesson.steps) {
        const change = step.change;
        if (!change) continue;
        if (change.kind === 'document') doc = change.document;
        else {
          expect(
            doc.nodes.some((n) => n.id === change.node),
            `${change.node} exists`,
          ).toBe(true);
          doc = withEdit(doc, change.node, change.path, change.value);
        }
        expect(validateDocument(doc)).toEqual([]);
      }
      expect(lesson.steps.some((s) => s.change)).toBe(true);
    });
  }
});
