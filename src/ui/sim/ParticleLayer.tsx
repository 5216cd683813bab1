/** Slot filled by the live simulation (issue 4). */
export function ParticleLayer(): null {
  return null;
}
