/** Slot filled by sharing (issue 5): share link, PNG/SVG export, SAM import/export. */
export function ShareActions(): null {
  return null;
}
