import { enumOf, nullableInt, num, union } from '../fields';
import { defineKind } from './kind';

/**
 * DB instance classes (docs/aws-reference.md §13.2): vCPUs, memory (GiB) and the on-demand
 * us-east-1 price per instance-hour, Aurora (Standard storage configuration) and RDS Single-AZ.
 */
export const RDS_INSTANCE_CLASSES = {
  'db.t4g.medium': { vcpus: 2, memoryGib: 4, usdPerHour: { aurora: 0.073, postgres: 0.065, mysql: 0.065 } },
  'db.r6g.large': { vcpus: 2, memoryGib: 16, usdPerHour: { aurora: 0.26, postgres: 0.225, mysql: 0.215 } },
  'db.r6g.xlarge': { vcpus: 4, memoryGib: 32, usdPerHour: { aurora: 0.519, postgres: 0.449, mysql: 0.43 } },
  'db.r6g.2xlarge': { vcpus: 8, memoryGib: 64, usdPerHour: { aurora: 1.038, postgres: 0.898, mysql: 0.86 } },
  'db.r6g.4xlarge': { vcpus: 16, memoryGib: 128, usdPerHour: { aurora: 2.076, postgres: 1.796, mysql: 1.72 } },
} as const;

export type RdsInstanceClass = keyof typeof RDS_INSTANCE_CLASSES;
export type RdsEngine = 'aurora-postgresql' | 'aurora-mysql' | 'postgres' | 'mysql';

/** Aurora MySQL's default max_connections per class: AWS's own table (§13.1), not a formula. */
const AURORA_MYSQL_MAX_CONNECTIONS: Record<RdsInstanceClass, number> = {
  'db.t4g.medium': 90,
  'db.r6g.large': 1000,
  'db.r6g.xlarge': 2000,
  'db.r6g.2xlarge': 3000,
  'db.r6g.4xlarge': 4000,
};

/** The highest max_connections each engine accepts in a parameter group (§13.1). */
export const RDS_MAX_CONNECTIONS_LIMIT: Record<RdsEngine, number> = {
  'aurora-postgresql': 262_143,
  'aurora-mysql': 16_000,
  postgres: 262_143,
  mysql: 100_000,
};

/**
 * The engine's default max_connections for a class (§13.1). PostgreSQL (Aurora and RDS):
 * LEAST({DBInstanceClassMemory/9531392}, 5000), memory taken as GiB × 10^9 bytes as AWS's worked
 * example does (db.r4.large, 15.25 GiB -> 1,600). RDS for MySQL: {DBInstanceClassMemory/12582880}
 * with memory in bytes (GiB × 2^30). Aurora MySQL: AWS's table.
 */
export function defaultMaxConnections(engine: RdsEngine, instanceClass: RdsInstanceClass): number {
  const gib = RDS_INSTANCE_CLASSES[instanceClass].memoryGib;
  switch (engine) {
    case 'aurora-mysql':
      return AURORA_MYSQL_MAX_CONNECTIONS[instanceClass];
    case 'mysql':
      return mysqlMaxConnections(gib);
    default:
      return postgresMaxConnections(gib);
  }
}

/** PostgreSQL's default formula: LEAST({DBInstanceClassMemory/9531392}, 5000), memory GiB × 10^9 as in AWS's example. */
export const postgresMaxConnections = (gib: number) => Math.min(Math.round((gib * 1e9) / 9_531_392), 5000);
/** RDS for MySQL's default formula: {DBInstanceClassMemory/12582880}, memory in bytes. */
export const mysqlMaxConnections = (gib: number) => Math.floor((gib * 2 ** 30) / 12_582_880);

/** The max_connections a node runs with: its own setting, or the engine's default for the class. */
export function maxConnectionsOf(c: { engine: RdsEngine; instanceClass: RdsInstanceClass; maxConnections: number | null }): number {
  return c.maxConnections ?? defaultMaxConnections(c.engine, c.instanceClass);
}

export const isAurora = (engine: RdsEngine) => engine.startsWith('aurora');

const queryMean = (def: number, min = 0, max = 900_000) =>
  num({ label: 'Mean', unit: 'ms', min, max, default: def, hint: 'Mean time one query (transaction) keeps a vCPU busy on an idle instance.' });

export const rdsKind = defineKind({
  type: 'rds',
  label: 'RDS',
  description:
    'A relational database (Amazon RDS or Aurora) in a VPC: each connection counts against max_connections; its vCPUs bound the queries running at once.',
  category: 'data',
  capabilities: [],
  docsUrl: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/CHAP_Limits.html#RDS_Limits.MaxConnections',
  knobs: [{ path: ['maxConnections'], label: 'max connections', unit: '', min: 1, max: 262_143, nullLabel: 'engine default' }],
  fields: {
    engine: enumOf({
      label: 'Engine',
      hint: 'Sets the default max_connections and the failover time (Aurora about 30 s, RDS Multi-AZ 60–120 s).',
      default: 'aurora-postgresql',
      options: [
        { value: 'aurora-postgresql', label: 'Aurora PostgreSQL' },
        { value: 'aurora-mysql', label: 'Aurora MySQL' },
        { value: 'postgres', label: 'RDS for PostgreSQL' },
        { value: 'mysql', label: 'RDS for MySQL' },
      ],
    }),
    instanceClass: enumOf({
      label: 'Instance class',
      hint: 'vCPUs bound the queries running at once; memory sets the default max_connections. Billed per instance-hour.',
      default: 'db.r6g.large',
      options: (Object.keys(RDS_INSTANCE_CLASSES) as RdsInstanceClass[]).map((t) => ({
        value: t,
        label: `${t} (${RDS_INSTANCE_CLASSES[t].vcpus} vCPU, ${RDS_INSTANCE_CLASSES[t].memoryGib} GiB)`,
      })),
    }),
    maxConnections: nullableInt({
      label: 'Max connections',
      min: 1,
      max: 262_143,
      default: null,
      nullLabel: 'engine default for the class',
      setLabel: 'Set',
      hint: 'max_connections in the parameter group; a connection past it is refused ("too many connections").',
    }),
    queryMs: union({
      label: 'Query time',
      hint: 'Time one query keeps a vCPU busy; when every vCPU is busy, queries wait their turn.',
      discriminator: 'distribution',
      default: 'lognormal',
      variants: {
        constant: { label: 'Constant', fields: { meanMs: queryMean(5) } },
        exponential: { label: 'Exponential', fields: { meanMs: queryMean(5) } },
        lognormal: {
          label: 'Log-normal',
          fields: {
            meanMs: queryMean(5, 0.1, 450_000),
            p99Ms: num({
              label: 'p99',
              unit: 'ms',
              min: 0.2,
              max: 900_000,
              default: 30,
              hint: 'The slowest 1% take longer than this. Must exceed the mean and be at most ~15× it.',
            }),
          },
        },
      },
    }),
  },
  crossCheck: (c) => {
    const problems: { field: string[]; message: string }[] = [];
    const limit = RDS_MAX_CONNECTIONS_LIMIT[c.engine];
    if (c.maxConnections !== null && c.maxConnections > limit) {
      problems.push({ field: ['maxConnections'], message: `${c.maxConnections} is above the most ${c.engine} allows (${limit.toLocaleString('en-US')})` });
    }
    const q = c.queryMs;
    if (q.distribution === 'lognormal' && !(q.p99Ms > q.meanMs && q.p99Ms <= q.meanMs * 14.9)) {
      problems.push({
        field: ['queryMs', 'p99Ms'],
        message: `${q.p99Ms} ms must be above the mean (${q.meanMs} ms) and at most 14.9 × the mean for a log-normal distribution`,
      });
    }
    return problems;
  },
  summary: (c) => [
    `${c.engine} · ${c.instanceClass.replace('db.', '')}`,
    `max ${maxConnectionsOf(c).toLocaleString('en-US')} connections${c.maxConnections === null ? ' (default)' : ''}`,
    `${RDS_INSTANCE_CLASSES[c.instanceClass].vcpus} vCPU · query ${c.queryMs.meanMs} ms`,
  ],
});
