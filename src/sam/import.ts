/**
 * SAM / CloudFormation template -> architecture document.
 *
 * Resources become nodes under their logical IDs (SAM's implicit APIs as ServerlessRestApi /
 * ServerlessHttpApi); events, policies, environment variables, IAM statements, connectors,
 * subscriptions, redrive policies and origins become edges. What the sandbox cannot show
 * is listed in `warnings`; only text that is not a template at all fails.
 * The result always passes restoreDocument; positions come from the elk layout.
 */
import { CATALOGUE, LIMITS, defaultConfig, documentSchema, findField, getAt, restoreDocument, setAt, type Architecture } from '../model';
import { readAccess } from './access';
import { declareApis, readApis } from './apis';
import { HELPER_TYPES, ImportContext, isObject, type DraftEdge, type DraftNode } from './context';
import { declareFunctions, readEvents, readFunctionSatellites, readFunctions } from './functions';
import { referencesIn } from './intrinsics';
import { declareResources, readResources } from './kinds';
import { readMessaging } from './messaging';
import { parseTemplate, type Template } from './parse';
import { originalIds, readSandboxMetadata, renameEdges, templateMetadata, type SandboxTemplateMetadata } from './sandboxMetadata';
import { readDistributions, readStorage } from './storage';
import { readStateMachines } from './stateMachines';

export type ImportResult = { ok: true; document: Architecture; warnings: string[] } | { ok: false; error: string };

/** Import and lay out (elk, loaded on demand). */
export async function importTemplate(text: string, fileName?: string): Promise<ImportResult> {
  const result = importTemplateGraph(text, fileName);
  if (!result.ok) return result;
  const { layoutDocument } = await import('../layout/elk');
  return { ...result, document: await layoutDocument(result.document) };
}

/** Import without the layout: nodes on a plain grid. Synchronous. */
export function importTemplateGraph(text: string, fileName?: string): ImportResult {
  const parsed = parseTemplate(text, fileName);
  if (!parsed.ok) return parsed;
  const ctx = new ImportContext(parsed.template);
  ctx.warnings.push(...parsed.warnings);
  checkTransforms(ctx);

  const functions = declareFunctions(ctx);
  declareApis(ctx);
  declareResources(ctx);

  readStorage(ctx);
  readMessaging(ctx);
  readResources(ctx);
  readFunctions(ctx, functions);
  readEvents(ctx, functions);
  readStateMachines(ctx);
  readFunctionSatellites(ctx);
  readApis(ctx);
  readDistributions(ctx);
  readAccess(ctx, functions);
  readSandboxMetadata(ctx);

  reportUnsupported(ctx);
  reportUnresolved(ctx);
  return finish(ctx, fileName);
}

function checkTransforms(ctx: ImportContext): void {
  const t = ctx.template.Transform;
  const list = Array.isArray(t) ? t : t === undefined ? [] : [t];
  const names = list.map((x) => (isObject(x) ? ctx.str(x.Name) : ctx.str(x)) ?? '?');
  const samTypes = [...ctx.resources.values()].some((r) => r.type.startsWith('AWS::Serverless::'));
  if (samTypes && !names.includes('AWS::Serverless-2016-10-31')) {
    ctx.warn('the template uses AWS::Serverless resources without "Transform: AWS::Serverless-2016-10-31"; they were read as SAM anyway');
  }
  for (const name of names) {
    if (name === 'AWS::Include') ctx.warn('Transform AWS::Include: content from the included file is not read');
    else if (name !== 'AWS::Serverless-2016-10-31' && name !== 'AWS::LanguageExtensions')
      ctx.warn(`Transform ${name} (a macro) is not run; the template was read as written`);
  }
  findIncludes(ctx.template.Resources, (location) => ctx.warnOnce(`AWS::Include of ${location}: the included content is not read`));
}

function findIncludes(value: unknown, found: (location: string) => void, depth = 0): void {
  if (depth > 60) return;
  if (Array.isArray(value)) value.forEach((v) => findIncludes(v, found, depth + 1));
  if (!isObject(value)) return;
  const transform = value['Fn::Transform'];
  if (isObject(transform) && transform.Name === 'AWS::Include') {
    const p = isObject(transform.Parameters) ? transform.Parameters : {};
    found(typeof p.Location === 'string' ? p.Location : 'a file');
  }
  for (const v of Object.values(value)) findIncludes(v, found, depth + 1);
}

function reportUnsupported(ctx: ImportContext): void {
  const byType = new Map<string, string[]>();
  for (const res of ctx.resources.values()) {
    if (ctx.nodes.has(res.id) || HELPER_TYPES.has(res.type) || ctx.absorbed.has(res.id)) continue;
    const ids = byType.get(res.type);
    if (ids) ids.push(res.id);
    else byType.set(res.type, [res.id]);
  }
  for (const [type, ids] of byType) {
    const shown = ids.length > 5 ? `${ids.slice(0, 5).join(', ')} and ${ids.length - 5} more` : ids.join(', ');
    ctx.warn(`${type} is not modelled by the sandbox; not shown: ${shown}`);
  }
}

function reportUnresolved(ctx: ImportContext): void {
  const checked = new Map<string, boolean>();
  const resourceIds = [...ctx.resources.keys()];
  const known = (id: string) => {
    let k = checked.get(id);
    if (k === undefined) {
      k =
        ctx.resources.has(id) ||
        ctx.nodes.has(id) ||
        Object.prototype.hasOwnProperty.call(ctx.ev.parameters, id) ||
        /^Serverless(Rest|Http)Api/.test(id) ||
        // SAM-generated IDs start with the resource they belong to (<Function>Role, <Api>Stage...).
        prefixed(resourceIds, id);
      checked.set(id, k);
    }
    return k;
  };
  const missing = new Set<string>();
  for (const res of ctx.resources.values()) {
    for (const ref of referencesIn(res.props)) if (!known(ref.id)) missing.add(ref.id);
  }
  for (const ref of referencesIn(ctx.template.Outputs)) if (!known(ref.id)) missing.add(ref.id);
  if (missing.size) ctx.warn(`unresolved references (not resources or parameters of this template): ${[...missing].join(', ')}`);
}

/** Is some id of `ids` a prefix of `id`? At most one map look-up per length of `id`'s prefixes. */
function prefixed(ids: string[], id: string): boolean {
  const set = prefixSets.get(ids) ?? new Set(ids);
  prefixSets.set(ids, set);
  for (let n = 1; n < id.length; n++) if (set.has(id.slice(0, n))) return true;
  return false;
}
const prefixSets = new WeakMap<string[], Set<string>>();

// ---- building the document ----

function finish(ctx: ImportContext, fileName?: string): ImportResult {
  const meta = templateMetadata(ctx);
  let nodes = [...ctx.nodes.values()];
  if (nodes.length > LIMITS.nodes) {
    ctx.warn(`the template has ${nodes.length} resources the sandbox shows; only the first ${LIMITS.nodes} were imported`);
    nodes = nodes.slice(0, LIMITS.nodes);
  }
  const kept = new Set(nodes.map((n) => n.id));
  let edges = ctx.edges.filter((e) => kept.has(e.source) && kept.has(e.target)).slice(0, LIMITS.edges);
  const ids = originalIds(ctx);
  edges = renameEdges(edges, ids);
  const raw = {
    format: 'serverless-sandbox',
    version: 1,
    name: documentName(ctx.template, meta?.name, fileName),
    ...descriptionOf(ctx.template, meta),
    settings: settingsFor(ctx, nodes, meta?.settings),
    nodes: nodes.map((n, i) => draftToNode(ctx, n, ids.get(n.id) ?? n.id, i)),
    edges: edges.map((e, i) => ({ id: `e${i + 1}`, ...e })),
    faults: Array.isArray(meta?.faults) ? meta.faults : [],
  };
  repair(ctx, raw);
  const restored = restoreDocument(raw);
  if (!restored.ok) return { ok: false, error: `the template was read but gave no valid diagram: ${restored.errors.join('; ')}` };
  return { ok: true, document: restored.document, warnings: [...ctx.warnings, ...restored.warnings] };
}

/** Our own export keeps the document's description in its metadata; other templates have Description. */
function descriptionOf(t: Template, meta: SandboxTemplateMetadata | undefined): { description?: string } {
  const text = meta ? meta.description : t.Description;
  return typeof text === 'string' ? { description: text.slice(0, 4000) } : {};
}

function documentName(t: Template, metaName: unknown, fileName?: string): string {
  if (typeof metaName === 'string') return metaName.slice(0, 200);
  const base = fileName
    ?.split(/[\\/]/)
    .pop()
    ?.replace(/\.(ya?ml|json|template)$/i, '');
  if (base) return base.slice(0, 200);
  return typeof t.Description === 'string' && t.Description.trim() ? t.Description.trim().split('\n')[0].slice(0, 200) : 'Imported template';
}

function settingsFor(ctx: ImportContext, nodes: DraftNode[], fromMeta: unknown): Record<string, unknown> {
  const settings: Record<string, unknown> = isObject(fromMeta) ? { ...fromMeta } : {};
  const reserved = nodes.reduce((sum, n) => sum + (n.type === 'lambda' ? ((n.config.reservedConcurrency as number | null) ?? 0) : 0), 0);
  const account = typeof settings.accountConcurrency === 'number' ? settings.accountConcurrency : 1000;
  if (reserved + 100 > account) {
    settings.accountConcurrency = reserved + 100;
    ctx.warn(`functions reserve ${reserved} concurrency in all; the account concurrency was raised to ${reserved + 100} to fit`);
  }
  return settings;
}

function draftToNode(ctx: ImportContext, n: DraftNode, id: string, i: number) {
  let safeId = id;
  if (safeId.length > LIMITS.idLength) {
    safeId = safeId.slice(0, LIMITS.idLength);
    ctx.warn(`${id}: the logical ID is longer than ${LIMITS.idLength} characters and was shortened`);
  }
  return {
    id: safeId,
    type: n.type,
    ...(n.label !== undefined ? { label: n.label.slice(0, LIMITS.labelLength) } : {}),
    position: { x: (i % 4) * 280, y: Math.floor(i / 4) * 160 },
    config: n.config,
  };
}

type RawDoc = { nodes: { id: string; type: string; config: Record<string, unknown> }[]; edges: (DraftEdge & { id: string })[] } & Record<string, unknown>;

/**
 * Settings that break a rule spanning nodes (SnapStart with provisioned concurrency, a third
 * stream reader, a second on-failure destination...) are put back to their default, and
 * edges the rules refuse are left out, each with a warning.
 */
function repair(ctx: ImportContext, doc: RawDoc): void {
  for (let round = 0; round < 10; round++) {
    const parsed = documentSchema.safeParse(doc);
    if (parsed.success) return;
    const dropEdges = new Set<number>();
    let changed = false;
    for (const issue of parsed.error.issues) {
      const [section, index, third, ...field] = issue.path as (string | number)[];
      if (section === 'settings' && typeof index === 'string' && isObject(doc.settings)) {
        // a sandbox setting from the template metadata: its default is kept
        ctx.warn(`settings.${index} from the template metadata was left at its default: ${issue.message}`);
        const settings = { ...doc.settings };
        delete settings[index];
        doc.settings = settings;
        changed = true;
        break;
      }
      if (section === 'faults' && typeof index === 'number') {
        ctx.warn(`fault ${index + 1} from the template metadata was left out: ${issue.message}`);
        doc.faults = (doc.faults as unknown[]).filter((_, i) => i !== index);
        changed = true;
        break;
      }
      if (section === 'edges' && typeof index === 'number' && !dropEdges.has(index)) {
        const e = doc.edges[index];
        ctx.warn(`edge ${e.source} -> ${e.target} was left out: ${issue.message}`);
        dropEdges.add(index);
      } else if (section === 'nodes' && typeof index === 'number' && third === 'config' && field[0] === 'stream' && /readers/.test(issue.message)) {
        const node = doc.nodes[index];
        const readers = doc.edges.map((e, i) => ({ e, i })).filter(({ e }) => e.source === node.id && e.kind === 'stream');
        for (const { e, i } of readers.slice(2)) {
          ctx.warn(`edge ${e.source} -> ${e.target} was left out: ${node.id} ${issue.message}`);
          dropEdges.add(i);
        }
      } else if (section === 'nodes' && typeof index === 'number' && third === 'config' && field.length > 0) {
        const node = doc.nodes[index];
        const type = node.type as keyof typeof CATALOGUE;
        const fallback = getAt(defaultConfig(type), field);
        if (!findField(CATALOGUE[type].fields, field as string[], node.config)) continue;
        ctx.warn(`${node.id}: ${field.join('.')} was set back to its default (${JSON.stringify(fallback)}): ${issue.message}`);
        node.config = setAt(node.config, field, fallback);
        changed = true;
      }
    }
    if (dropEdges.size) {
      doc.edges = doc.edges.filter((_, i) => !dropEdges.has(i));
      changed = true;
    }
    if (!changed) return;
  }
}
