import { lessonDoc, type Lesson } from './lesson';

const constant = (meanMs: number) => ({ distribution: 'constant', meanMs });

/** Reserve stock, wait for the payment to settle, charge: three states per execution. */
const flow = (waitS: number) => [
  { type: 'task', target: 'reserve', retry: { maxAttempts: 2, intervalS: 1, backoffRate: 2 } },
  { type: 'wait', seconds: waitS },
  { type: 'task', target: 'charge', retry: { maxAttempts: 2, intervalS: 1, backoffRate: 2 } },
];

export const expressCheaper: Lesson = {
  id: 'express-cheaper',
  title: 'Standard or Express: who pays for waiting',
  summary: 'Standard bills each state; Express bills every second the execution runs, times its memory.',
  misconception: '"Express workflows are always cheaper."',
  learnt:
    'Standard charges $0.025 per 1,000 state transitions however long an execution waits; Express charges $1 per million executions plus each execution’s duration × memory. Express wins for short, small executions; long waits and high memory make Standard the cheaper one.',
  document: lessonDoc(
    'Lesson 12 — Standard or Express',
    [
      ['shop', 'client', 'Checkouts', 0, 0, { traffic: { shape: 'constant', rps: 10 }, readRatio: 0 }],
      ['api', 'apiGateway', 'Checkout API', 1, 0, { flavor: 'http' }],
      ['place', 'lambda', 'placeOrder', 2, 0, { memoryMb: 512, handler: constant(20) }],
      ['orders', 'stepFunctions', 'Order workflow', 3, 0, { workflowType: 'standard', definition: flow(120) }],
      ['reserve', 'lambda', 'reserveStock', 4, 0, { memoryMb: 512, cpuBound: 0, handler: constant(1000) }],
      ['charge', 'lambda', 'chargeCard', 4, 1, { memoryMb: 512, cpuBound: 0, handler: constant(1000) }],
    ],
    [
      ['shop', 'api'],
      ['api', 'place'],
      ['place', 'orders'],
    ],
    { durationS: 300 },
  ),
  steps: [
    {
      title: 'Run it',
      text: 'Each order starts a Standard execution: reserve stock, wait 2 minutes for the payment to settle, charge the card. Standard bills 3 state transitions per order — $0.075 per 1,000 orders — and nothing for the 2 minutes of waiting.',
      watch: 'The Step Functions card counts executions running (about 10 a second × 122 s) and transitions; note the Step Functions share of the cost.',
    },
    {
      title: 'Switch to Express',
      text: 'Express bills $1.00 per million executions plus duration × memory: 122 s × 64 MB × $0.00001667 per GB-s ≈ $0.128 per 1,000 orders. The Wait is now paid for, second by second.',
      watch: 'The Step Functions cost rises by about 70% although nothing else changed: long waits make Express the dearer type.',
      check: {
        label: 'Step Functions cost above $0.09 per 1,000 orders',
        measure: { of: 'serviceCostPer1000', service: 'stepFunctions' },
        op: '>',
        value: 0.09,
        unit: 'usd',
      },
      change: { kind: 'edit', label: 'Make the workflow Express', node: 'orders', path: ['workflowType'], value: 'express' },
    },
    {
      title: 'Wait 10 seconds instead',
      text: 'With a 10 s wait an execution lasts about 12 s: $0.0136 per 1,000 orders on Express, while Standard would still bill its 3 transitions ($0.075). Short executions are where Express is cheaper.',
      watch: 'The Step Functions cost falls to about a tenth of the step before.',
      check: {
        label: 'Step Functions cost below $0.03 per 1,000 orders',
        measure: { of: 'serviceCostPer1000', service: 'stepFunctions' },
        op: '<',
        value: 0.03,
        unit: 'usd',
      },
      change: { kind: 'edit', label: 'Shorten the wait to 10 s', node: 'orders', path: ['definition'], value: flow(10) },
    },
    {
      title: 'Carry big payloads',
      text: 'Express bills the memory an execution uses, in 64 MB steps. With 512 MB of state (large order documents) the same 12 s cost about 7.5× more — $0.10 per 1,000 orders, more than Standard’s $0.075.',
      watch: 'The cost climbs past what Standard would charge: memory, like waiting, reverses the rule of thumb.',
      check: {
        label: 'Step Functions cost above Standard’s $0.075 per 1,000 orders',
        measure: { of: 'serviceCostPer1000', service: 'stepFunctions' },
        op: '>',
        value: 0.075,
        unit: 'usd',
      },
      change: { kind: 'edit', label: 'Set the execution memory to 512 MB', node: 'orders', path: ['billedMemoryMb'], value: 512 },
    },
  ],
};
