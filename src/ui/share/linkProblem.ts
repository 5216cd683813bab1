/** Moved to state/linkProblem.ts (the shared-link session uses it); kept for existing imports. */
export { plainLinkProblem } from '../../state/linkProblem';
