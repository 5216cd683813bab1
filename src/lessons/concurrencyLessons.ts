import { lessonDoc, withEdit, type Lesson } from './lesson';

const fnConfig = (meanMs: number, extra: Record<string, unknown> = {}) => ({
  memoryMb: 512,
  handler: { distribution: 'lognormal', meanMs, p99Ms: meanMs * 3 },
  ...extra,
});

export const reserved: Lesson = {
  id: 'reserved-concurrency',
  title: 'Reserved concurrency caps a function',
  summary: 'Synchronous callers get throttled; asynchronous events wait, retry, then fail over.',
  misconception: '"Reserved concurrency only guarantees capacity; it never limits."',
  learnt:
    'Reserved concurrency is both a guarantee and a cap: synchronous callers beyond it are throttled at once, asynchronous events wait and retry, and only a destination keeps the ones that expire.',
  document: lessonDoc(
    'Lesson 4 — reserved concurrency',
    [
      ['web', 'client', 'Web checkout (sync)', 0, 0, { traffic: { shape: 'constant', rps: 60 } }],
      ['api', 'apiGateway', 'API', 1, 0, { flavor: 'http' }],
      ['orders', 'lambda', 'placeOrder', 2, 0, fnConfig(200, { reservedConcurrency: 5 })],
      ['jobs', 'client', 'Email jobs (async)', 0, 1, { invocation: 'async', traffic: { shape: 'constant', rps: 20 } }],
      ['emailer', 'lambda', 'sendEmail', 2, 1, fnConfig(300, { reservedConcurrency: 2, maxEventAgeS: 60 })],
      ['failed', 'sqs', 'failed-emails', 3, 1],
    ],
    [
      ['web', 'api'],
      ['api', 'orders'],
      ['jobs', 'emailer'],
      ['emailer', 'failed', 'onFailure'],
    ],
    { durationS: 150 },
  ),
  steps: [
    {
      title: 'Run it',
      text: 'Reserved concurrency is a guarantee and a cap. placeOrder may run 5 copies at once; 60 requests a second that each take about a third of a second (512 MB is less than one vCPU) need about 20, and more in bursts. The rest are throttled at once: Lambda answers 429, which API Gateway turns into a 500 for the user.',
      watch: 'Throttles climb on placeOrder and the throughput chart shows throttled requests.',
      check: { label: 'placeOrder throttles', measure: { of: 'node', nodes: ['orders'], field: 'throttles' }, op: '>', value: 0 },
    },
    {
      title: 'Asynchronous events are not lost — at first',
      text: 'sendEmail is invoked asynchronously: the caller gets 202 at once and Lambda queues the event internally, retrying throttled events with backoff. Events older than the maximum event age (60 s here) are sent to the on-failure destination — only because one is connected. Without it they would be dropped silently.',
      watch: 'The failed-emails queue starts filling after about a minute.',
      check: { label: 'Expired emails reach failed-emails', measure: { of: 'node', nodes: ['failed'], field: 'maxQueueDepth' }, op: '>', value: 0 },
    },
    {
      title: 'Raise the cap',
      text: 'Give placeOrder enough reserved concurrency for its load (about 20 on average, with room for bursts).',
      watch: 'Throttles on placeOrder stop.',
      check: { label: 'Throttles on placeOrder: 0', measure: { of: 'node', nodes: ['orders'], field: 'throttles' }, op: '<=', value: 0 },
      change: { kind: 'edit', label: 'Set placeOrder reserved concurrency to 50', node: 'orders', path: ['reservedConcurrency'], value: 50 },
    },
  ],
};

const accountPoolDoc = lessonDoc(
  'Lesson 5 — shared account concurrency',
  [
    ['sale', 'client', 'Flash sale', 0, 0, { traffic: { shape: 'spike', baseRps: 20, peakRps: 5000, atS: 30, lengthS: 20 } }],
    ['promo', 'lambda', 'promo', 1, 0, fnConfig(100)],
    ['shoppers', 'client', 'Checkout', 0, 1, { traffic: { shape: 'constant', rps: 100 } }],
    ['checkout', 'lambda', 'checkout', 1, 1, fnConfig(200)],
    ['browsers', 'client', 'Search', 0, 2, { traffic: { shape: 'constant', rps: 100 } }],
    ['search', 'lambda', 'search', 1, 2, fnConfig(100)],
  ],
  [
    ['sale', 'promo'],
    ['shoppers', 'checkout'],
    ['browsers', 'search'],
  ],
  { durationS: 90, accountConcurrency: 400 },
);

export const accountPool: Lesson = {
  id: 'account-pool',
  title: 'The account pool is shared',
  summary: "One function's surge can throttle every other function in the Region.",
  misconception: '"My functions scale independently, so one cannot hurt another."',
  learnt:
    "All functions in a Region share the account's concurrency; reserving concurrency for the functions that matter keeps another function's surge from throttling them.",
  document: accountPoolDoc,
  steps: [
    {
      title: 'Run it',
      text: 'All three functions draw on one pool: the account’s concurrency (400 here; 1,000 by default). During the flash sale, promo would need several hundred at once and takes everything that is free.',
      watch: 'At 30 s checkout and search start throttling too, though their own traffic did not change.',
      check: {
        label: 'checkout and search throttle during the sale',
        measure: { of: 'node', nodes: ['checkout', 'search'], field: 'throttles' },
        op: '>',
        value: 0,
      },
    },
    {
      title: 'Reserve concurrency for what matters',
      text: 'Reserving concurrency carves a slice out of the pool that no other function can take: 80 for checkout (it averages about 35 at once, with bursts near 60) and 60 for search. promo can still use the remaining 260.',
      watch: 'checkout and search stop throttling; promo throttles a little more during the sale.',
      check: { label: 'Throttles on checkout and search: 0', measure: { of: 'node', nodes: ['checkout', 'search'], field: 'throttles' }, op: '<=', value: 0 },
      change: {
        kind: 'document',
        label: 'Reserve 80 for checkout and 60 for search',
        document: {
          ...withEdit(withEdit(accountPoolDoc, 'checkout', ['reservedConcurrency'], 80), 'search', ['reservedConcurrency'], 60),
          name: 'Lesson 5 — shared account concurrency (reserved)',
        },
      },
    },
  ],
};

const slowReport = { memoryMb: 1024, timeoutMs: 120_000, handler: { distribution: 'lognormal', meanMs: 20_000, p99Ms: 60_000 } };

export const apiTimeout: Lesson = {
  id: 'api-timeout',
  title: "API Gateway's 29-second timeout",
  summary: 'A longer Lambda timeout does not make a synchronous API wait longer.',
  misconception: '"Lambda runs up to 15 minutes, so my API can too."',
  learnt:
    "API Gateway waits at most 29 s (REST) for an integration whatever the function's own timeout; long work belongs behind a queue, with the API answering at once.",
  document: lessonDoc(
    'Lesson 11 — integration timeout',
    [
      ['users', 'client', 'Report requests', 0, 0, { traffic: { shape: 'constant', rps: 2 } }],
      ['api', 'apiGateway', 'Reports API', 1, 0, { flavor: 'rest' }],
      ['report', 'lambda', 'buildReport', 2, 0, slowReport],
    ],
    [
      ['users', 'api'],
      ['api', 'report'],
    ],
    { durationS: 180 },
  ),
  steps: [
    {
      title: 'Run it',
      text: 'The function may run for 2 minutes, but API Gateway stops waiting after 29 s (REST APIs; 30 s for HTTP APIs) and answers 504. The function keeps running — and billing — after the user has been told it failed.',
      watch: 'Timeouts appear in the totals and the throughput chart whenever a report takes longer than 29 s.',
      check: { label: 'Some requests time out at 29 s', measure: { of: 'total', field: 'timeouts' }, op: '>', value: 0 },
    },
    {
      title: 'Go asynchronous',
      text: 'Accept the request quickly, put the job on a queue, and let a worker take its time. The API answers in milliseconds; the user fetches the report later.',
      watch: 'No more timeouts at the client; the queue holds the work while the worker drains it.',
      check: { label: 'Timeouts: 0', measure: { of: 'total', field: 'timeouts' }, op: '<=', value: 0 },
      change: {
        kind: 'document',
        label: 'Switch to API → Lambda → SQS → worker',
        document: lessonDoc(
          'Lesson 11 — integration timeout (asynchronous)',
          [
            ['users', 'client', 'Report requests', 0, 0, { traffic: { shape: 'constant', rps: 2 } }],
            ['api', 'apiGateway', 'Reports API', 1, 0, { flavor: 'rest' }],
            ['submit', 'lambda', 'submitReport', 2, 0, { memoryMb: 512, handler: { distribution: 'lognormal', meanMs: 20, p99Ms: 60 } }],
            ['jobs', 'sqs', 'report-jobs', 3, 0, { visibilityTimeoutS: 720, batchSize: 1 }],
            ['report', 'lambda', 'buildReport', 4, 0, slowReport],
          ],
          [
            ['users', 'api'],
            ['api', 'submit'],
            ['submit', 'jobs'],
            ['jobs', 'report'],
          ],
          { durationS: 180 },
        ),
      },
    },
  ],
};
