// The layer table the folder READMEs promise, enforced by lint: which src/ folder may import
// which. A relative import is resolved to the folder it lands in (so `../sim/x` from
// src/ui/App.tsx is the simulator, but from src/ui/canvas/ it is the UI's own ui/sim/).
// Tests may import any layer (they are not checked here).
import path from 'node:path';

/**
 * may: runtime imports; types: `import type` only; dynamic: only through `import()`
 * (kept out of the first load). A folder may always import itself.
 */
export const LAYERS = {
  model: { may: [] },
  sim: { may: ['model'] },
  layout: { may: ['model'] },
  lessons: { may: ['model'], types: ['sim'] },
  sam: { may: ['model'], dynamic: ['layout'] },
  analysis: { may: ['model', 'sim', 'lessons'] },
  // the import worker converts templates (sam, layout) off the main thread
  worker: { may: ['model', 'sim', 'analysis', 'sam', 'layout'] },
  state: { may: ['model', 'worker'], types: ['sim'] },
  ui: { may: ['model', 'state', 'worker', 'analysis', 'lessons'], types: ['sim'], dynamic: ['sam', 'layout'] },
  cli: { may: ['model', 'sim', 'sam', 'layout', 'analysis', 'lessons'] },
};

function layerOf(file, srcDir) {
  const rel = path.relative(srcDir, file);
  if (rel.startsWith('..') || path.isAbsolute(rel)) return null;
  const first = rel.split(path.sep)[0];
  return first in LAYERS ? first : null;
}

function describe(rule) {
  const parts = [rule.may.length ? rule.may.join(', ') : 'no other layer'];
  if (rule.types?.length) parts.push(`types of ${rule.types.join(', ')}`);
  if (rule.dynamic?.length) parts.push(`${rule.dynamic.join(', ')} through import()`);
  return parts.join('; ');
}

export const layersPlugin = {
  rules: {
    boundaries: {
      meta: {
        type: 'problem',
        schema: [],
        messages: { wrongWay: '{{from}}/ may not import {{to}}/{{how}}: {{from}}/ may import {{allowed}} (see src/{{from}}/README.md).' },
      },
      create(context) {
        const file = context.filename;
        const srcDir = path.resolve(context.cwd, 'src');
        const from = layerOf(file, srcDir);
        if (!from) return {};
        const rule = LAYERS[from];
        function check(node, spec, kind) {
          if (typeof spec !== 'string' || !spec.startsWith('.')) return;
          const to = layerOf(path.resolve(path.dirname(file), spec), srcDir);
          if (!to || to === from || rule.may.includes(to)) return;
          if (kind === 'type' && rule.types?.includes(to)) return;
          if (kind === 'dynamic' && rule.dynamic?.includes(to)) return;
          const how = rule.dynamic?.includes(to) ? ' except through import()' : rule.types?.includes(to) ? ' except with import type' : '';
          context.report({ node, messageId: 'wrongWay', data: { from, to, how, allowed: describe(rule) } });
        }
        const typeOnly = (node) =>
          node.importKind === 'type' || node.exportKind === 'type' || (node.specifiers?.length > 0 && node.specifiers.every((s) => s.importKind === 'type'));
        return {
          ImportDeclaration: (node) => check(node, node.source.value, typeOnly(node) ? 'type' : 'static'),
          ExportNamedDeclaration: (node) => node.source && check(node, node.source.value, typeOnly(node) ? 'type' : 'static'),
          ExportAllDeclaration: (node) => check(node, node.source.value, node.exportKind === 'type' ? 'type' : 'static'),
          ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value, 'dynamic'),
        };
      },
    },
  },
};
