/** Slot filled by the live simulation (issue 4). */
export function Dashboard(): null {
  return null;
}
