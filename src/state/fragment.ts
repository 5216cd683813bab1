/** Moved to model/fragment.ts (a fragment is plain document data); kept for existing imports. */
export { extractFragment, type Fragment } from '../model/fragment';
