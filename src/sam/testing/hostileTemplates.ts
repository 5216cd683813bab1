/**
 * Hostile SAM/CloudFormation template shapes (issue #14), shared by the unit tests, the
 * timing check (`npx tsx bench/hostile-import.ts`) and the fuzz script (`npm run fuzz`).
 */
export interface HostileTemplate {
  name: string;
  text: string;
}

const fn = (extra = '') =>
  `  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: nodejs20.x\n      Handler: index.handler\n      CodeUri: .\n${extra}`;

export function selfReferencingParameter(copies = 3): string {
  return `Transform: AWS::Serverless-2016-10-31\nParameters:\n  S:\n    Type: String\n    Default: !Sub '${'${S}'.repeat(copies)}'\nResources:\n${fn('      Description: !Ref S\n      MemorySize: !Ref S\n')}`;
}

export function parameterCycle(length = 3): string {
  const params = Array.from({ length }, (_, i) => `  P${i}:\n    Type: String\n    Default: !Sub '\${P${(i + 1) % length}}x\${P${(i + 1) % length}}'\n`).join(
    '',
  );
  return `Transform: AWS::Serverless-2016-10-31\nParameters:\n${params}Resources:\n${fn('      MemorySize: !Ref P0\n')}`;
}

/** P_i = ${P_{i-1}}${P_{i-1}}: no cycle, but the value doubles at each step (2^levels characters). */
export function doublingParameters(levels = 40): string {
  const params = Array.from(
    { length: levels },
    (_, i) => `  P${i}:\n    Type: String\n    Default: ${i === 0 ? 'ab' : `!Sub '\${P${i - 1}}\${P${i - 1}}'`}\n`,
  ).join('');
  return `Parameters:\n${params}Resources:\n${fn(`      Description: !Ref P${levels - 1}\n`)}`;
}

/** `count` aliases of one anchored mapping. */
export function manyAliases(count: number): string {
  const items = Array.from({ length: count }, (_, i) => `        - V${i}: *shared`).join('\n');
  return `Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: nodejs20.x\n      Handler: index.handler\n      Tags: &shared\n        a: 1\n        b: 2\n      Layers:\n${items}\n`;
}

/** Billion laughs: each level refers to the previous one ten times. */
export function aliasBomb(levels = 9): string {
  let out = 'a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n';
  for (let i = 1; i <= levels; i++) out += `a${i}: &a${i} [${Array.from({ length: 10 }, () => `*a${i - 1}`).join(', ')}]\n`;
  return `Metadata:\n  Bomb:\n${out.replace(/^/gm, '    ')}Resources:\n${fn()}`;
}

export function unsupportedResources(count: number): string {
  let out = 'Resources:\n';
  for (let i = 0; i < count; i++) out += `  Thing${i}:\n    Type: AWS::EC2::Instance\n    Properties:\n      ImageId: ami-${i}\n`;
  return out;
}

/** Unsupported resources up to about `chars` characters. */
export function unsupportedResourcesOfSize(chars: number): string {
  const per = unsupportedResources(1).length - 'Resources:\n'.length + 4;
  return unsupportedResources(Math.floor(chars / per));
}

/** The same resources as JSON (large templates are read only as JSON). */
export function unsupportedResourcesJson(count: number): string {
  const parts: string[] = [];
  for (let i = 0; i < count; i++) parts.push(`"Thing${i}":{"Type":"AWS::EC2::Instance","Properties":{"ImageId":"ami-${i}"}}`);
  return `{"Resources":{${parts.join(',')}}}`;
}

export function manyFunctions(count: number): string {
  let out = 'Transform: AWS::Serverless-2016-10-31\nResources:\n';
  for (let i = 0; i < count; i++)
    out += `  F${i}:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: nodejs20.x\n      Handler: index.handler\n      Environment:\n        Variables:\n          NEXT: !Ref F${i + 1}\n`;
  return out;
}

export function deepYaml(levels: number): string {
  return `Resources:\n${fn(`      Description: ${'['.repeat(levels)}1${']'.repeat(levels)}\n`)}`;
}

export function deepJson(levels: number): string {
  return `{"Resources": {"Fn": {"Type": "AWS::Serverless::Function", "Properties": {"Runtime": "nodejs20.x", "Tags": ${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}}}}}`;
}

export function deepIntrinsics(levels: number): string {
  return `{"Resources": {"Fn": {"Type": "AWS::Serverless::Function", "Properties": {"Runtime": "nodejs20.x", "MemorySize": ${'{"Fn::Select": [0, ['.repeat(levels)}512${']]}'.repeat(levels)}}}}}`;
}

export function hostileTemplates(): HostileTemplate[] {
  return [
    { name: 'self-referencing parameter (!Sub ${S}${S}${S})', text: selfReferencingParameter(3) },
    { name: 'self-referencing parameter (!Sub of 30 copies)', text: selfReferencingParameter(30) },
    { name: 'parameter cycle of 3', text: parameterCycle(3) },
    { name: 'parameter cycle of 200', text: parameterCycle(200) },
    { name: 'doubling parameters (2^60 characters)', text: doublingParameters(60) },
    { name: '8,000 aliases', text: manyAliases(8_000) },
    { name: '16,000 aliases', text: manyAliases(16_000) },
    { name: 'alias bomb (10^9 nodes)', text: aliasBomb(9) },
    { name: '40,000 unsupported resources', text: unsupportedResources(40_000) },
    { name: '5 MB of unsupported resources (YAML)', text: unsupportedResourcesOfSize(4_700_000) },
    { name: '40,000 unsupported resources (JSON)', text: unsupportedResourcesJson(40_000) },
    { name: '5 MB of unsupported resources (JSON)', text: unsupportedResourcesJson(60_000) },
    { name: '3,000 functions referring to the next', text: manyFunctions(3_000) },
    { name: 'YAML nested 100,000 levels', text: deepYaml(100_000) },
    { name: 'JSON nested 100,000 levels', text: deepJson(100_000) },
    { name: 'intrinsics nested 20,000 levels', text: deepIntrinsics(20_000) },
  ];
}
