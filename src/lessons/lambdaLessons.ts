import { lessonDoc, type Lesson } from './lesson';

const api = (extra: Record<string, unknown> = {}) => ({ flavor: 'http', ...extra });

export const coldStarts: Lesson = {
  id: 'cold-starts',
  title: 'Cold starts and environment reuse',
  summary: 'Init code runs once per execution environment, not once per request.',
  misconception: '"Every Lambda request pays the start-up time."',
  learnt:
    'A cold start happens once per new execution environment, not once per request: steady traffic reuses warm environments, and a burst that needs more of them at once brings a new round. Init code makes every cold start slower, not the warm requests.',
  document: lessonDoc(
    'Lesson 1 — cold starts',
    [
      ['users', 'client', 'Shoppers', 0, 0, { traffic: { shape: 'spike', baseRps: 10, peakRps: 120, atS: 40, lengthS: 20 } }],
      ['api', 'apiGateway', 'Shop API', 1, 0, api()],
      ['fn', 'lambda', 'getProduct', 2, 0, { memoryMb: 512, idleTimeoutS: 30, handler: { distribution: 'lognormal', meanMs: 60, p99Ms: 200 } }],
      ['table', 'dynamodb', 'Products', 3, 0],
    ],
    [
      ['users', 'api'],
      ['api', 'fn'],
      ['fn', 'table'],
    ],
    { durationS: 120 },
  ),
  steps: [
    {
      title: 'Run it',
      text: 'A new execution environment runs your init code (runtime start, imports, SDK clients) once: a cold start. Lambda then keeps the environment and reuses it for the next requests, which start warm.',
      watch:
        'Cold starts appear in the first second, then stop while traffic is steady. The spike at 40 s needs more environments at once, so a second burst of cold starts appears — and no more after it.',
      check: { label: 'Cold starts happen as environments are created', measure: { of: 'total', field: 'coldStarts' }, op: '>', value: 0 },
    },
    {
      title: 'Make init heavy',
      text: 'Load a large SDK or a framework outside the handler: 800 ms of init code. Only the requests that land on a new environment pay it; p50 does not move.',
      watch: 'The cold-start count stays the same while the maximum latency grows by about 800 ms. p50 is unchanged.',
      check: { label: 'Cold starts stay rare: under 5% of requests', measure: { of: 'coldStartShare' }, op: '<', value: 0.05, unit: 'percent' },
      change: { kind: 'edit', label: 'Add 800 ms of init code', node: 'fn', path: ['initCodeMs'], value: 800 },
    },
    {
      title: 'Idle environments are reclaimed',
      text: 'Idle environments do not live forever: AWS reclaims them after a while (measured around 10 minutes; 30 s here to see it). After the spike most environments sit idle and are reclaimed.',
      watch: 'On the Lambda node, warm idle environments fall back after the spike as they are reclaimed.',
    },
  ],
};

export const provisioned: Lesson = {
  id: 'provisioned-concurrency',
  title: 'Provisioned concurrency removes cold starts',
  summary: 'Pre-initialised environments answer at once — and are billed all the time.',
  misconception: '"Provisioned concurrency makes my function faster."',
  learnt:
    'Provisioned concurrency keeps environments initialised before requests arrive, so the requests it covers never wait for a cold start — and you pay for those environments whether traffic comes or not.',
  document: lessonDoc(
    'Lesson 2 — provisioned concurrency',
    [
      ['users', 'client', 'App users', 0, 0, { traffic: { shape: 'constant', rps: 20 } }],
      ['api', 'apiGateway', 'API', 1, 0, api()],
      [
        'fn',
        'lambda',
        'checkout (Java)',
        2,
        0,
        { runtime: 'java21', memoryMb: 1024, initCodeMs: 1500, idleTimeoutS: 20, handler: { distribution: 'lognormal', meanMs: 80, p99Ms: 300 } },
      ],
      ['table', 'dynamodb', 'Orders', 3, 0],
    ],
    [
      ['users', 'api'],
      ['api', 'fn'],
      ['fn', 'table'],
    ],
    { durationS: 120 },
  ),
  steps: [
    {
      title: 'Run it',
      text: 'Java with a framework takes seconds to initialise. With random (Poisson) arrivals the number of concurrent requests wanders, and short idle lifetimes keep reclaiming environments, so some requests keep hitting cold starts.',
      watch: 'Cold starts keep appearing and p99 latency sits far above p50.',
      check: { label: 'Cold starts appear', measure: { of: 'total', field: 'coldStarts' }, op: '>', value: 0 },
    },
    {
      title: 'Provision 10 environments',
      text: 'Provisioned concurrency keeps initialised environments ready. The traffic is predictable (about 2–4 concurrent requests), so 10 cover it. The handler is exactly as fast as before: only the start-up disappears.',
      watch:
        'Cold starts drop to zero and p99 falls to the handler’s own p99. The cost chart now includes the provisioned concurrency charge, paid whether requests come or not.',
      check: { label: 'Cold starts: 0', measure: { of: 'total', field: 'coldStarts' }, op: '<=', value: 0 },
      change: { kind: 'edit', label: 'Set provisioned concurrency to 10', node: 'fn', path: ['provisionedConcurrency'], value: 10 },
    },
  ],
};

export const snapStart: Lesson = {
  id: 'snapstart',
  title: 'SnapStart cuts Java cold starts',
  summary: 'Restore a snapshot of an initialised environment instead of running init.',
  misconception: '"SnapStart is free and helps every function."',
  learnt:
    'SnapStart restores a function from a snapshot taken after init: a cold start then costs a restore (measured about 0.6–1 s for Java) instead of the whole init. That wins when init is long, and loses for a tiny function, which restores slower than it initialises.',
  document: lessonDoc(
    'Lesson 3 — SnapStart',
    [
      ['users', 'client', 'App users', 0, 0, { traffic: { shape: 'spike', baseRps: 2, peakRps: 60, atS: 30, lengthS: 20 } }],
      ['api', 'apiGateway', 'API', 1, 0, api()],
      [
        'fn',
        'lambda',
        'Spring Boot app',
        2,
        0,
        { runtime: 'java21', memoryMb: 2048, initCodeMs: 4000, idleTimeoutS: 20, handler: { distribution: 'lognormal', meanMs: 50, p99Ms: 200 } },
      ],
      ['table', 'dynamodb', 'Orders', 3, 0],
    ],
    [
      ['users', 'api'],
      ['api', 'fn'],
      ['fn', 'table'],
    ],
    { durationS: 90 },
  ),
  steps: [
    {
      title: 'Run it',
      text: 'A Spring-style Java app spends about 4 s in init. Every new environment — at the start, during the spike, and after an idle one is reclaimed (after 20 s here) — makes its caller wait.',
      watch: 'p99 and max latency are several seconds: the cold starts.',
      check: { label: 'p99 latency is seconds: above 2 s', measure: { of: 'p99Ms' }, op: '>', value: 2000, unit: 'ms' },
    },
    {
      title: 'Turn on SnapStart',
      text: 'SnapStart runs init when a version is published and snapshots the environment; new environments restore the snapshot instead — measured at about 0.6–1 s for Java (lambda-perf), a little slower at 128 MB. It works on Java 11+, Python 3.12+ and .NET 8+ (.zip packages), not with provisioned concurrency. Java pays only the Billed Restore Duration; Python and .NET also pay for the cache (at least 3 hours per version) and each restore.',
      watch: 'Cold starts still happen, but p99 and max latency fall from seconds to under one.',
      check: { label: 'p99 latency under 1 s', measure: { of: 'p99Ms' }, op: '<', value: 1000, unit: 'ms' },
      change: { kind: 'edit', label: 'Turn on SnapStart', node: 'fn', path: ['snapStart'], value: true },
    },
    {
      title: 'Now make it a tiny function',
      text: 'Drop the init code to nothing, as for a hello world. The restore does not shrink with it: a trivial Java function inits in about 0.25 s but restores in about 0.7 s.',
      watch: 'p99 stays around the restore time, well above what a plain init of this function would cost.',
      change: { kind: 'edit', label: 'Set init code to 0 ms', node: 'fn', path: ['initCodeMs'], value: 0 },
    },
    {
      title: 'Turn SnapStart off again',
      text: 'Without SnapStart the tiny function runs its short init on each cold start, which is faster than restoring a snapshot. SnapStart pays only when init is long.',
      watch: 'p99 falls below where SnapStart held it.',
      check: { label: 'p99 latency under 600 ms', measure: { of: 'p99Ms' }, op: '<', value: 600, unit: 'ms' },
      change: { kind: 'edit', label: 'Turn off SnapStart', node: 'fn', path: ['snapStart'], value: false },
    },
  ],
};

export const memoryIsCpu: Lesson = {
  id: 'memory-is-cpu',
  title: 'Memory is CPU',
  summary: 'More memory buys more vCPU: faster, and sometimes no dearer.',
  misconception: '"The smallest memory size is the cheapest."',
  learnt:
    'Lambda allocates CPU in proportion to memory: a CPU-bound function at 1,024 MB runs several times faster than at 128 MB, for about the same cost per request, because you pay for GB-seconds.',
  document: lessonDoc(
    'Lesson 10 — memory is CPU',
    [
      ['users', 'client', 'Image uploads', 0, 0, { traffic: { shape: 'constant', rps: 5 }, arrivals: 'uniform' }],
      ['fn', 'lambda', 'resize', 1, 0, { memoryMb: 128, timeoutMs: 10_000, cpuBound: 0.9, handler: { distribution: 'constant', meanMs: 200 } }],
    ],
    [['users', 'fn']],
    { durationS: 60 },
  ),
  steps: [
    {
      title: 'Run it at 128 MB',
      text: 'Lambda allocates CPU in proportion to memory: 1,769 MB is one full vCPU, so 128 MB gets about 7%. This handler is 90% CPU work: it takes about 2.5 s.',
      watch: 'Latency around 2.5 s; note the cost.',
    },
    {
      title: 'Give it 1,024 MB',
      text: 'Eight times the memory makes the CPU part about eight times faster. You pay per GB-second, so 8× the memory for 1/7 of the time costs about the same — for a 7× faster function.',
      watch: 'Latency drops to about 0.33 s while cost per request barely changes. Power tuning (select the function) sweeps the sizes for you.',
      check: { label: 'p99 latency under 1 s', measure: { of: 'p99Ms' }, op: '<', value: 1000, unit: 'ms' },
      change: { kind: 'edit', label: 'Set memory to 1,024 MB', node: 'fn', path: ['memoryMb'], value: 1024 },
    },
  ],
};
