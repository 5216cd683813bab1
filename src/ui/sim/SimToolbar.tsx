/** Slot filled by the live simulation (issue 4). */
export function SimToolbar(): null {
  return null;
}
