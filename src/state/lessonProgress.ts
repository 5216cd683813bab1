/**
 * Which lessons the learner has finished, and which checks passed, kept in this browser
 * (localStorage). Every storage access may throw (blocked storage, quota): progress is a
 * convenience, never a reason for an error.
 */
import { create } from 'zustand';
import { STORAGE_KEYS, browserStorage } from './storageKeys';

export const PROGRESS_KEY = STORAGE_KEYS.lessonProgress.key;
const storage = () => browserStorage(STORAGE_KEYS.lessonProgress.area);

export interface LessonProgress {
  /** Lesson ids finished, with when. */
  finished: Record<string, string>;
  /** "lessonId:stepIndex" of every check seen passing. */
  passed: string[];
}

const EMPTY: LessonProgress = { finished: {}, passed: [] };

function load(): LessonProgress {
  try {
    const raw = storage()?.getItem(PROGRESS_KEY);
    if (!raw) return EMPTY;
    const data = JSON.parse(raw) as Partial<LessonProgress>;
    const finished: Record<string, string> = Object.create(null);
    if (data.finished && typeof data.finished === 'object') {
      for (const [k, v] of Object.entries(data.finished)) if (typeof v === 'string') finished[k] = v;
    }
    const passed = Array.isArray(data.passed) ? data.passed.filter((x): x is string => typeof x === 'string').slice(0, 500) : [];
    return { finished, passed };
  } catch {
    return EMPTY;
  }
}

function save(p: LessonProgress): void {
  try {
    storage()?.setItem(PROGRESS_KEY, JSON.stringify(p));
  } catch {
    // progress is kept only for this visit
  }
}

interface ProgressState extends LessonProgress {
  markFinished(lessonId: string): void;
  markPassed(lessonId: string, step: number): void;
  reset(): void;
}

export const useLessonProgress = create<ProgressState>()((set, get) => ({
  ...load(),
  markFinished(lessonId) {
    if (get().finished[lessonId]) return;
    const next = { finished: { ...get().finished, [lessonId]: new Date().toISOString() }, passed: get().passed };
    save(next);
    set(next);
  },
  markPassed(lessonId, step) {
    const key = `${lessonId}:${step}`;
    if (get().passed.includes(key)) return;
    const next = { finished: get().finished, passed: [...get().passed, key] };
    save(next);
    set(next);
  },
  reset() {
    save(EMPTY);
    set(EMPTY);
  },
}));
