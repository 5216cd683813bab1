/**
 * Which lesson is open, on which step, and the last change a lesson applied (the what-if
 * comparison offers "before vs after" it). Never persisted: a reload closes the lesson.
 */
import { create } from 'zustand';
import type { Architecture } from '../../model';

export interface AppliedChange {
  label: string;
  before: Architecture;
  after: Architecture;
}

export interface LessonState {
  galleryOpen: boolean;
  lessonId: string | null;
  step: number;
  /** Steps of the open lesson whose change has been applied. */
  applied: number[];
  lastChange: AppliedChange | null;
  openGallery(): void;
  closeGallery(): void;
  open(lessonId: string): void;
  close(): void;
  goTo(step: number): void;
  markApplied(step: number, change: AppliedChange): void;
}

export const useLessonStore = create<LessonState>()((set) => ({
  galleryOpen: false,
  lessonId: null,
  step: 0,
  applied: [],
  lastChange: null,
  openGallery: () => set({ galleryOpen: true }),
  closeGallery: () => set({ galleryOpen: false }),
  open: (lessonId) => set({ lessonId, step: 0, applied: [], galleryOpen: false }),
  close: () => set({ lessonId: null, step: 0, applied: [] }),
  goTo: (step) => set({ step }),
  markApplied: (step, change) => set((s) => ({ applied: [...s.applied, step], lastChange: change })),
}));
