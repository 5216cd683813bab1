/**
 * The one way in: every loaded document (file, share link, local storage, CLI, template
 * import) passes through restoreDocument(), which runs migrations, fills defaults and checks
 * every rule, or returns messages that each name the path, the value and what is allowed.
 */
import type { z } from 'zod';
import { CURRENT_VERSION, FORMAT, crossCheck, documentSchema, type Architecture } from './document';
import { MIGRATIONS } from './migrations';
import { getAt } from './valuePath';
import { resolveEdge } from './connections';
import { withDerivedTaskEdges } from './nodes/stepFunctions';
import { withDerivedAuthorizerEdges } from './nodes/apiGateway';

export type RestoreResult = { ok: true; document: Architecture; warnings: string[]; migratedFrom?: number } | { ok: false; errors: string[] };

/** Largest document text accepted (JSON), far above any real diagram. */
export const MAX_DOCUMENT_CHARS = 2_000_000;

export function parseDocumentText(text: string): RestoreResult {
  if (text.length > MAX_DOCUMENT_CHARS) {
    return {
      ok: false,
      errors: [`the document is ${text.length.toLocaleString('en-US')} characters long; the limit is ${MAX_DOCUMENT_CHARS.toLocaleString('en-US')}`],
    };
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { ok: false, errors: [`not valid JSON: ${(e as Error).message}`] };
  }
  return restoreDocument(data);
}

export function restoreDocument(input: unknown): RestoreResult {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, errors: ['not a Serverless Sandbox document: expected a JSON object with "format", "version" and "nodes"'] };
  }
  const raw = input as Record<string, unknown>;
  if (raw.format !== undefined && raw.format !== FORMAT) {
    return { ok: false, errors: [`format: ${show(raw.format)} is not "${FORMAT}"; this is not a Serverless Sandbox document`] };
  }
  const version = raw.version;
  if (typeof version !== 'number' || !Number.isInteger(version)) {
    return { ok: false, errors: [`version: ${show(version)} is not a format version; expected a whole number up to ${CURRENT_VERSION}`] };
  }
  if (version > CURRENT_VERSION) {
    return { ok: false, errors: [`version: ${version} is newer than this app understands (up to ${CURRENT_VERSION}); update the app to open it`] };
  }
  let migrated: unknown = input;
  for (const migration of MIGRATIONS) {
    if (migration.from >= version && migration.from < CURRENT_VERSION) {
      try {
        migrated = migration.migrate(migrated as Record<string, unknown>);
      } catch (e) {
        return { ok: false, errors: [`could not migrate from version ${migration.from} (${migration.name}): ${(e as Error).message}`] };
      }
    }
  }
  const raised = raiseShortVisibility(migrated);
  const parsed = documentSchema.safeParse(raised.raw);
  if (!parsed.success) return { ok: false, errors: formatIssues(parsed.error.issues, raised.raw) };
  const document = normaliseEdgeKinds({
    ...parsed.data,
    edges: withDerivedAuthorizerEdges(parsed.data.nodes, withDerivedTaskEdges(parsed.data.nodes, parsed.data.edges)),
  });
  return { ok: true, document, warnings: [...raised.notes, ...warningsFor(document)], ...(version < CURRENT_VERSION ? { migratedFrom: version } : {}) };
}

/** Re-check a document already in memory (after an edit); returns messages, empty when valid. */
export function validateDocument(doc: Architecture): string[] {
  const parsed = documentSchema.safeParse(doc);
  if (!parsed.success) return formatIssues(parsed.error.issues, doc);
  return crossCheck(parsed.data).map((p) => `${formatPath(p.path, doc)}: ${p.message}`);
}

/**
 * A document saved before the sandbox enforced AWS's rule may map a queue to a function whose
 * timeout exceeds the queue's visibility timeout, which AWS refuses (CreateEventSourceMapping).
 * Rather than refuse the person's saved work, the queue's visibility timeout is raised to the
 * function timeout, with a note saying so; an edit that breaks the rule later is refused.
 */
function raiseShortVisibility(input: unknown): { raw: unknown; notes: string[] } {
  const notes: string[] = [];
  const raw = input as { nodes?: unknown; edges?: unknown };
  if (!Array.isArray(raw.nodes) || !Array.isArray(raw.edges)) return { raw: input, notes };
  type RawNode = { id?: unknown; type?: unknown; label?: unknown; config?: Record<string, unknown> };
  const nodes = (raw.nodes as RawNode[]).map((n) => (n && typeof n === 'object' ? { ...n } : n));
  const byId = new Map<unknown, RawNode>();
  for (const n of nodes) if (n && typeof n === 'object') byId.set(n.id, n);
  let changed = false;
  for (const e of raw.edges as { source?: unknown; target?: unknown; kind?: unknown }[]) {
    if (!e || typeof e !== 'object' || (e.kind !== undefined && e.kind !== 'esm')) continue;
    const q = byId.get(e.source);
    const fn = byId.get(e.target);
    if (q?.type !== 'sqs' || fn?.type !== 'lambda') continue;
    const timeoutMs = typeof fn.config?.timeoutMs === 'number' ? fn.config.timeoutMs : 3000;
    const visibilityS = typeof q.config?.visibilityTimeoutS === 'number' ? q.config.visibilityTimeoutS : 30;
    if (!(timeoutMs > visibilityS * 1000) || !Number.isFinite(timeoutMs) || timeoutMs > 43_200_000) continue;
    const raisedS = Math.ceil(timeoutMs / 1000);
    q.config = { ...(q.config ?? {}), visibilityTimeoutS: raisedS };
    changed = true;
    const name = (n: RawNode) => String(typeof n.label === 'string' && n.label ? n.label : n.id);
    notes.push(
      `"${name(q)}": visibility timeout raised from ${visibilityS} s to ${raisedS} s, the timeout of "${name(fn)}" — AWS refuses an event source mapping whose function timeout exceeds the queue's visibility timeout (it advises at least 6 × the function timeout)`,
    );
  }
  return changed ? { raw: { ...(input as object), nodes }, notes } : { raw: input, notes };
}

/** Write inferred kinds (stream, dlq) into edges so every consumer sees one meaning. */
function normaliseEdgeKinds(doc: Architecture): Architecture {
  const types = new Map(doc.nodes.map((n) => [n.id, n.type]));
  const edges = doc.edges.map((e) => {
    if (e.kind) return e;
    const r = resolveEdge(types.get(e.source)!, types.get(e.target)!, undefined);
    return r.ok && r.kind ? { ...e, kind: r.kind } : e;
  });
  return { ...doc, edges };
}

function warningsFor(doc: Architecture): string[] {
  const warnings: string[] = [];
  if (doc.settings.region !== 'us-east-1') warnings.push(`settings.region: prices for ${doc.settings.region} are taken from us-east-1`);
  const byId = new Map(doc.nodes.map((n) => [n.id, n]));
  for (const e of doc.edges) {
    const q = byId.get(e.source);
    const fn = byId.get(e.target);
    if (q?.type !== 'sqs' || fn?.type !== 'lambda' || e.kind !== undefined) continue;
    // AWS's advice (with-sqs): visibility timeout ≥ 6 × the function timeout (+ batching window)
    const advised = 6 * (fn.config.timeoutMs / 1000) + q.config.maxBatchingWindowS;
    if (q.config.visibilityTimeoutS < advised && q.config.visibilityTimeoutS * 1000 >= fn.config.timeoutMs) {
      warnings.push(
        `"${q.label ?? q.id}" → "${fn.label ?? fn.id}": the queue's visibility timeout (${q.config.visibilityTimeoutS} s) is below AWS's advice of 6 × the function timeout + the batching window (${advised} s); throttled batches may be received again too soon`,
      );
    }
  }
  return warnings;
}

// ---- messages ----

function show(value: unknown): string {
  if (value === undefined) return 'missing';
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? value.slice(0, 57) + '...' : value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  if (Array.isArray(value)) return `a list of ${value.length}`;
  return 'an object';
}

/** `nodes[2] "fn" config.memoryMb` — the index and the id, so a person can find it. */
export function formatPath(path: readonly PropertyKey[], root: unknown): string {
  let out = '';
  path.forEach((key, i) => {
    if (typeof key === 'number') {
      out += `[${key}]`;
      if (i === 1 && (path[0] === 'nodes' || path[0] === 'edges')) {
        const id = (getAt(root, path.slice(0, 2)) as { id?: unknown } | undefined)?.id;
        if (typeof id === 'string' && id.length <= 60) out += ` (${id})`;
      }
    } else out += out ? `.${String(key)}` : String(key);
  });
  return out || '(document)';
}

export function formatIssues(issues: readonly z.core.$ZodIssue[], root: unknown): string[] {
  const messages = issues.map((issue) => {
    const where = formatPath(issue.path, root);
    const value = getAt(root, issue.path);
    switch (issue.code) {
      case 'unrecognized_keys':
        return `${where}: unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}; remove ${issue.keys.length > 1 ? 'them' : 'it'} or check the spelling`;
      case 'invalid_type':
        if (value === undefined) return `${where}: is required (${issue.message})`;
        return `${where}: ${show(value)} ${issue.message.startsWith('expected') ? `is wrong; ${issue.message}` : issue.message}`;
      case 'custom':
        return `${where}: ${issue.message}`;
      default:
        return `${where}: ${show(value)} ${issue.message}`;
    }
  });
  return [...new Set(messages)];
}
