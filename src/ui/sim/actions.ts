/** The simulation's commands with their labels and shortcuts, in one list. */
import { useSimulationStore } from '../../state/simulationStore';
import { pressRun } from '../commands';

export interface SimAction {
  id: 'toggleRun' | 'step' | 'reset';
  /** KeyboardEvent.key values that trigger it. */
  keys: string[];
  shortcutLabel: string;
  perform(): void;
}

export const SIM_ACTIONS: SimAction[] = [
  { id: 'toggleRun', keys: [' '], shortcutLabel: 'Space', perform: () => pressRun() },
  { id: 'step', keys: ['.'], shortcutLabel: '.', perform: () => useSimulationStore.getState().step() },
  { id: 'reset', keys: ['r', 'R'], shortcutLabel: 'R', perform: () => useSimulationStore.getState().reset() },
];

export function shortcutOf(id: SimAction['id']): string {
  return SIM_ACTIONS.find((a) => a.id === id)!.shortcutLabel;
}

/** Typing in a field (or pressing Space on a focused control) is never a shortcut. */
function isTypingTarget(target: EventTarget | null, key: string): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (key === ' ' && (tag === 'BUTTON' || tag === 'A' || target.getAttribute('role') === 'button')) return true;
  return false;
}

export function handleSimShortcut(event: KeyboardEvent): void {
  if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || event.repeat) return;
  if (isTypingTarget(event.target, event.key)) return;
  const action = SIM_ACTIONS.find((a) => a.keys.includes(event.key));
  if (!action) return;
  event.preventDefault();
  action.perform();
}
