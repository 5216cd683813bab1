/** RDS, Aurora and RDS Proxy through SAM export and import: the resources written, and a round trip that keeps every setting. */
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { exportTemplate } from './export';
import { importTemplateGraph } from './import';
import { makeDoc } from '../sim/testing/docs';

const doc = makeDoc(
  [
    { id: 'api', type: 'lambda', config: { vpc: true, memoryMb: 1024 } },
    { id: 'proxy', type: 'rdsProxy', config: { maxConnectionsPercent: 40, borrowTimeoutS: 15 } },
    { id: 'orders', type: 'rds', config: { engine: 'aurora-mysql', instanceClass: 'db.r6g.2xlarge', maxConnections: 2500 } },
    { id: 'reports', type: 'lambda', config: { vpc: true } },
    { id: 'legacy', type: 'rds', config: { engine: 'postgres', instanceClass: 'db.t4g.medium' } },
  ],
  [
    ['api', 'proxy'],
    ['proxy', 'orders'],
    ['reports', 'legacy'],
  ],
);

describe('SAM: relational databases', () => {
  const text = exportTemplate(doc);
  const resources = parse(text).Resources as Record<string, { Type: string; Properties: Record<string, unknown> }>;

  it('writes an Aurora cluster with its writer, a plain instance, the proxy with its target group, and VPC functions', () => {
    expect(resources.orders.Type).toBe('AWS::RDS::DBCluster');
    const writer = Object.values(resources).find((r) => r.Type === 'AWS::RDS::DBInstance' && r.Properties.DBClusterIdentifier);
    expect(writer?.Properties.DBInstanceClass).toBe('db.r6g.2xlarge');
    expect(resources.legacy.Type).toBe('AWS::RDS::DBInstance');
    expect(resources.legacy.Properties.Engine).toBe('postgres');
    expect(resources.proxy.Type).toBe('AWS::RDS::DBProxy');
    expect(resources.proxy.Properties.EngineFamily).toBe('MYSQL');
    const group = Object.values(resources).find((r) => r.Type === 'AWS::RDS::DBProxyTargetGroup');
    expect(group?.Properties.ConnectionPoolConfigurationInfo).toEqual({ MaxConnectionsPercent: 40, ConnectionBorrowTimeout: 15 });
    expect(resources.api.Properties.VpcConfig).toBeTruthy();
  });

  it('imports back to the same nodes, edges and settings', () => {
    const back = importTemplateGraph(text);
    expect(back.ok).toBe(true);
    if (!back.ok) return;
    const d = back.document;
    expect(d.nodes.map((n) => [n.id, n.type]).sort()).toEqual(doc.nodes.map((n) => [n.id, n.type]).sort());
    expect(d.edges.map((e) => `${e.source}>${e.target}`).sort()).toEqual(['api>proxy', 'proxy>orders', 'reports>legacy']);
    for (const n of doc.nodes) expect(d.nodes.find((m) => m.id === n.id)?.config, n.id).toEqual(n.config);
  });

  it('reads VpcConfig as VPC access, and an Aurora member instance as its cluster', () => {
    const back = importTemplateGraph(text);
    if (!back.ok) throw new Error(back.error);
    expect(back.document.nodes.filter((n) => n.type === 'rds')).toHaveLength(2);
    expect(back.warnings.join('\n')).not.toMatch(/AWS::RDS::DBInstance is not modelled/);
  });
});
