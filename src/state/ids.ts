/** Moved to model/freshIds.ts (used by the edits in model/edits.ts); kept for existing imports. */
export { freshEdgeId, freshNodeId, freshNodeLabel } from '../model/freshIds';
