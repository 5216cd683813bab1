import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { restoreDocument } from '../model';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const FIXTURE = fileURLToPath(new URL('./fixtures/transform-list-include.yaml', import.meta.url));

function sam(...args: string[]) {
  const r = spawnSync('npx', ['tsx', 'src/cli/sam.ts', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('npm run sam (src/cli/sam.ts)', () => {
  it('imports a fixture: the document on stdout, exit 0; exports it back', () => {
    const r = sam('import', FIXTURE);
    expect(r.code, r.stderr).toBe(0);
    const restored = restoreDocument(JSON.parse(r.stdout));
    expect(restored.ok).toBe(true);
    if (!restored.ok) return;
    expect(restored.document.nodes.map((n) => n.id).sort()).toEqual([
      'AuditTopic',
      'JobsDLQ',
      'JobsQueue',
      'ServerlessHttpApi',
      'SubmitFunction',
      'WorkerFunction',
    ]);

    const dir = mkdtempSync(join(tmpdir(), 'sam-cli-'));
    writeFileSync(join(dir, 'doc.json'), r.stdout);
    const out = sam('export', join(dir, 'doc.json'));
    expect(out.code, out.stderr).toBe(0);
    expect(out.stdout).toMatch(/Transform: AWS::Serverless-2016-10-31/);
    expect(out.stdout).toMatch(/WorkerFunction:\n\s+Type: AWS::Serverless::Function/);
  }, 120_000);

  it('refuses a file that is not a template, a missing file and a bad document with exit 2', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sam-cli-'));
    writeFileSync(join(dir, 'notes.yaml'), 'shopping:\n  - milk\n');
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ format: 'serverless-sandbox', version: 1, nodes: [{ id: 'a', type: 'redshift' }] }));
    const notTemplate = sam('import', join(dir, 'notes.yaml'));
    expect(notTemplate.code).toBe(2);
    expect(notTemplate.stdout).toBe('');
    expect(notTemplate.stderr).toMatch(/not a CloudFormation or SAM template/);
    const missing = sam('import', join(dir, 'missing.yaml'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/no such file/);
    const bad = sam('export', join(dir, 'bad.json'));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/nodes\[0\] \(a\)\.type: "redshift" is not a node type/);
  }, 120_000);

  it('import --add-clients gives an entry point a client and says so on stderr', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sam-cli-'));
    const template = [
      'Transform: AWS::Serverless-2016-10-31',
      'Resources:',
      '  Q:',
      '    Type: AWS::SQS::Queue',
      '  F:',
      '    Type: AWS::Serverless::Function',
      '    Properties:',
      '      Runtime: nodejs20.x',
      '      Handler: a.b',
      '      Events:',
      '        S:',
      '          Type: SQS',
      '          Properties:',
      '            Queue: !GetAtt Q.Arn',
      '',
    ];
    writeFileSync(join(dir, 'q.yaml'), template.join('\n'));
    const plain = sam('import', join(dir, 'q.yaml'));
    expect(plain.code, plain.stderr).toBe(0);
    expect(JSON.parse(plain.stdout).nodes.some((n: { type: string }) => n.type === 'client')).toBe(false);
    const r = sam('import', join(dir, 'q.yaml'), '--add-clients');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/added: Added "Traffic for Q"/);
    const restored = restoreDocument(JSON.parse(r.stdout));
    expect(restored.ok).toBe(true);
    if (restored.ok) expect(restored.document.nodes.filter((n) => n.type === 'client')).toHaveLength(1);
  }, 120_000);
});
