/** Shared state of one export: logical IDs, edges with their meanings, extra resources. */
import { recordById, resolveEdge, type ArchEdge, type ArchNode, type Architecture, type EdgeMeaning } from '../model';
import { METADATA_KEY, type SandboxResourceMetadata } from './sandboxMetadata';

export type Cfn = Record<string, unknown>;
export const ref = (id: string): Cfn => ({ Ref: id });
export const getAtt = (id: string, attribute: string): Cfn => ({ 'Fn::GetAtt': [id, attribute] });
export const sub = (text: string): Cfn => ({ 'Fn::Sub': text });

/** An edge of the document with its meaning; `M` narrows the meaning to those asked for. */
export interface Link<M extends EdgeMeaning = EdgeMeaning> {
  edge: ArchEdge;
  meaning: M;
  source: ArchNode;
  target: ArchNode;
}

/** What the resource writers need: logical IDs, edges with meanings, and a place for extra resources. */
export class ExportContext {
  readonly logical = new Map<string, string>();
  readonly links: Link[] = [];
  readonly resources = recordById<Cfn>();
  readonly globals = recordById<Cfn>();
  readonly comments: string[] = [];
  private readonly taken = new Set<string>();

  constructor(readonly doc: Architecture) {
    for (const n of doc.nodes) if (n.type === 'client') this.taken.add(n.id);
    for (const n of doc.nodes) if (n.type !== 'client') this.logical.set(n.id, this.allocate(n.id, n.type === 'lambda' ? ['Role'] : []));
    const byId = new Map(doc.nodes.map((n) => [n.id, n]));
    for (const edge of doc.edges) {
      const source = byId.get(edge.source);
      const target = byId.get(edge.target);
      if (!source || !target) continue;
      const r = resolveEdge(source.type, target.type, edge.kind);
      if (r.ok) this.links.push({ edge, meaning: r.meaning, source, target });
    }
  }

  /** A free CloudFormation logical ID (A-Za-z0-9) close to `wanted`; `also` reserves SAM's derived IDs. */
  allocate(wanted: string, also: string[] = []): string {
    const base = wanted.replace(/[^A-Za-z0-9]/g, '').slice(0, 200) || 'Resource';
    let id = base;
    for (let i = 2; this.taken.has(id) || also.some((suffix) => this.taken.has(id + suffix)); i++) id = `${base}${i}`;
    this.taken.add(id);
    for (const suffix of also) this.taken.add(id + suffix);
    return id;
  }

  id(node: ArchNode): string {
    return this.logical.get(node.id)!;
  }

  from<M extends EdgeMeaning>(node: ArchNode, ...meanings: M[]): Link<M>[] {
    return this.links.filter((l): l is Link<M> => l.source.id === node.id && (meanings as EdgeMeaning[]).includes(l.meaning));
  }

  to<M extends EdgeMeaning>(node: ArchNode, ...meanings: M[]): Link<M>[] {
    return this.links.filter((l): l is Link<M> => l.target.id === node.id && (meanings as EdgeMeaning[]).includes(l.meaning));
  }

  /** SAM creates ServerlessRestApi / ServerlessHttpApi itself for events without an API id. */
  isImplicitApi(node: ArchNode): boolean {
    if (node.type !== 'apiGateway') return false;
    const name = node.config.flavor === 'rest' ? 'ServerlessRestApi' : 'ServerlessHttpApi';
    return node.id === name && this.from(node, 'proxy').length > 0;
  }

  /** The ServerlessSandbox metadata of one resource: the document's id where it differs, its label. */
  metadata(node: ArchNode, extra: Partial<SandboxResourceMetadata> = {}): Cfn | undefined {
    const meta: SandboxResourceMetadata = {
      ...(this.id(node) !== node.id ? { id: node.id } : {}),
      ...(node.label !== undefined ? { label: node.label } : {}),
      ...extra,
    };
    return Object.keys(meta).length ? { [METADATA_KEY]: meta } : undefined;
  }
}
