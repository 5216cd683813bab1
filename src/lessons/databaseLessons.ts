import { lessonDoc, type Lesson } from './lesson';

const constant = (meanMs: number) => ({ distribution: 'constant', meanMs });

const nodes = (withProxy: boolean) =>
  [
    ['shop', 'client', 'Shoppers', 0, 0, { traffic: { shape: 'spike', baseRps: 20, peakRps: 400, atS: 30, lengthS: 30 } }],
    ['api', 'apiGateway', 'Orders API', 1, 0, { flavor: 'http' }],
    ['fn', 'lambda', 'placeOrder', 2, 0, { vpc: true, memoryMb: 512, cpuBound: 0, handler: constant(500) }],
    ...(withProxy ? [['proxy', 'rdsProxy', 'Orders proxy', 3, 1, {}]] : []),
    ['db', 'rds', 'Orders database', 4, 0, { engine: 'aurora-mysql', instanceClass: 'db.t4g.medium', queryMs: constant(2) }],
  ] as Parameters<typeof lessonDoc>[1];

const doc = (withProxy: boolean) =>
  lessonDoc(
    'Lesson 16 — Database connections',
    nodes(withProxy),
    withProxy
      ? [
          ['shop', 'api'],
          ['api', 'fn'],
          ['fn', 'proxy'],
          ['proxy', 'db'],
        ]
      : [
          ['shop', 'api'],
          ['api', 'fn'],
          ['fn', 'db'],
        ],
    { durationS: 120 },
  );

export const databaseConnections: Lesson = {
  id: 'database-connections',
  title: 'Lambda and a relational database',
  summary: 'Every execution environment holds its own database connection; a surge runs out of them. RDS Proxy shares a pool.',
  misconception: '"Lambda can open database connections freely."',
  learnt:
    'Each Lambda execution environment keeps its own connection while it lives, so concurrency becomes connections: a surge of environments exhausts max_connections (90 on an Aurora MySQL db.t4g.medium) and the excess fail with "too many connections". RDS Proxy lends a pooled connection per transaction, so the same surge needs only a few.',
  document: doc(false),
  steps: [
    {
      title: 'Run the sale',
      text: 'At 30 s the traffic jumps from 20 to 400 orders a second. Each order takes half a second in placeOrder, so about 200 environments run at once — and each opens its own connection to a database that accepts 90.',
      watch: 'The database card shows connections climbing to 90 of 90, then "too many connections" errors; the API answers them as errors.',
      check: { label: 'Some orders fail (too many connections)', measure: { of: 'total', field: 'errors' }, op: '>', value: 0, unit: 'count' },
    },
    {
      title: 'Put RDS Proxy in between',
      text: 'The function now connects to RDS Proxy. A query borrows a pooled database connection only for its 2 ms transaction and gives it back, so 400 queries a second need a handful of connections, not 200.',
      watch: 'The proxy card shows the pool in use staying small; the database keeps far below its 90 connections and no order fails.',
      check: { label: 'No order fails', measure: { of: 'total', field: 'errors' }, op: '<=', value: 0, unit: 'count' },
      change: { kind: 'document', label: 'Add RDS Proxy', document: doc(true) },
    },
  ],
};
