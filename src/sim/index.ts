export * from './api';
export { Simulation, runSimulation } from './simulation';
export { schedulePeriodS } from './services/eventbridge';
export { erlangB, erlangC, mmcMeanWait, ttlHitRatio } from './theory';
