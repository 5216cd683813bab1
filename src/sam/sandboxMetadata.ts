/**
 * The `ServerlessSandbox` metadata our own export writes, read back on import: what a
 * template cannot say (clients, the diagram's own ids and labels, which function-to-function
 * calls are asynchronous, simulation settings). Templates from elsewhere have none of it.
 * Everything here is checked again by restoreDocument like any other input.
 */
import { isObject, type DraftEdge, type ImportContext } from './context';

export const METADATA_KEY = 'ServerlessSandbox';

export interface SandboxTemplateMetadata {
  name?: string;
  description?: string;
  settings?: Record<string, unknown>;
  clients?: { id: string; label?: string; config?: Record<string, unknown> }[];
  clientEdges?: { source: string; target: string }[];
  faults?: unknown[];
}

export interface SandboxResourceMetadata {
  id?: string;
  label?: string;
  invokes?: { target: string; kind?: 'async' }[];
  /** A state machine: the HTTP APIs that start it (SAM's state machine events name REST APIs only). */
  startedBy?: string[];
  /** Nodes with an edge to this one the template cannot say (an API's service integration). */
  linkedFrom?: string[];
  /** This node's edges the template cannot say (a stream's on-failure destination with no consumer to carry it). */
  linkedTo?: { target: string; kind?: 'onFailure' }[];
  /** Settings the template cannot say (written by export where reading the template back would lose them). */
  config?: SettingPatch[];
}

/** One setting: its path in the node's config ("handler.meanMs"; "" for the whole config) and its value. */
export interface SettingPatch {
  path: string;
  value: unknown;
}

const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Write each patch's value at its path in `config` (checked afterwards like any imported value). */
function applyPatches(config: Record<string, unknown>, patches: unknown[]): void {
  for (const p of patches.slice(0, 500)) {
    if (!isObject(p) || typeof p.path !== 'string' || !('value' in p)) continue;
    const keys = p.path === '' ? [] : p.path.split('.');
    if (keys.length === 0 || keys.length > 10 || keys.some((k) => UNSAFE_KEYS.has(k))) continue;
    let at: Record<string, unknown> = config;
    for (const key of keys.slice(0, -1)) {
      const next = Object.prototype.hasOwnProperty.call(at, key) ? at[key] : undefined;
      if (!isObject(next)) {
        at = {};
        break;
      }
      at = next;
    }
    at[keys[keys.length - 1]] = p.value;
  }
}

export function templateMetadata(ctx: ImportContext): SandboxTemplateMetadata | undefined {
  const meta = isObject(ctx.template.Metadata) ? ctx.template.Metadata[METADATA_KEY] : undefined;
  return isObject(meta) ? (meta as SandboxTemplateMetadata) : undefined;
}

export function resourceMetadata(ctx: ImportContext, id: string): SandboxResourceMetadata | undefined {
  const meta = ctx.resources.get(id)?.metadata[METADATA_KEY];
  return isObject(meta) ? (meta as SandboxResourceMetadata) : undefined;
}

/** Clients and their edges, and the exact function -> function calls, from our own export. */
export function readSandboxMetadata(ctx: ImportContext): void {
  const meta = templateMetadata(ctx);
  for (const client of Array.isArray(meta?.clients) ? meta.clients : []) {
    if (!isObject(client) || typeof client.id !== 'string' || ctx.nodes.has(client.id)) continue;
    const node = ctx.addNode(client.id, 'client');
    if (typeof client.label === 'string') node.label = client.label;
    if (isObject(client.config)) node.config = { ...node.config, ...client.config };
  }
  for (const edge of Array.isArray(meta?.clientEdges) ? meta.clientEdges : []) {
    if (isObject(edge)) ctx.link(ctx.nodes.get(String(edge.source)), ctx.nodes.get(String(edge.target)), undefined, 'client edge');
  }
  for (const node of ctx.nodes.values()) {
    const m = resourceMetadata(ctx, node.id);
    if (typeof m?.label === 'string') node.label = m.label;
    // checked by the import's repair step: a bad value is a warning and its default is kept
    if (Array.isArray(m?.config)) applyPatches(node.config, m.config);
    for (const from of Array.isArray(m?.linkedFrom) ? m.linkedFrom : []) ctx.link(ctx.nodes.get(String(from)), node, undefined, `${node.id} metadata`);
    for (const to of Array.isArray(m?.linkedTo) ? m.linkedTo : []) {
      if (isObject(to)) ctx.link(node, ctx.nodes.get(String(to.target)), to.kind === 'onFailure' ? 'onFailure' : undefined, `${node.id} metadata`);
    }
    if (node.type !== 'lambda' || !Array.isArray(m?.invokes)) continue;
    // Authoritative for this function's calls to other functions: drop what policies implied.
    const keep = ctx.edges.filter((e) => !(e.source === node.id && ctx.nodes.get(e.target)?.type === 'lambda' && e.kind !== 'onFailure'));
    ctx.edges.splice(0, ctx.edges.length, ...keep);
    for (const call of m.invokes) {
      if (isObject(call)) ctx.link(node, ctx.nodes.get(String(call.target)), call.kind === 'async' ? 'async' : undefined, `${node.id} call`);
    }
  }
}

/** Logical ID -> the diagram's own id, where our export recorded one (all or none). */
export function originalIds(ctx: ImportContext): Map<string, string> {
  const map = new Map<string, string>();
  const wanted = [...ctx.nodes.keys()].map((id) => {
    const original = resourceMetadata(ctx, id)?.id;
    return typeof original === 'string' && original.length > 0 ? original : id;
  });
  // Only rename when the recorded ids are themselves unique (they were, in the document).
  if (new Set(wanted).size !== wanted.length) return map;
  [...ctx.nodes.keys()].forEach((id, i) => {
    if (wanted[i] !== id) map.set(id, wanted[i]);
  });
  return map;
}

export function renameEdges(edges: DraftEdge[], ids: Map<string, string>): DraftEdge[] {
  return edges.map((e) => ({ ...e, source: ids.get(e.source) ?? e.source, target: ids.get(e.target) ?? e.target }));
}
