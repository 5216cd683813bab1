/**
 * Template text -> plain data. YAML (with CloudFormation's short-form tags) or JSON.
 * Short forms become the long forms CloudFormation defines (`!Ref X` -> `{Ref: X}`,
 * `!GetAtt A.B` -> `{"Fn::GetAtt": ["A", "B"]}`), so the rest of the importer sees one shape.
 * Duplicate keys are kept last-wins (as CloudFormation's YAML loader does) with a warning.
 */
import { LineCounter, isAlias, isMap, isScalar, isSeq, parseDocument, type Document, type Node as YamlNode } from 'yaml';

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
const MAX_NODES_VISITED = 2_000_000;

const FN_TAGS = [
  'Base64', 'Cidr', 'FindInMap', 'GetAZs', 'If', 'ImportValue', 'Join', 'Select', 'Split', 'Sub',
  'Equals', 'Not', 'And', 'Or', 'Transform', 'Length', 'ToJsonString', 'ForEach',
];

export function parseTemplate(text: string, fileName = 'the file'): ParseResult {
  if (typeof text !== 'string' || text.trim() === '') return { ok: false, error: `${fileName} is empty; a template needs a Resources section` };
  if (text.length > MAX_TEMPLATE_CHARS) {
    return { ok: false, error: `${fileName} is ${text.length.toLocaleString('en-US')} characters long; templates above ${MAX_TEMPLATE_CHARS.toLocaleString('en-US')} are not read` };
  }
  const warnings: string[] = [];
  let data: unknown;
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { uniqueKeys: false, lineCounter, prettyErrors: false, strict: false });
  if (doc.errors.length > 0) {
    const looksJson = /^\s*[{[]/.test(text);
    if (!looksJson) return { ok: false, error: `${fileName} is not valid YAML or JSON: ${doc.errors[0].message}` };
    try {
      data = JSON.parse(text);
    } catch (e) {
      return { ok: false, error: `${fileName} is not valid JSON: ${(e as Error).message}` };
    }
  } else {
    try {
      data = new Converter(doc, lineCounter, warnings).convert(doc.contents);
    } catch (e) {
      return { ok: false, error: `${fileName} could not be read: ${(e as Error).message}` };
    }
  }
  return checkTemplate(data, fileName, warnings);
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
  constructor(
    private readonly doc: Document,
    private readonly lines: LineCounter,
    private readonly warnings: string[],
  ) {}

  private where(node: YamlNode): string {
    const offset = node.range?.[0];
    return offset === undefined ? '' : ` (line ${this.lines.linePos(offset).line})`;
  }

  convert(node: unknown, depth = 0): unknown {
    if (++this.visited > MAX_NODES_VISITED || depth > 200) throw new Error('the YAML expands to too much data (aliases nested too deeply?)');
    if (node === null || node === undefined) return null;
    if (isAlias(node)) return this.convert(node.resolve(this.doc), depth + 1);
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
              if (!Object.prototype.hasOwnProperty.call(out, k)) Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
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
