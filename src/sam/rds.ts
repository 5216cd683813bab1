/**
 * Relational databases both ways: AWS::RDS::DBInstance (RDS for PostgreSQL / MySQL, or a
 * standalone Aurora instance), AWS::RDS::DBCluster with its DBInstance members (one Aurora
 * node: the writer's class), AWS::RDS::DBProxy with its DBProxyTargetGroup (the proxy -> database
 * edge and the pool settings). A function's VpcConfig is its `vpc` setting (functions.ts).
 * Subnets, security groups, secrets and roles are placeholders on export.
 */
import { isAurora, type NodeOf, type RdsEngine } from '../model';
import { isObject, type DraftNode, type ImportContext } from './context';
import { getAtt, ref, type Cfn, type ExportContext } from './exportContext';

const ENGINES: Record<string, RdsEngine> = {
  'aurora-postgresql': 'aurora-postgresql',
  'aurora-mysql': 'aurora-mysql',
  aurora: 'aurora-mysql',
  postgres: 'postgres',
  mysql: 'mysql',
  mariadb: 'mysql',
};

const PLACEHOLDER_SUBNETS = ['subnet-REPLACE-1', 'subnet-REPLACE-2'];
const PLACEHOLDER_SG = ['sg-REPLACE'];

function readEngine(ctx: ImportContext, node: DraftNode, raw: unknown, where: string): void {
  const engine = ctx.str(raw)?.toLowerCase();
  if (engine === undefined) return;
  const mapped = ENGINES[engine];
  if (mapped) ctx.setValue(node, ['engine'], mapped);
  else ctx.warn(`${where}: engine ${engine} is not one the sandbox models; ${node.config.engine as string} was used`);
  if (engine === 'mariadb') ctx.warn(`${where}: MariaDB is modelled as RDS for MySQL (same max_connections formula)`);
}

function readClass(ctx: ImportContext, node: DraftNode, raw: unknown, where: string): void {
  const cls = ctx.str(raw);
  if (cls === undefined) return;
  if (cls === 'db.serverless') {
    ctx.warn(`${where}: Aurora Serverless v2 is not modelled; a provisioned ${node.config.instanceClass as string} was used`);
    return;
  }
  const before = node.config.instanceClass;
  ctx.setValue(node, ['instanceClass'], cls);
  if (node.config.instanceClass === before && cls !== before)
    ctx.warn(`${where}: instance class ${cls} is not one the sandbox models; ${String(before)} was used`);
}

/** Phase 2: clusters, instances (members fold into their cluster), then proxies. */
export function readRds(ctx: ImportContext): void {
  for (const res of ctx.ofType('AWS::RDS::DBCluster')) {
    const node = ctx.addNode(res.id, 'rds', res);
    ctx.nameNode(node, res.props.DBClusterIdentifier);
    readEngine(ctx, node, res.props.Engine, res.id);
    if (res.props.ServerlessV2ScalingConfiguration !== undefined)
      ctx.warnOnce(`${res.id}: Aurora Serverless v2 scaling is not modelled; the cluster is treated as provisioned`);
  }
  for (const res of ctx.ofType('AWS::RDS::DBInstance')) {
    const cluster = ctx.nodeIn(res.props.DBClusterIdentifier);
    if (cluster?.type === 'rds') {
      ctx.absorbed.add(res.id);
      // the writer sets the class: the first member, or the one promoted first
      if (!ctx.absorbed.has(`${cluster.id}#class`)) {
        ctx.absorbed.add(`${cluster.id}#class`);
        readClass(ctx, cluster, res.props.DBInstanceClass, res.id);
      } else ctx.warnOnce(`${cluster.id}: reader instances (Aurora Replicas) are not modelled; queries go to the writer`);
      continue;
    }
    const node = ctx.addNode(res.id, 'rds', res);
    ctx.nameNode(node, res.props.DBInstanceIdentifier);
    readEngine(ctx, node, res.props.Engine, res.id);
    readClass(ctx, node, res.props.DBInstanceClass, res.id);
  }
}

export function readRdsProxies(ctx: ImportContext): void {
  for (const res of ctx.ofType('AWS::RDS::DBProxyTargetGroup')) {
    const proxy = ctx.nodeIn(res.props.DBProxyName);
    if (proxy?.type !== 'rdsProxy') {
      ctx.warn(`${res.id}: its proxy is not in this template; no edge was drawn`);
      continue;
    }
    const targets = [res.props.DBClusterIdentifiers, res.props.DBInstanceIdentifiers].flatMap((v) => (Array.isArray(v) ? v : []));
    for (const t of targets) {
      const db = ctx.nodeIn(t);
      if (db) ctx.link(proxy, db, undefined, `${res.id} target`);
      else ctx.warn(`${res.id}: a target database is not in this template; no edge was drawn`);
    }
    const pool = res.props.ConnectionPoolConfigurationInfo;
    if (isObject(pool)) {
      ctx.setNumber(proxy, ['maxConnectionsPercent'], pool.MaxConnectionsPercent, 'MaxConnectionsPercent');
      ctx.setNumber(proxy, ['borrowTimeoutS'], pool.ConnectionBorrowTimeout, 'ConnectionBorrowTimeout');
      if (pool.SessionPinningFilters !== undefined || pool.InitQuery !== undefined)
        ctx.warnOnce(`${res.id}: SessionPinningFilters and InitQuery are not modelled; set the share of transactions that pin on the proxy instead`);
    }
  }
}

export function rdsResource(ctx: ExportContext, node: NodeOf<'rds'>, wrap: (type: string, props: Cfn) => Cfn): Cfn {
  const c = node.config;
  const id = ctx.id(node);
  const login = { MasterUsername: 'dbadmin', ManageMasterUserPassword: true };
  if (!isAurora(c.engine)) {
    return wrap('AWS::RDS::DBInstance', { Engine: c.engine, DBInstanceClass: c.instanceClass, AllocatedStorage: '20', MultiAZ: true, ...login });
  }
  const writer = ctx.allocate(`${id}Writer`);
  ctx.resources[writer] = { Type: 'AWS::RDS::DBInstance', Properties: { Engine: c.engine, DBClusterIdentifier: ref(id), DBInstanceClass: c.instanceClass } };
  return wrap('AWS::RDS::DBCluster', { Engine: c.engine, ...login });
}

export function rdsProxyResource(ctx: ExportContext, node: NodeOf<'rdsProxy'>, wrap: (type: string, props: Cfn) => Cfn): Cfn {
  const id = ctx.id(node);
  const target = ctx.from(node, 'sql')[0]?.target;
  const engine = target?.type === 'rds' ? target.config.engine : 'aurora-postgresql';
  if (target?.type === 'rds') {
    const group = ctx.allocate(`${id}TargetGroup`);
    ctx.resources[group] = {
      Type: 'AWS::RDS::DBProxyTargetGroup',
      Properties: {
        DBProxyName: ref(id),
        TargetGroupName: 'default',
        [isAurora(target.config.engine) ? 'DBClusterIdentifiers' : 'DBInstanceIdentifiers']: [ref(ctx.id(target))],
        ConnectionPoolConfigurationInfo: { MaxConnectionsPercent: node.config.maxConnectionsPercent, ConnectionBorrowTimeout: node.config.borrowTimeoutS },
      },
    };
  }
  ctx.comments.push(`RDS Proxy ${id}: replace the placeholder subnets, secret and role before deploying.`);
  return wrap('AWS::RDS::DBProxy', {
    // required; built from the stack name so it does not become the node's label on import
    DBProxyName: { 'Fn::Sub': `\${AWS::StackName}-${id}` },
    EngineFamily: engine.endsWith('mysql') ? 'MYSQL' : 'POSTGRESQL',
    Auth: [{ AuthScheme: 'SECRETS', IAMAuth: 'DISABLED', SecretArn: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:REPLACE' }],
    RoleArn: 'arn:aws:iam::123456789012:role/REPLACE',
    VpcSubnetIds: PLACEHOLDER_SUBNETS,
    RequireTLS: true,
  });
}

/** A VPC function's VpcConfig (placeholders), and its database endpoint variable. */
export const VPC_CONFIG: Cfn = { SubnetIds: PLACEHOLDER_SUBNETS, SecurityGroupIds: PLACEHOLDER_SG };

export function databaseEndpoint(ctx: ExportContext, target: NodeOf<'rds'> | NodeOf<'rdsProxy'>): Cfn {
  const t = ctx.id(target);
  if (target.type === 'rdsProxy') return getAtt(t, 'Endpoint');
  return getAtt(t, 'Endpoint.Address');
}
