import { enumOf, int, num, union } from '../fields';
import { defineKind } from './kind';

const rps = (label: string, def: number, hint = 'Requests per second offered by this client.') =>
  num({ label, unit: 'rps', min: 0, max: 1_000_000, default: def, hint });

export const trafficSpec = union({
  label: 'Traffic',
  hint: 'The shape of the offered load over the run.',
  discriminator: 'shape',
  default: 'constant',
  variants: {
    constant: { label: 'Constant', fields: { rps: rps('Rate', 50) } },
    ramp: {
      label: 'Ramp',
      fields: {
        fromRps: rps('From', 0, 'Rate at the start of the run.'),
        toRps: rps('To', 500, 'Rate reached at the end of the run (linear).'),
      },
    },
    spike: {
      label: 'Spike',
      fields: {
        baseRps: rps('Base rate', 20),
        peakRps: rps('Peak rate', 2000, 'Rate during the spike.'),
        atS: num({ label: 'Starts at', unit: 's', min: 0, max: 86_400, default: 60, hint: 'Simulated time the spike begins.' }),
        lengthS: num({ label: 'Length', unit: 's', min: 0, max: 86_400, default: 30, hint: 'How long the spike lasts.' }),
      },
    },
    diurnal: {
      label: 'Diurnal',
      fields: {
        minRps: rps('Minimum', 5, 'Rate at the quietest point of the cycle.'),
        maxRps: rps('Maximum', 200, 'Rate at the busiest point of the cycle.'),
        periodS: num({ label: 'Period', unit: 's', min: 1, max: 86_400, default: 600, hint: 'Length of one cycle (a sine wave), compressed from a day.' }),
      },
    },
  },
});

export const clientKind = defineKind({
  type: 'client',
  label: 'Client',
  description: 'Users or devices sending requests: the traffic that enters the architecture.',
  category: 'traffic',
  capabilities: ['trafficSource'],
  docsUrl: 'https://docs.aws.amazon.com/lambda/latest/dg/invocation-sync.html',
  fields: {
    invocation: enumOf({
      label: 'Invocation',
      hint: 'Sync waits for the answer; async (event) gets 202 at once and Lambda retries for it.',
      default: 'sync',
      options: [
        { value: 'sync', label: 'Synchronous (request/response)' },
        { value: 'async', label: 'Asynchronous (event)' },
      ],
    }),
    arrivals: enumOf({
      label: 'Arrivals',
      hint: 'Poisson: independent users, random gaps. Uniform: evenly spaced, like a load generator.',
      default: 'poisson',
      options: [
        { value: 'poisson', label: 'Poisson (random)' },
        { value: 'uniform', label: 'Evenly spaced' },
      ],
    }),
    traffic: trafficSpec,
    readRatio: num({ label: 'Read share', min: 0, max: 1, step: 0.05, default: 0.8, hint: 'Share of requests that read an item; the rest write one.' }),
    keys: int({
      label: 'Distinct keys',
      min: 1,
      max: 100_000_000,
      default: 10_000,
      hint: 'How many different items the requests touch (cache hit ratios depend on it).',
    }),
    zipfS: num({
      label: 'Key skew (Zipf s)',
      min: 0,
      max: 3,
      step: 0.1,
      default: 0.9,
      hint: '0 = every key equally popular; ~1 = a few hot keys get most requests.',
    }),
    callers: int({
      label: 'Distinct callers',
      min: 1,
      max: 10_000_000,
      default: 1_000,
      hint: 'How many different callers (tokens or signed identities) send the requests, each request from one of them at random. An authorizer caches its result per caller.',
    }),
    payloadKb: num({ label: 'Payload', unit: 'KB', min: 0, max: 6_144, default: 1, hint: 'Request size; Lambda sync payloads are limited to 6 MB.' }),
  },
  summary: (c) => {
    const t = c.traffic;
    const load =
      t.shape === 'constant'
        ? `${t.rps} rps`
        : t.shape === 'ramp'
          ? `${t.fromRps}→${t.toRps} rps`
          : t.shape === 'spike'
            ? `${t.baseRps}, spike ${t.peakRps} rps`
            : `${t.minRps}–${t.maxRps} rps`;
    return [load, `${c.invocation} · ${c.arrivals}`, `${Math.round(c.readRatio * 100)}% reads`];
  },
});
