/** Documents with known answers for the findings, goals and export tests, run through the real simulator. */
import { restoreDocument, type Architecture } from '../../model';
import { Simulation, type SimSummary, type WindowSample } from '../../sim';

export interface ScenarioNode {
  id: string;
  type: string;
  label?: string;
  config?: Record<string, unknown>;
}

export function scenario(
  nodes: ScenarioNode[],
  edges: [string, string, string?][],
  extra: { settings?: Record<string, unknown>; faults?: unknown[]; goals?: unknown[] } = {},
): Architecture {
  const raw = {
    format: 'serverless-sandbox',
    version: 1,
    name: 'scenario',
    settings: { seed: 7, durationS: 60, ...extra.settings },
    nodes: nodes.map((n, i) => ({ ...n, position: { x: i * 200, y: 0 }, config: n.config ?? {} })),
    edges: edges.map(([source, target, kind], i) => ({ id: `e${i + 1}`, source, target, ...(kind ? { kind } : {}) })),
    faults: extra.faults ?? [],
    ...(extra.goals ? { goals: extra.goals } : {}),
  };
  const r = restoreDocument(raw);
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.document;
}

export function simulate(doc: Architecture): { summary: SimSummary; windows: WindowSample[] } {
  const sim = new Simulation(doc, {});
  sim.runToEnd();
  return { summary: sim.summary(), windows: sim.history() };
}

/** 200 rps of 100 ms requests into a function reserved at 10: about half are throttled. */
export const throttlingDiagram = () =>
  scenario(
    [
      { id: 'users', type: 'client', label: 'Shoppers', config: { traffic: { shape: 'constant', rps: 200 } } },
      { id: 'api', type: 'apiGateway', label: 'Orders API' },
      {
        id: 'fn',
        type: 'lambda',
        label: 'getOrder',
        config: { reservedConcurrency: 10, memoryMb: 512, handler: { distribution: 'exponential', meanMs: 100 } },
      },
    ],
    [
      ['users', 'api'],
      ['api', 'fn'],
    ],
    { settings: { durationS: 30 } },
  );

/** Steady light traffic on a fast function: nothing to report. */
export const calmDiagram = (fnConfig: Record<string, unknown> = {}) =>
  scenario(
    [
      { id: 'users', type: 'client', label: 'Shoppers', config: { traffic: { shape: 'constant', rps: 20 } } },
      { id: 'api', type: 'apiGateway', label: 'Orders API', config: { flavor: 'http' } },
      { id: 'fn', type: 'lambda', label: 'getOrder', config: { memoryMb: 512, handler: { distribution: 'constant', meanMs: 20 }, ...fnConfig } },
    ],
    [
      ['users', 'api'],
      ['api', 'fn'],
    ],
    { settings: { durationS: 120 } },
  );
