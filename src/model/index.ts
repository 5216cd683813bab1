export * from './catalogue';
export * from './connections';
export * from './document';
export * from './fields';
export * from './goals';
export * from './restore';
export * from './runtimes';
export { INIT_CODE_SPREAD, INIT_QUANTILES, RESTORE_QUANTILES } from './initTimes';
export * from './valuePath';
export { defaultScenario } from './defaultScenario';
export { DAX_NODE_TYPES, type DaxNodeType } from './nodes/dax';
export { ratePeriodS, checkSchedule } from './nodes/eventbridge';
export { formatDuration } from './nodes/cloudfront';
export { authorizerFunction, reconcileAuthorizers, withDerivedAuthorizerEdges } from './nodes/apiGateway';
export { KINESIS_ON_DEMAND_START_SHARDS, KINESIS_SHARD } from './nodes/kinesis';
export {
  RDS_INSTANCE_CLASSES,
  RDS_MAX_CONNECTIONS_LIMIT,
  defaultMaxConnections,
  isAurora,
  mysqlMaxConnections,
  postgresMaxConnections,
  maxConnectionsOf,
  type RdsEngine,
  type RdsInstanceClass,
} from './nodes/rds';
export { RDS_PROXY } from './nodes/rdsProxy';
export type { Capability, EntrySpec, KindProblem, KnobSpec, NodeKind } from './nodes/kind';
export {
  SFN_LIMITS,
  STEP_TYPES,
  definitionWithout,
  describeStep,
  forEachStep,
  reconcileStepFunctions,
  normaliseStep,
  stepFunctionsTargets,
  withDerivedTaskEdges,
  type Branch,
  type ChoiceStep,
  type MapStep,
  type ParallelStep,
  type RetrySpec,
  type Step,
  type StepType,
  type TaskStep,
  type WaitStep,
} from './nodes/stepFunctions';
export { addEntryClients, entryPoints, hasTrafficSource, rareSchedules, ENTRY_RATES, type AddedClient, type EntryTrafficResult } from './entryTraffic';
export { recordById, ownValue } from './ids';
