import { describe, expect, it } from 'vitest';
import { ACTIONS, actionFor, shortcutText } from './actions';

const key = (k: string, mods: { ctrl?: boolean; shift?: boolean; alt?: boolean; code?: string } = {}) =>
  ({ key: k, code: mods.code ?? '', ctrlKey: Boolean(mods.ctrl), metaKey: false, shiftKey: Boolean(mods.shift), altKey: Boolean(mods.alt) }) as KeyboardEvent;

describe('the one list of keyboard actions', () => {
  it('holds the editor and the simulation keys, each found only by its own handler', () => {
    expect(actionFor(key('z', { ctrl: true }))?.id).toBe('undo');
    expect(actionFor(key(' '), 'simulation')?.id).toBe('toggleRun');
    expect(actionFor(key(' '))).toBeUndefined(); // the editor's handler leaves Space to the simulation
    expect(actionFor(key('.'), 'simulation')?.id).toBe('step');
    expect(actionFor(key('z', { ctrl: true }), 'simulation')).toBeUndefined();
  });

  it('reset answers R with or without Shift, never with Ctrl or Alt (browser reload stays the browser’s)', () => {
    expect(actionFor(key('r'), 'simulation')?.id).toBe('reset');
    expect(actionFor(key('R', { shift: true }), 'simulation')?.id).toBe('reset');
    expect(actionFor(key('r', { ctrl: true }), 'simulation')).toBeUndefined();
    expect(actionFor(key('r', { alt: true }), 'simulation')).toBeUndefined();
  });

  it('names every shortcut for the help dialog and tooltips', () => {
    expect(shortcutText('toggleRun')).toBe('Space');
    expect(shortcutText('reset')).toBe('R');
    expect(shortcutText('fitView')).toBe('Shift+1');
    expect(actionFor(key('!', { shift: true, code: 'Digit1' }))?.id).toBe('fitView');
    for (const action of Object.values(ACTIONS)) expect(action.label.length).toBeGreaterThan(2);
  });
});
