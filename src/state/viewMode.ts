/**
 * View mode (`?view=1`) for classrooms and embedding: the diagram and the simulation, no
 * editing panels, nothing autosaved. Read once at start-up; a page opens in one mode.
 */

export function isViewMode(search: string): boolean {
  const value = new URLSearchParams(search).get('view');
  return value !== null && value !== '0' && value.toLowerCase() !== 'false';
}

export const VIEW_MODE = typeof location !== 'undefined' && isViewMode(location.search);
