import { int } from '../fields';
import { defineKind } from './kind';

/** RDS Proxy defaults (docs/aws-reference.md §13.3). */
export const RDS_PROXY = {
  /** ConnectionBorrowTimeout default, s. */
  borrowTimeoutS: 120,
  /** Priced per vCPU-hour of the database behind it, at least 2 vCPUs for a provisioned instance. */
  minVcpus: 2,
  /** AWS: failover up to 66% faster for Aurora and RDS with the proxy. */
  failoverReduction: 0.66,
} as const;

export const rdsProxyKind = defineKind({
  type: 'rdsProxy',
  label: 'RDS Proxy',
  description:
    'A managed connection pool in front of one database: functions borrow a database connection per transaction and queue when the pool is full; a pinned session keeps its connection.',
  category: 'data',
  capabilities: [],
  docsUrl: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/rds-proxy-connections.html',
  knobs: [{ path: ['maxConnectionsPercent'], label: 'pool size', unit: '%', min: 1, max: 100 }],
  fields: {
    maxConnectionsPercent: int({
      label: 'Connection pool maximum',
      unit: '%',
      min: 1,
      max: 100,
      default: 100,
      hint: "MaxConnectionsPercent: the pool's share of the database's max_connections (default 100%). Connections are opened as needed.",
    }),
    borrowTimeoutS: int({
      label: 'Connection borrow timeout',
      unit: 's',
      min: 0,
      max: 3_600,
      default: RDS_PROXY.borrowTimeoutS,
      hint: 'ConnectionBorrowTimeout: how long a query waits for a free pooled connection before it fails (default 120 s).',
    }),
    pinningPercent: int({
      label: 'Transactions that pin',
      unit: '%',
      min: 0,
      max: 100,
      default: 0,
      hint: "Share of transactions that change session state (SET, temporary tables, locks, prepared statements): the proxy then pins that execution environment's session to its database connection until the environment ends, and nobody else can borrow it.",
    }),
  },
  summary: (c) => [
    `pool ${c.maxConnectionsPercent}% of max_connections`,
    `borrow timeout ${c.borrowTimeoutS} s`,
    ...(c.pinningPercent > 0 ? [`${c.pinningPercent}% of transactions pin`] : []),
  ],
});
