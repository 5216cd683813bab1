/**
 * Fuzzing with hostile and mutated input (issue #14), bounded in count and time:
 * `npm run fuzz` (or `npx tsx bench/fuzz.ts [--count N] [--seconds S] [--seed K]`).
 *
 * - documents: the examples and random valid documents (ids like __proto__ included),
 *   mutated (fields deleted, retyped, pushed to extremes; nodes duplicated, ids renamed);
 *   each goes through restoreDocument and, when valid, a short simulation whose summary
 *   must satisfy the accounting invariants;
 * - templates: the hostile shapes of src/sam/testing/hostileTemplates.ts and exported
 *   documents with their text mutated; each import must finish or refuse within 2 s CPU;
 * - share links: every valid document's link must decode to the same document, mutated
 *   links must decode or be refused.
 *
 * Reports crashes (an exception escaped), hangs (past the time bound), wrong results
 * (invariant violations, invalid output) and data lost (a round trip that changed the
 * document). Exit 1 when any was found.
 */
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { restoreDocument, type Architecture } from '../src/model';
import { decodeShareHash, encodeShareHash } from '../src/model/share';
import { exportTemplate } from '../src/sam/export';
import { importTemplateGraph } from '../src/sam/import';
import { arbitraryDocument } from '../src/sam/testing/arbitraryDocument';
import { hostileTemplates } from '../src/sam/testing/hostileTemplates';
import { Simulation } from '../src/sim';
import type { SimSummary } from '../src/sim/api';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const COUNT = arg('count', 300);
const SECONDS = arg('seconds', 120);
const SEED = arg('seed', 14);
const IMPORT_LIMIT_MS = 2000;
const SIM_LIMIT_MS = 10_000;

let rng = SEED >>> 0 || 1;
const rand = () => {
  rng ^= rng << 13;
  rng ^= rng >>> 17;
  rng ^= rng << 5;
  return (rng >>> 0) / 2 ** 32;
};
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];

const tally = { documents: 0, templates: 0, links: 0, crashes: 0, hangs: 0, wrong: 0, lost: 0 };
const findings: string[] = [];
const deadline = Date.now() + SECONDS * 1000;
const report = (kind: 'crashes' | 'hangs' | 'wrong' | 'lost', what: string) => {
  tally[kind]++;
  if (findings.length < 30) findings.push(`${kind}: ${what.slice(0, 300)}`);
};
const cpuMs = (f: () => void): number => {
  const c = process.cpuUsage();
  f();
  const d = process.cpuUsage(c);
  return (d.user + d.system) / 1000;
};

// ---- mutations ----

const EXTREMES: unknown[] = [0, -1, 1e308, -1e308, 2 ** 53, 0.5, NaN, '', 'x'.repeat(10_000), null, true, [], {}, '__proto__', { __proto__: null }, '1e9'];
const TRICKY = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'e1'];

function mutateValue(value: unknown, depth = 0): unknown {
  if (depth > 12) return value;
  if (Array.isArray(value)) {
    const out = value.map((v) => (rand() < 0.3 ? mutateValue(v, depth + 1) : v));
    if (out.length && rand() < 0.2) out.splice(Math.floor(rand() * out.length), 1);
    if (out.length && rand() < 0.15) out.push(structuredClone(pick(out)));
    return out;
  }
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const r = rand();
      if (r < 0.05) continue; // field deleted
      const key = rand() < 0.02 ? pick(TRICKY) : k;
      Object.defineProperty(out, key, { value: r < 0.35 ? mutateValue(v, depth + 1) : v, enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  if (rand() < 0.5) return pick(EXTREMES);
  if (typeof value === 'number') return value * pick([-1, 0, 10, 1000, 1e6]);
  if (typeof value === 'string') return pick([value + value, value.slice(1), pick(TRICKY), value.toUpperCase()]);
  return value;
}

function mutateText(text: string): string {
  const lines = text.split('\n');
  const n = 1 + Math.floor(rand() * 6);
  for (let i = 0; i < n && lines.length; i++) {
    const at = Math.floor(rand() * lines.length);
    const r = rand();
    if (r < 0.2) lines.splice(at, 1);
    else if (r < 0.4) lines.splice(at, 0, lines[Math.floor(rand() * lines.length)]);
    else if (r < 0.55)
      lines[at] = lines[at].replace(/: .*$/, `: ${pick(['*a', '&a x', '!Ref __proto__', "!Sub '${S}${S}'", '[[[[', '{', '-1', '1e999', '~'])}`);
    else if (r < 0.7) lines[at] = lines[at].replace(/^(\s*)/, '$1  ');
    else if (r < 0.85) lines[at] = lines[at].slice(0, Math.floor(rand() * lines[at].length));
    else lines[at] = lines[at].replace(/[A-Za-z]+/, pick(TRICKY));
  }
  return lines.join('\n');
}

// ---- invariants ----

function summaryProblems(s: SimSummary, doc: Architecture): string[] {
  const out: string[] = [];
  const walk = (v: unknown, path: string) => {
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) out.push(`${path} = ${v}`);
      if (/cost/i.test(path) && v < 0) out.push(`${path} < 0`);
    } else if (typeof v === 'object' && v !== null) for (const [k, x] of Object.entries(v)) walk(x, `${path}.${k}`);
  };
  walk(s, 'summary');
  const r = s.requests;
  if (r.ok + r.throttled + r.errors + r.timeouts !== r.total) out.push('requests do not add up');
  for (const node of doc.nodes) {
    const n = Object.prototype.hasOwnProperty.call(s.nodes, node.id) ? (s.nodes[node.id] as unknown as Record<string, number>) : undefined;
    if (!n) out.push(`node ${node.id} missing`);
    else if (node.type === 'lambda' && n.errors + n.timeouts > n.invocations) out.push(`${node.id}: errors + timeouts > invocations`);
    else if (node.type === 'client' && n.ok + n.throttled + n.errors + n.timeouts !== n.completed) out.push(`${node.id}: outcomes ≠ completed`);
  }
  return out;
}

function checkDocument(raw: unknown, label: string): void {
  tally.documents++;
  let restored;
  try {
    restored = restoreDocument(raw);
  } catch (e) {
    report('crashes', `${label}: restoreDocument threw ${(e as Error).message}`);
    return;
  }
  if (!restored.ok) return;
  const doc = restored.document;
  // data lost: a valid document must come back the same through JSON and a share link
  const again = restoreDocument(JSON.parse(JSON.stringify(doc)));
  if (!again.ok || JSON.stringify(again.document) !== JSON.stringify(doc)) report('lost', `${label}: restore is not idempotent`);
  checkLink(doc, label);
  const short = structuredClone(doc);
  short.settings.durationS = Math.min(short.settings.durationS, 30);
  try {
    const started = Date.now();
    const sim = new Simulation(short, { lean: true });
    while (!sim.done && Date.now() - started < SIM_LIMIT_MS) sim.advance(sim.simTimeMs + 1000);
    if (!sim.done) report('hangs', `${label}: 30 simulated seconds took over ${SIM_LIMIT_MS / 1000} s`);
    const problems = summaryProblems(sim.summary(), short);
    if (problems.length) report('wrong', `${label}: ${problems.join('; ')}`);
  } catch (e) {
    report('crashes', `${label}: simulation threw ${(e as Error).message}`);
  }
}

function checkLink(doc: Architecture, label: string): void {
  tally.links++;
  try {
    const hash = encodeShareHash(doc);
    const back = decodeShareHash(hash);
    if (!back.ok || JSON.stringify(back.document) !== JSON.stringify(doc)) report('lost', `${label}: share link did not give the document back`);
    tally.links++;
    const chars = hash.split('');
    for (let i = 0; i < 1 + rand() * 4; i++) chars[Math.floor(rand() * chars.length)] = pick(['A', '-', '_', '%', '#', '']);
    const mutated = rand() < 0.3 ? hash.slice(0, Math.floor(rand() * hash.length)) : chars.join('');
    const r = decodeShareHash(mutated);
    if (r.ok && restoreDocument(r.document).ok === false) report('wrong', `${label}: a decoded link is not a valid document`);
  } catch (e) {
    report('crashes', `${label}: share link threw ${(e as Error).message}`);
  }
}

function checkTemplate(text: string, label: string): void {
  tally.templates++;
  let result: ReturnType<typeof importTemplateGraph> | undefined;
  try {
    const ms = cpuMs(() => {
      result = importTemplateGraph(text, 'fuzz.yaml');
    });
    if (ms > IMPORT_LIMIT_MS) report('hangs', `${label}: import took ${Math.round(ms)} ms CPU`);
  } catch (e) {
    report('crashes', `${label}: import threw ${(e as Error).message}`);
    return;
  }
  if (result?.ok && !restoreDocument(result.document).ok) report('wrong', `${label}: the imported document does not restore`);
}

// ---- the run ----

const here = fileURLToPath(new URL('../examples/', import.meta.url));
const examples = readdirSync(here)
  .filter((f) => f.endsWith('.json'))
  .map((f) => ({ name: f, raw: JSON.parse(readFileSync(here + f, 'utf8')) as unknown }));
const randomDocs = fc.sample(arbitraryDocument(8, { trickyIds: true }), { numRuns: Math.max(10, Math.ceil(COUNT / 10)), seed: SEED });

for (const t of hostileTemplates()) checkTemplate(t.text, `hostile template "${t.name}"`);
for (let i = 0; i < COUNT && Date.now() < deadline; i++) {
  const base = i % 2 === 0 ? pick(examples) : { name: `random document ${i}`, raw: pick(randomDocs) as unknown };
  checkDocument(i < examples.length ? base.raw : mutateValue(structuredClone(base.raw)), `${base.name} (mutation ${i})`);
  const restored = restoreDocument(base.raw);
  if (restored.ok && i % 3 === 0) {
    const text = exportTemplate(restored.document);
    checkTemplate(text, `export of ${base.name}`);
    const back = importTemplateGraph(text);
    if (!back.ok || back.document.nodes.length !== restored.document.nodes.length) report('lost', `${base.name}: export → import lost nodes`);
    else {
      for (const n of restored.document.nodes) {
        const m = back.document.nodes.find((x) => x.id === n.id);
        if (!m || JSON.stringify(m.config) !== JSON.stringify(n.config)) report('lost', `${base.name}: export → import changed ${n.id}'s settings`);
      }
    }
    for (let j = 0; j < 3; j++) checkTemplate(mutateText(text), `mutated export of ${base.name}`);
  }
}

const line = `documents ${tally.documents}, templates ${tally.templates}, share links ${tally.links}: crashes ${tally.crashes}, hangs ${tally.hangs}, wrong results ${tally.wrong}, data lost ${tally.lost}`;
console.log(line);
for (const f of findings) console.log('  ' + f);
process.exit(tally.crashes + tally.hangs + tally.wrong + tally.lost > 0 ? 1 : 0);
