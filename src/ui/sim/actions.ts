/** The simulation's keys are in the one list of keyboard actions (ui/actions.ts); kept for existing imports. */
import { handleSimulationKey, shortcutText } from '../actions';

export type SimActionId = 'toggleRun' | 'step' | 'reset';

export function shortcutOf(id: SimActionId): string {
  return shortcutText(id);
}

export const handleSimShortcut = handleSimulationKey;
