/**
 * Architecture document -> AWS SAM template (YAML). Every node with a CloudFormation
 * equivalent becomes a resource; edges become what a template says about them: function
 * events, SAM policy templates plus an environment variable naming the resource, redrive
 * policies, subscriptions, rule targets, origins and on-failure destinations.
 * Clients, the diagram's own ids and labels, which calls are asynchronous, the simulation
 * settings and faults have no template equivalent and are kept under Metadata.ServerlessSandbox,
 * which the importer reads back (so import(export(doc)) gives the same graph).
 */
import { Document, isScalar } from 'yaml';
import type { Architecture, NodeOf } from '../model';
import { ExportContext, type Cfn } from './exportContext';
import { resourceFor } from './exportResources';
import { importTemplateGraph } from './import';
import { METADATA_KEY, type SandboxTemplateMetadata, type SettingPatch } from './sandboxMetadata';

export function exportTemplate(doc: Architecture): string {
  const ctx = new ExportContext(doc);
  for (const node of doc.nodes) {
    if (node.type === 'client') continue;
    const resource = resourceFor(ctx, node);
    if (resource) ctx.resources[ctx.id(node)] = resource;
  }
  const clients = doc.nodes.filter((n): n is NodeOf<'client'> => n.type === 'client');
  const meta: SandboxTemplateMetadata = {
    name: doc.name,
    ...(doc.description !== undefined ? { description: doc.description } : {}),
    settings: doc.settings,
    ...(clients.length
      ? {
          clients: clients.map((c) => ({ id: c.id, ...(c.label !== undefined ? { label: c.label } : {}), config: c.config })),
          clientEdges: ctx.links.filter((l) => l.source.type === 'client').map((l) => ({ source: l.source.id, target: ctx.id(l.target) })),
        }
      : {}),
    ...(doc.faults.length ? { faults: doc.faults } : {}),
  };
  keepSettings(ctx, doc, meta);
  const template: Cfn = {
    AWSTemplateFormatVersion: '2010-09-09',
    Transform: 'AWS::Serverless-2016-10-31',
    Description: (doc.description ?? doc.name).slice(0, 1024) || 'Exported from Serverless Sandbox',
    Metadata: { [METADATA_KEY]: meta },
    ...(Object.keys(ctx.globals).length ? { Globals: ctx.globals } : {}),
    Resources: ctx.resources,
  };
  const yaml = new Document(template);
  // Quoted, so YAML 1.1 readers do not take the version for a date.
  const version = yaml.get('AWSTemplateFormatVersion', true);
  if (isScalar(version)) version.type = 'QUOTE_SINGLE';
  const lines = [
    ` ${doc.name || 'Untitled architecture'} — exported from Serverless Sandbox.`,
    ' Code locations (CodeUri) and handlers are placeholders; point them at your code before deploying.',
  ];
  if (clients.length) {
    lines.push(` Clients (${clients.map((c) => c.id).join(', ')}) are traffic, not resources: they are kept under Metadata.${METADATA_KEY}.`);
  }
  lines.push(...ctx.comments.map((c) => ` ${c}`));
  yaml.commentBefore = lines.join('\n');
  return yaml.toString({ lineWidth: 0 });
}

/**
 * Settings a template cannot say (maxReceiveCount without a DLQ, handler times, cold-start
 * figures...) go under each resource's Metadata.ServerlessSandbox.config: the template is
 * read back once, and every setting that did not come back as it is in the document is
 * written there, so import(export(doc)) keeps every setting.
 */
function keepSettings(ctx: ExportContext, doc: Architecture, meta: SandboxTemplateMetadata): void {
  const draft = { Transform: 'AWS::Serverless-2016-10-31', Metadata: { [METADATA_KEY]: meta }, Resources: ctx.resources };
  const back = importTemplateGraph(JSON.stringify(draft));
  if (!back.ok) return;
  const read = new Map(back.document.nodes.map((n) => [n.id, n.config as unknown]));
  for (const node of doc.nodes) {
    if (node.type === 'client') continue;
    const resource = ctx.resources[ctx.id(node)];
    if (!resource) continue;
    const missing: SettingPatch[] = [];
    difference(node.config, read.get(node.id), [], missing);
    if (missing.length === 0) continue;
    const metadata = (resource.Metadata ??= {}) as Cfn;
    const own = (metadata[METADATA_KEY] ??= {}) as Cfn;
    own.config = missing;
  }
}

/** Where `got` differs from `want`: one entry per differing leaf, or per value whose shape differs (replaced whole). */
function difference(want: unknown, got: unknown, path: string[], out: SettingPatch[]): void {
  if (JSON.stringify(want) === JSON.stringify(got)) return;
  const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  const sameShape =
    isRecord(want) &&
    isRecord(got) &&
    Object.keys(want).length === Object.keys(got).length &&
    Object.keys(want).every((k) => Object.prototype.hasOwnProperty.call(got, k));
  if (!sameShape || path.length > 10) {
    out.push({ path: path.join('.'), value: want });
    return;
  }
  for (const k of Object.keys(want)) difference(want[k], got[k], [...path, k], out);
}
