/**
 * Files dropped on the canvas are imported like the Import button's (a diagram or a
 * template, told apart by content). Listens on the document so the canvas itself needs no
 * change; drags of palette entries (not files) are left to the canvas.
 */
import { useEffect, useState } from 'react';
import { importFile } from '../commands';

const CANVAS = '.app__canvas';

const hasFiles = (e: DragEvent) => Array.from(e.dataTransfer?.types ?? []).includes('Files');
const overCanvas = (e: DragEvent) => e.target instanceof Element && e.target.closest(CANVAS) !== null;

export function useFileDrop(): boolean {
  const [dropping, setDropping] = useState(false);
  useEffect(() => {
    let leaveTimer: ReturnType<typeof setTimeout> | null = null;
    const onOver = (e: DragEvent) => {
      if (!hasFiles(e) || !overCanvas(e)) return;
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
      if (leaveTimer) clearTimeout(leaveTimer);
      leaveTimer = setTimeout(() => setDropping(false), 200); // dragover repeats while over
      setDropping(true);
    };
    const onDrop = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault(); // never let the browser navigate to the file
      setDropping(false);
      if (!overCanvas(e)) return;
      const file = e.dataTransfer?.files[0];
      if (file) void importFile(file);
    };
    document.addEventListener('dragover', onOver);
    document.addEventListener('drop', onDrop);
    return () => {
      if (leaveTimer) clearTimeout(leaveTimer);
      document.removeEventListener('dragover', onOver);
      document.removeEventListener('drop', onDrop);
    };
  }, []);
  return dropping;
}
