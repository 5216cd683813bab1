/** Slot filled by the live simulation (issue 4): live numbers on a node card. */
export function NodeLiveBadge(_props: { nodeId: string }): null {
  return null;
}
