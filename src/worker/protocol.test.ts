import { describe, expect, it } from 'vitest';
import { defaultScenario } from '../model';
import { PROTOCOL_VERSION, fromWorker, parseCommand, parseReply, toWorker } from './protocol';

describe('protocol', () => {
  it('stamps the version on every message both ways', () => {
    expect(toWorker({ type: 'run' })).toEqual({ type: 'run', v: PROTOCOL_VERSION });
    expect(fromWorker({ type: 'updated', outcome: 'applied' })).toEqual({ type: 'updated', outcome: 'applied', v: PROTOCOL_VERSION });
  });

  it('accepts each well-formed command', () => {
    const doc = defaultScenario();
    const commands = [
      toWorker({ type: 'load', doc }),
      toWorker({ type: 'run' }),
      toWorker({ type: 'pause' }),
      toWorker({ type: 'step' }),
      toWorker({ type: 'reset' }),
      toWorker({ type: 'setSpeed', speed: 'max' }),
      toWorker({ type: 'setSpeed', speed: 100 }),
      toWorker({ type: 'update', doc }),
      toWorker({ type: 'injectFault', fault: { kind: 'down', atS: 0, node: 'table', lengthS: 30 } }),
      toWorker({ type: 'clearFaults', nodeId: 'table' }),
      toWorker({ type: 'history' }),
    ];
    for (const command of commands) expect(parseCommand(command)).toEqual({ ok: true, command });
  });

  it('survives structured cloning unchanged', () => {
    const command = toWorker({ type: 'load', doc: defaultScenario() });
    expect(parseCommand(structuredClone(command))).toEqual({ ok: true, command });
  });

  it('refuses another version, unknown types and missing fields, saying which', () => {
    expect(parseCommand({ v: 2, type: 'run' })).toEqual({ ok: false, reason: expect.stringContaining('version 2') });
    expect(parseCommand({ v: PROTOCOL_VERSION, type: 'explode' })).toEqual({ ok: false, reason: expect.stringContaining('explode') });
    expect(parseCommand({ v: PROTOCOL_VERSION, type: 'setSpeed', speed: 7 })).toEqual({ ok: false, reason: expect.stringContaining('7') });
    expect(parseCommand({ v: PROTOCOL_VERSION, type: 'load' })).toEqual({ ok: false, reason: expect.stringContaining('document') });
    expect(parseCommand({ v: PROTOCOL_VERSION, type: 'clearFaults' }).ok).toBe(false);
    expect(parseCommand({ v: PROTOCOL_VERSION, type: 'injectFault', fault: 3 }).ok).toBe(false);
    expect(parseCommand(null).ok).toBe(false);
    expect(parseCommand('run').ok).toBe(false);
  });

  it('checks replies the same way', () => {
    expect(parseReply(fromWorker({ type: 'error', message: 'x' })).ok).toBe(true);
    expect(parseReply({ v: PROTOCOL_VERSION, type: 'nope' }).ok).toBe(false);
    expect(parseReply({ type: 'frame' }).ok).toBe(false);
  });
});
