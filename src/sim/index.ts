export * from './api';
export { Simulation, runSimulation } from './simulation';
export { schedulePeriodS } from './services/eventbridge';
