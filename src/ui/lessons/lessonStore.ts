/** Moved to state/lessonStore.ts (all app state lives in state/); kept for existing imports. */
export * from '../../state/lessonStore';
