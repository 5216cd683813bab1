/** Moved to state/lessonProgress.ts (all app state lives in state/); kept for existing imports. */
export * from '../../state/lessonProgress';
