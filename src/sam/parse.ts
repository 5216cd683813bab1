/**
 * Template text -> plain data. YAML (with CloudFormation's short-form tags) or JSON.
 * Short forms become the long forms CloudFormation defines (`!Ref X` -> `{Ref: X}`,
 * `!GetAtt A.B` -> `{"Fn::GetAtt": ["A", "B"]}`), so the rest of the importer sees one shape.
 * Duplicate keys are kept last-wins (as CloudFormation's YAML loader does) with a warning.
 */
import { LineCounter, isAlias, isMap, isScalar, isSeq, parseDocument, visit, type Alias, type Document, type Node as YamlNode } from 'yaml';

export type Template = {
  AWSTemplateFormatVersion?: unknown;
  Transform?: unknown;
  Globals?: Record<string, unknown>;
  Parameters?: Record<string, unknown>;
  Conditions?: Record<string, unknown>;
  Mappings?: Record<string, unknown>;
  Metadata?: Record<string, unknown>;
  Resources: Record<string, unknown>;
  Outputs?: unknown;
} & Record<string, unknown>;

export type ParseResult = { ok: true; template: Template; warnings: string[] } | { ok: false; error: string };

/** Largest template text read; CloudFormation itself stops at 1 MB (S3-hosted). */
export const MAX_TEMPLATE_CHARS = 5_000_000;
/** Longest YAML text read (the YAML parser needs about a second per MB; JSON is read up to MAX_TEMPLATE_CHARS). */
export const MAX_YAML_CHARS = 1_000_000;
/** Values produced from the YAML (aliases expanded) at most: a "billion laughs" stops here. */
export const MAX_NODES_VISITED = 1_000_000;
/** Deepest nesting read (CloudFormation templates nest a dozen levels or so). */
export const MAX_NESTING = 100;
const nestedTooDeep = (fileName: string) => `${fileName} is nested deeper than ${MAX_NESTING} levels; it is not read`;

const FN_TAGS = [
  'Base64',
  'Cidr',
  'FindInMap',
  'GetAZs',
  'If',
  'ImportValue',
  'Join',
  'Select',
  'Split',
  'Sub',
  'Equals',
  'Not',
  'And',
  'Or',
  'Transform',
  'Length',
  'ToJsonString',
  'ForEach',
];

export function parseTemplate(text: string, fileName = 'the file'): ParseResult {
  if (typeof text !== 'string' || text.trim() === '') return { ok: false, error: `${fileName} is empty; a template needs a Resources section` };
  if (text.length > MAX_TEMPLATE_CHARS) {
    return {
      ok: false,
      error: `${fileName} is ${text.length.toLocaleString('en-US')} characters long; templates above ${MAX_TEMPLATE_CHARS.toLocaleString('en-US')} are not read`,
    };
  }
  const looksJson = /^\s*[{[]/.test(text);
  if (text.length > MAX_YAML_CHARS) {
    // the YAML parser needs ~1 s per MB: large templates are read only as JSON
    if (!looksJson) {
      return {
        ok: false,
        error: `${fileName} is ${text.length.toLocaleString('en-US')} characters of YAML; YAML templates above ${MAX_YAML_CHARS.toLocaleString('en-US')} characters are not read (CloudFormation's own limit is 1 MB), JSON ones up to ${MAX_TEMPLATE_CHARS.toLocaleString('en-US')}`,
      };
    }
    return readJson(text, fileName, []);
  }
  const warnings: string[] = [];
  let data: unknown;
  const lineCounter = new LineCounter();
  // A cheap upper bound first: the parsers recurse once per level, and a deep enough text
  // would overflow their stack before any depth check of ours could run.
  if (bracketDepth(text) > MAX_NESTING) return { ok: false, error: nestedTooDeep(fileName) };
  let doc: Document;
  try {
    doc = parseDocument(text, { uniqueKeys: false, lineCounter, prettyErrors: false, strict: false });
  } catch (e) {
    if (e instanceof RangeError) return { ok: false, error: nestedTooDeep(fileName) };
    return { ok: false, error: `${fileName} is not valid YAML or JSON: ${(e as Error).message}` };
  }
  if (doc.errors.length > 0) {
    if (!looksJson) return { ok: false, error: `${fileName} is not valid YAML or JSON: ${doc.errors[0].message}` };
    return readJson(text, fileName, warnings);
  } else {
    try {
      data = new Converter(doc, lineCounter, warnings).convert(doc.contents);
    } catch (e) {
      if (e instanceof NestingError) return { ok: false, error: nestedTooDeep(fileName) };
      if (e instanceof RangeError) return { ok: false, error: nestedTooDeep(fileName) };
      return { ok: false, error: `${fileName} could not be read: ${(e as Error).message}` };
    }
  }
  return checkTemplate(data, fileName, warnings);
}

function readJson(text: string, fileName: string, warnings: string[]): ParseResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    if (e instanceof RangeError) return { ok: false, error: nestedTooDeep(fileName) };
    return { ok: false, error: `${fileName} is not valid JSON: ${(e as Error).message}` };
  }
  if (depthOf(data, 0) > MAX_NESTING) return { ok: false, error: nestedTooDeep(fileName) };
  return checkTemplate(data, fileName, warnings);
}

class NestingError extends Error {}

/**
 * The deepest nesting of flow brackets ([ and {) outside quoted text and comments: what
 * the parsers would recurse through. (Block nesting needs one more space of indentation per
 * level, so 5 MB of text holds at most ~3,000 levels of it; the converter counts those.)
 */
export function bracketDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (quote) {
      if (ch === 92 /* \\ */ && quote === '"') i++;
      else if (text[i] === quote) quote = '';
      continue;
    }
    if (ch === 34 || ch === 39) quote = text[i];
    else if (ch === 91 || ch === 123) {
      if (++depth > max) max = depth;
    } else if (ch === 93 || ch === 125) depth = Math.max(0, depth - 1);
    else if (ch === 35 /* # */ && (i === 0 || text.charCodeAt(i - 1) <= 32)) {
      while (i < text.length && text.charCodeAt(i) !== 10) i++;
    }
  }
  return max;
}

/** Nesting depth of parsed JSON data, stopping once past the limit. */
function depthOf(value: unknown, depth: number): number {
  if (depth > MAX_NESTING || typeof value !== 'object' || value === null) return depth;
  let max = depth;
  for (const v of Array.isArray(value) ? value : Object.values(value)) {
    max = Math.max(max, depthOf(v, depth + 1));
    if (max > MAX_NESTING) break;
  }
  return max;
}

function checkTemplate(data: unknown, fileName: string, warnings: string[]): ParseResult {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return { ok: false, error: `${fileName} is not a CloudFormation or SAM template: expected a mapping with a Resources section` };
  }
  const t = data as Record<string, unknown>;
  if (t.format === 'serverless-sandbox') {
    return { ok: false, error: `${fileName} is a Serverless Sandbox document, not a template; open it as a document instead` };
  }
  if (typeof t.Resources !== 'object' || t.Resources === null || Array.isArray(t.Resources)) {
    return { ok: false, error: `${fileName} is not a CloudFormation or SAM template: it has no Resources section` };
  }
  return { ok: true, template: t as Template, warnings };
}

class Converter {
  private visited = 0;
  /** Each alias's anchored node, found in one pass (yaml's Alias.resolve walks the whole document per alias). */
  private readonly aliasTargets = new Map<Alias, YamlNode>();

  constructor(
    doc: Document,
    private readonly lines: LineCounter,
    private readonly warnings: string[],
  ) {
    // the last node with that anchor before the alias, in document order (as yaml resolves it)
    const anchors = new Map<string, YamlNode>();
    visit(doc, {
      Node: (_key, node) => {
        if (isAlias(node)) {
          const target = anchors.get(node.source);
          if (target) this.aliasTargets.set(node, target);
        } else {
          const anchor = (node as { anchor?: string }).anchor;
          if (anchor) anchors.set(anchor, node as YamlNode);
        }
      },
    });
  }

  private where(node: YamlNode): string {
    const offset = node.range?.[0];
    return offset === undefined ? '' : ` (line ${this.lines.linePos(offset).line})`;
  }

  convert(node: unknown, depth = 0): unknown {
    if (depth > MAX_NESTING) throw new NestingError();
    if (++this.visited > MAX_NODES_VISITED) {
      throw new Error(`its aliases expand to more than ${MAX_NODES_VISITED.toLocaleString('en-US')} values (an alias bomb?)`);
    }
    if (node === null || node === undefined) return null;
    if (isAlias(node)) {
      const target = this.aliasTargets.get(node);
      if (!target) throw new Error(`alias *${node.source} has no anchor before it`);
      // an alias does not add a level of nesting of its own
      return this.convert(target, depth);
    }
    const yamlNode = node as YamlNode;
    let value: unknown;
    if (isScalar(node)) value = node.value;
    else if (isSeq(node)) value = node.items.map((item) => this.convert(item, depth + 1));
    else if (isMap(node)) {
      const out: Record<string, unknown> = {};
      for (const pair of node.items) {
        const key = String(isScalar(pair.key) ? pair.key.value : this.convert(pair.key, depth + 1));
        if (key === '<<' && (isAlias(pair.value) || isSeq(pair.value))) {
          // YAML merge key: entries of the merged mapping(s) that are not set here.
          const merged = this.convert(pair.value, depth + 1);
          for (const m of Array.isArray(merged) ? merged : [merged]) {
            if (typeof m !== 'object' || m === null || Array.isArray(m)) continue;
            for (const [k, v] of Object.entries(m)) {
              if (!Object.prototype.hasOwnProperty.call(out, k))
                Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
            }
          }
          continue;
        }
        if (Object.prototype.hasOwnProperty.call(out, key)) {
          this.warnings.push(`duplicate key "${key}"${this.where(pair.key as YamlNode)}: the last value is used, as CloudFormation does`);
        }
        Object.defineProperty(out, key, { value: this.convert(pair.value, depth + 1), enumerable: true, writable: true, configurable: true });
      }
      value = out;
    } else value = null;
    const tag = yamlNode.tag;
    return tag && tag.startsWith('!') && !tag.startsWith('!!') ? this.intrinsic(tag.slice(1), value, yamlNode) : value;
  }

  private intrinsic(name: string, value: unknown, node: YamlNode): unknown {
    if (name === 'Ref') return { Ref: value };
    if (name === 'Condition') return { Condition: value };
    if (name === 'GetAtt') {
      if (typeof value === 'string') {
        const dot = value.indexOf('.');
        return { 'Fn::GetAtt': dot === -1 ? [value, ''] : [value.slice(0, dot), value.slice(dot + 1)] };
      }
      return { 'Fn::GetAtt': value };
    }
    if (FN_TAGS.includes(name)) return { [`Fn::${name}`]: value };
    this.warnings.push(`unknown YAML tag !${name}${this.where(node)}: its value is read as if untagged`);
    return value;
  }
}
