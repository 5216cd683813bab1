/**
 * Copy text without ever failing loudly: the async Clipboard API where it is allowed, else
 * the older execCommand path, else false (the caller then asks the person to press Ctrl+C).
 * Headless browsers and embedded pages often deny the first, and it may never settle.
 */
const CLIPBOARD_WAIT_MS = 1500;

export async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard?.writeText) {
      const done = await Promise.race([
        navigator.clipboard.writeText(text).then(() => true),
        new Promise<boolean>((resolve) => setTimeout(() => resolve(false), CLIPBOARD_WAIT_MS)),
      ]);
      if (done) return true;
    }
  } catch {
    // denied or not focused: try the old way
  }
  return copyWithSelection(text);
}

function copyWithSelection(text: string): boolean {
  const active = document.activeElement as HTMLElement | null;
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  area.style.pointerEvents = 'none';
  document.body.appendChild(area);
  try {
    area.select();
    return document.execCommand('copy');
  } catch {
    return false;
  } finally {
    area.remove();
    active?.focus({ preventScroll: true });
  }
}
