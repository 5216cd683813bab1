/**
 * Lint enforces the layers the folder READMEs promise: an import that crosses a layer the
 * wrong way fails `npm run lint`, the allowed ones pass. Linted as virtual files (nothing
 * is written into src/).
 */
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it, vi } from 'vitest';

vi.setConfig({ testTimeout: 120_000 });

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const eslint = new ESLint({ cwd: ROOT });

async function problems(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${ROOT}${file}` });
  return result.messages.filter((m) => m.ruleId === 'layers/boundaries' || m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('layer boundaries (eslint/layers.js)', () => {
  it.each([
    ['src/model/wrongWay.ts', "import { Simulation } from '../sim';\nexport const x = Simulation;\n", /model\/ may not import sim\//],
    ['src/sim/wrongWay.ts', "import { useDocumentStore } from '../state/documentStore';\nexport const x = useDocumentStore;\n", /sim\/ may not import state\//],
    ['src/worker/wrongWay.ts', "import { useEditorStore } from '../state/editorStore';\nexport const x = useEditorStore;\n", /worker\/ may not import state\//],
    ['src/analysis/wrongWay.ts', "import { exportTemplate } from '../sam/export';\nexport const x = exportTemplate;\n", /analysis\/ may not import sam\//],
    ['src/lessons/wrongWay.ts', "import { runBatch } from '../analysis/batch';\nexport const x = runBatch;\n", /lessons\/ may not import analysis\//],
    [
      'src/sam/wrongWay.ts',
      "import { layoutDocument } from '../layout/elk';\nexport const x = layoutDocument;\n",
      /sam\/ may not import layout\/ except through import\(\)/,
    ],
    ['src/layout/wrongWay.ts', "import { importTemplate } from '../sam/import';\nexport const x = importTemplate;\n", /layout\/ may not import sam\//],
    ['src/state/wrongWay.ts', "import { App } from '../ui/App';\nexport const x = App;\n", /state\/ may not import ui\//],
    ['src/ui/wrongWay.ts', "import { Simulation } from '../sim';\nexport const x = Simulation;\n", /ui\/ may not import sim\/ except with import type/],
    ['src/ui/canvas/wrongWay.ts', "import { runSimulation } from '../../sim/simulation';\nexport const x = runSimulation;\n", /ui\/ may not import sim\//],
    ['src/sim/wrongWay.ts', "import { useState } from 'react';\nexport const x = useState;\n", /know no React/],
  ])('%s: %j fails lint', async (file, code, message) => {
    const found = await problems(file, code);
    expect(found.join('\n')).toMatch(message);
  });

  it.each([
    ['src/ui/ok.ts', "import type { SimFrame } from '../sim/api';\nexport type X = SimFrame;\n"],
    ['src/ui/canvas/ok.ts', "import { formatMs } from '../sim/format';\nexport const x = formatMs;\n"], // the UI's own ui/sim/
    ['src/sam/ok.ts', "export const load = () => import('../layout/elk');\n"],
    [
      'src/state/ok.ts',
      "import type { SimFrame } from '../sim/api';\nimport { restoreDocument } from '../model';\nexport type X = SimFrame;\nexport const y = restoreDocument;\n",
    ],
    ['src/worker/ok.ts', "import { Simulation } from '../sim';\nexport const x = Simulation;\n"],
    ['src/model/ok.test.ts', "import { arbitraryDocument } from '../sam/testing/arbitraryDocument';\nexport const x = arbitraryDocument;\n"], // tests may import any layer
  ])('%s: %j passes', async (file, code) => {
    expect(await problems(file, code)).toEqual([]);
  });
});
