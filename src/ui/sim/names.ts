/**
 * The names people gave their nodes, for everything the run shows: the log, its filter,
 * chart scopes, the summary, the cards. Internal ids appear only where someone asks for
 * them (export, SAM). The simulator writes a node into a log line as `<id>` (ids never hold
 * angle brackets); the page swaps in the node's label when it draws the line, so renaming a
 * node mid-run renames it in the lines already written.
 */
import { useMemo } from 'react';
import { isNodeType, kindOf, type ArchNode } from '../../model';
import { useDocumentStore } from '../../state/documentStore';

export interface NodeNames {
  /** What the canvas shows for the node: its label, or its id when it has none. */
  name(id: string): string;
  /** The service and the name: "Lambda 'getOrder'". */
  described(id: string): string;
  /** The service's display name for a node type or cost key: "API Gateway". */
  service(typeOrKey: string): string;
}

/** The label shown on the canvas for a node (label, else id). */
export function displayName(node: Pick<ArchNode, 'id' | 'label'>): string {
  const label = node.label?.trim();
  return label ? label : node.id;
}

/** A node type or cost key as people write it: "apiGateway" → "API Gateway". */
export function serviceName(typeOrKey: string): string {
  if (isNodeType(typeOrKey)) return kindOf(typeOrKey).label;
  return humanize(typeOrKey);
}

/** camelCase → words: "maxIteratorAgeMs" → "max iterator age ms". */
export function humanize(key: string): string {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase();
}

/**
 * Names for every node of the document. Two nodes with the same label are told apart by
 * their service ("Orders (DynamoDB)", "Orders (SQS)"), then by a number.
 */
export function nodeNames(nodes: readonly Pick<ArchNode, 'id' | 'label' | 'type'>[]): NodeNames {
  const byId = new Map<string, { name: string; type: string }>();
  const seen = new Map<string, number>();
  for (const n of nodes) seen.set(displayName(n), (seen.get(displayName(n)) ?? 0) + 1);
  const taken = new Map<string, number>();
  for (const n of nodes) {
    let name = displayName(n);
    if ((seen.get(name) ?? 0) > 1) {
      name = `${name} (${serviceName(n.type)})`;
      const k = (taken.get(name) ?? 0) + 1;
      taken.set(name, k);
      if (k > 1) name = `${name} ${k}`;
    }
    byId.set(n.id, { name, type: n.type });
  }
  return {
    name: (id) => byId.get(id)?.name ?? id,
    described: (id) => {
      const n = byId.get(id);
      return n ? `${serviceName(n.type)} '${n.name}'` : `'${id}'`;
    },
    service: serviceName,
  };
}

/** Names for the open document, recomputed only when its nodes change. */
export function useNodeNames(): NodeNames {
  const nodes = useDocumentStore((s) => s.doc.nodes);
  return useMemo(() => nodeNames(nodes), [nodes]);
}

export type MessagePart = { text: string } | { node: string; name: string };

/** A log line split into text and named nodes: "<fn>: 3 cold starts" → [getOrder][: 3 cold starts]. */
export function messageParts(message: string, names: NodeNames): MessagePart[] {
  const parts: MessagePart[] = [];
  const re = /<([^\s<>"'`]+)>/g;
  let at = 0;
  for (let m = re.exec(message); m !== null; m = re.exec(message)) {
    if (m.index > at) parts.push({ text: message.slice(at, m.index) });
    parts.push({ node: m[1], name: names.name(m[1]) });
    at = m.index + m[0].length;
  }
  if (at < message.length) parts.push({ text: message.slice(at) });
  return parts;
}

/** The line as plain text with names in place of ids. */
export function messageText(message: string, names: NodeNames): string {
  return messageParts(message, names)
    .map((p) => ('text' in p ? p.text : p.name))
    .join('');
}
