/**
 * Which lesson is open, on which step, the last change a lesson applied (the what-if
 * comparison offers "before vs after" it) and which analysis dialog is open. Never
 * persisted: a reload closes them.
 */
import { create } from 'zustand';
import type { Architecture } from '../model';

export interface AppliedChange {
  label: string;
  before: Architecture;
  after: Architecture;
}

/** The analysis dialog open over the page, if any. */
export type AnalysisPanel = { kind: 'compare'; mode: 'edit' | 'lesson' } | { kind: 'tuning'; functionId: string } | null;

export interface LessonState {
  galleryOpen: boolean;
  panel: AnalysisPanel;
  lessonId: string | null;
  step: number;
  /** Steps of the open lesson whose change has been applied. */
  applied: number[];
  lastChange: AppliedChange | null;
  /** Where the simulation was when the open lesson last changed the diagram (a run from before is stale). */
  changedAt: { runId: number; simTimeMs: number } | null;
  /** The open lesson was finished: the panel shows what was learnt and the next lesson. */
  finished: boolean;
  finish(): void;
  openGallery(): void;
  closeGallery(): void;
  open(lessonId: string): void;
  close(): void;
  goTo(step: number): void;
  markApplied(step: number, change: AppliedChange): void;
  openPanel(panel: AnalysisPanel): void;
}

export const useLessonStore = create<LessonState>()((set) => ({
  galleryOpen: false,
  panel: null,
  lessonId: null,
  step: 0,
  applied: [],
  lastChange: null,
  changedAt: null,
  finished: false,
  finish: () => set({ finished: true }),
  openGallery: () => set({ galleryOpen: true }),
  closeGallery: () => set({ galleryOpen: false }),
  open: (lessonId) => set({ lessonId, step: 0, applied: [], galleryOpen: false, changedAt: null, finished: false }),
  close: () => set({ lessonId: null, step: 0, applied: [], changedAt: null, finished: false }),
  goTo: (step) => set({ step, finished: false }),
  markApplied: (step, change) => set((s) => ({ applied: [...s.applied, step], lastChange: change })),
  openPanel: (panel) => set({ panel }),
}));
