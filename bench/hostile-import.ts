/**
 * Times the import of every hostile template shape (scripts/hostileTemplates.ts): each must
 * finish or refuse within 2 s on this machine. `npx tsx bench/hostile-import.ts`; exit 1
 * when one takes longer or crashes. Judged on CPU time (this process's user + system time),
 * since the wall time on a shared machine depends on what else runs.
 */
import { importTemplateGraph } from '../src/sam/import';
import { hostileTemplates } from '../src/sam/testing/hostileTemplates';

const LIMIT_MS = 2000;
let bad = 0;
for (const t of hostileTemplates()) {
  const started = performance.now();
  const cpu = process.cpuUsage();
  let outcome: string;
  try {
    const r = importTemplateGraph(t.text, 'hostile.yaml');
    outcome = r.ok
      ? `imported, ${r.document.nodes.length} nodes, ${r.warnings.length} warnings${r.warnings.length ? ': ' + r.warnings[0].slice(0, 110) : ''}`
      : `refused: ${r.error.slice(0, 130)}`;
  } catch (e) {
    outcome = `CRASH: ${(e as Error).message.slice(0, 130)}`;
    bad++;
  }
  const wall = performance.now() - started;
  const used = process.cpuUsage(cpu);
  const ms = (used.user + used.system) / 1000;
  if (ms > LIMIT_MS) bad++;
  console.log(
    `${ms > LIMIT_MS ? 'SLOW' : 'ok  '} ${ms.toFixed(0).padStart(6)} ms CPU ${wall.toFixed(0).padStart(6)} ms wall  ${(t.text.length / 1e6).toFixed(2)} MB  ${t.name} — ${outcome}`,
  );
}
process.exit(bad ? 1 : 0);
