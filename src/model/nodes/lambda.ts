import { bool, enumOf, int, nullableInt, num, union } from '../fields';
import { RUNTIMES, SNAPSTART_RUNTIMES } from '../runtimes';
import { defineKind } from './kind';

const meanMs = (def: number, min = 0, max = 900_000) =>
  num({ label: 'Mean', unit: 'ms', min, max, default: def, hint: 'Mean handler time at 1,769 MB (one full vCPU) before downstream calls.' });

export const handlerSpec = union({
  label: 'Handler time',
  hint: 'Time the handler spends on its own work, excluding calls to other services (those are simulated).',
  discriminator: 'distribution',
  default: 'lognormal',
  variants: {
    constant: { label: 'Constant', fields: { meanMs: meanMs(50) } },
    exponential: { label: 'Exponential', fields: { meanMs: meanMs(50) } },
    lognormal: {
      label: 'Log-normal',
      fields: {
        meanMs: meanMs(50, 0.1, 450_000),
        p99Ms: num({
          label: 'p99',
          unit: 'ms',
          min: 0.2,
          max: 900_000,
          default: 250,
          hint: 'The slowest 1% take longer than this. Must exceed the mean and be at most ~15× it.',
        }),
      },
    },
  },
});

/** Account concurrency that always stays unreserved. */
export const UNRESERVED_FLOOR = 100;

export const lambdaKind = defineKind({
  type: 'lambda',
  label: 'Lambda',
  description: 'Functions run in execution environments that start cold, stay warm, and are capped by concurrency.',
  category: 'compute',
  capabilities: ['compute'],
  handlerCalls: ['data', 'send', 'invoke', 'asyncInvoke', 'publish', 'objects', 'putEvents', 'startExecution', 'putRecords', 'sql'],
  entry: { ratePerS: 10, when: 'fallback', unit: 'requests', verb: 'invokes' },
  knobs: [
    { path: ['memoryMb'], label: 'memory', unit: 'MB', min: 128, max: 10_240 },
    { path: ['reservedConcurrency'], label: 'reserved', unit: '', min: 0, max: 999_900, nullLabel: 'unreserved' },
    { path: ['provisionedConcurrency'], label: 'provisioned', unit: '', min: 0, max: 999_900 },
  ],
  docsUrl: 'https://docs.aws.amazon.com/lambda/latest/dg/lambda-concurrency.html',
  fields: {
    runtime: enumOf({
      label: 'Runtime',
      hint: 'Sets cold-start (INIT) time: ~50 ms (OS-only) to ~250 ms (.NET, Ruby, Java) for a trivial .zip function (measured medians).',
      default: 'nodejs22.x',
      options: RUNTIMES.map((r) => ({ value: r.id, label: r.label })),
    }),
    architecture: enumOf({
      label: 'Architecture',
      hint: 'arm64 (Graviton) costs 20% less per GB-second than x86_64.',
      default: 'x86_64',
      options: [
        { value: 'x86_64', label: 'x86_64' },
        { value: 'arm64', label: 'arm64 (Graviton)' },
      ],
    }),
    packageType: enumOf({
      label: 'Package type',
      hint: 'A .zip archive or a container image. An image starts 50–150 ms slower for a trivial function, with a longer tail (measured). SnapStart needs .zip.',
      default: 'zip',
      options: [
        { value: 'zip', label: '.zip archive' },
        { value: 'image', label: 'Container image' },
      ],
    }),
    memoryMb: int({
      label: 'Memory',
      unit: 'MB',
      min: 128,
      max: 10_240,
      default: 128,
      hint: '128–10,240 MB; CPU grows with memory, 1 vCPU at 1,769 MB (max 6 vCPU).',
    }),
    timeoutMs: int({
      label: 'Timeout',
      unit: 'ms',
      min: 1_000,
      max: 900_000,
      default: 3_000,
      hint: '1 s–15 min; default 3 s. An invocation still running then is stopped and fails.',
    }),
    reservedConcurrency: nullableInt({
      label: 'Reserved concurrency',
      min: 0,
      max: 999_900,
      default: null,
      nullLabel: 'unreserved: shares the account pool',
      setLabel: 'Reserve',
      hint: 'Both a cap and a guarantee carved from the account pool; 0 throttles every call. At most account − 100.',
    }),
    provisionedConcurrency: int({
      label: 'Provisioned concurrency',
      min: 0,
      max: 999_900,
      default: 0,
      hint: 'Environments kept initialised: no cold starts up to this many, billed while enabled.',
    }),
    snapStart: bool({
      label: 'SnapStart',
      default: false,
      hint: 'Java 11+, Python 3.12+, .NET 8+ (.zip only): restore a snapshot instead of running INIT — measured 0.6–1 s, slower than a trivial init. Not with provisioned concurrency.',
    }),
    handler: handlerSpec,
    cpuBound: num({
      label: 'CPU-bound share',
      min: 0,
      max: 1,
      step: 0.05,
      default: 0.3,
      hint: 'Share of handler time that speeds up with more memory (more vCPU); the rest is waiting.',
    }),
    errorRate: num({
      label: 'Error rate',
      min: 0,
      max: 1,
      step: 0.01,
      default: 0,
      hint: 'Share of invocations whose handler throws. Async events are retried twice.',
    }),
    idleTimeoutS: int({
      label: 'Idle lifetime',
      unit: 's',
      min: 10,
      max: 7_200,
      default: 600,
      hint: 'An idle environment is reclaimed after about 10 min (measured 2019); the next request starts cold.',
    }),
    initCodeMs: int({
      label: 'Init code',
      unit: 'ms',
      min: 0,
      max: 10_000,
      default: 0,
      hint: 'Your code outside the handler (SDK clients, config), run once per environment. INIT is capped at 10 s.',
    }),
    packageMb: num({
      label: 'Package size',
      unit: 'MB',
      min: 0,
      max: 250,
      default: 1,
      hint: '.zip deployment package; each MB adds ~35 ms to a cold start (Node.js measurement). Not applied to container images.',
    }),
    vpc: bool({
      label: 'VPC access',
      default: false,
      hint: 'Attach the function to a VPC (needed to reach RDS or RDS Proxy). Since 2019 Lambda creates the Hyperplane ENIs when the function is created or updated, not at cold start: no extra cold-start time.',
    }),
    maxRetryAttempts: int({
      label: 'Async retries',
      min: 0,
      max: 2,
      default: 2,
      hint: 'Retries after a function error for asynchronous invocations (0–2; ~1 min then ~2 min apart).',
    }),
    maxEventAgeS: int({
      label: 'Max event age',
      unit: 's',
      min: 60,
      max: 21_600,
      default: 21_600,
      hint: 'Async events older than this are dropped or sent to the on-failure destination (60 s–6 h).',
    }),
  },
  crossCheck: (c, doc) => {
    const problems: { field: string[]; message: string }[] = [];
    const cap = c.reservedConcurrency ?? doc.settings.accountConcurrency - UNRESERVED_FLOOR;
    if (c.provisionedConcurrency > Math.max(0, cap)) {
      problems.push({
        field: ['provisionedConcurrency'],
        message: `${c.provisionedConcurrency} is more than the function may use (${Math.max(0, cap)}${c.reservedConcurrency !== null ? ', its reserved concurrency' : ', the account limit less the 100 kept unreserved'})`,
      });
    }
    if (c.snapStart && !SNAPSTART_RUNTIMES.includes(c.runtime)) {
      problems.push({ field: ['snapStart'], message: `SnapStart is not available for ${c.runtime}; it supports Java 11+, Python 3.12+ and .NET 8+` });
    }
    if (c.snapStart && c.packageType === 'image') {
      problems.push({ field: ['snapStart'], message: 'SnapStart does not support container images; use a .zip package or turn SnapStart off' });
    }
    if (c.snapStart && c.provisionedConcurrency > 0) {
      problems.push({ field: ['snapStart'], message: 'SnapStart cannot be used together with provisioned concurrency; turn one of them off' });
    }
    const h = c.handler;
    if (h.distribution === 'lognormal' && !(h.p99Ms > h.meanMs && h.p99Ms <= h.meanMs * 14.9)) {
      problems.push({
        field: ['handler', 'p99Ms'],
        message: `${h.p99Ms} ms must be above the mean (${h.meanMs} ms) and at most 14.9 × the mean for a log-normal distribution`,
      });
    }
    return problems;
  },
  summary: (c) => {
    const limits = [
      c.reservedConcurrency === null ? null : `reserved ${c.reservedConcurrency}`,
      c.provisionedConcurrency > 0 ? `provisioned ${c.provisionedConcurrency}` : null,
      c.snapStart ? 'SnapStart' : null,
    ].filter(Boolean);
    return [
      `${c.memoryMb.toLocaleString('en-US')} MB · ${c.architecture}`,
      limits.length ? limits.join(' · ') : 'unreserved',
      c.packageType === 'image' ? `${c.runtime} · image` : c.runtime,
    ];
  },
});
