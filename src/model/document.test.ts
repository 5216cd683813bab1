import { describe, expect, it } from 'vitest';
import {
  CATALOGUE,
  NODE_TYPES,
  defaultConfig,
  defaultScenario,
  describeRange,
  parseDocumentText,
  restoreDocument,
  validateDocument,
  type FieldSpec,
  type Fields,
  type NodeType,
} from './index';

function docWith(nodes: unknown[], edges: unknown[] = [], extra: Record<string, unknown> = {}) {
  return { format: 'serverless-sandbox', version: 1, name: 't', nodes, edges, ...extra };
}

/** Every number field reachable in a kind's fields, with its config path and the variant it needs. */
function numberFields(fields: Fields, prefix: string[] = [], base: Record<string, unknown> = {}) {
  const out: { path: string[]; spec: Extract<FieldSpec, { kind: 'number' }>; base: Record<string, unknown> }[] = [];
  for (const [key, spec] of Object.entries(fields)) {
    if (spec.kind === 'number') out.push({ path: [...prefix, key], spec, base });
    if (spec.kind === 'group') out.push(...numberFields(spec.fields, [...prefix, key], base));
    if (spec.kind === 'union') {
      for (const [variant, v] of Object.entries(spec.variants)) {
        out.push(...numberFields(v.fields, [...prefix, key], { ...base, [[...prefix, key].join('.')]: { [spec.discriminator]: variant } }));
      }
    }
  }
  return out;
}

function setPath(target: Record<string, unknown>, path: string[], value: unknown) {
  let cur = target;
  for (const key of path.slice(0, -1)) {
    cur[key] = { ...((cur[key] as Record<string, unknown>) ?? {}) };
    cur = cur[key] as Record<string, unknown>;
  }
  cur[path[path.length - 1]] = value;
}

/** A config that holds `value` at `path`, with the union variant the field lives in. */
function configWith(type: NodeType, entry: ReturnType<typeof numberFields>[number], value: unknown) {
  const config: Record<string, unknown> = {};
  for (const [unionPath, variant] of Object.entries(entry.base)) setPath(config, unionPath.split('.'), variant);
  setPath(config, entry.path, value);
  // keep lognormal p99 valid when probing the mean, and vice versa
  if ((type === 'lambda' && entry.path[0] === 'handler') || (type === 'rds' && entry.path[0] === 'queryMs')) {
    const handler = config[entry.path[0]] as Record<string, unknown>;
    if (handler.distribution === 'lognormal') {
      if (entry.path[1] === 'meanMs') handler.p99Ms = Math.max(1, Number(value) * 2);
      else handler.meanMs = Number(value) / 2;
    }
  }
  if (type === 'sqs' && entry.path[0] === 'batchSize') config.maxBatchingWindowS = 1;
  // a global table needs its stream
  if (type === 'dynamodb' && entry.path[0] === 'globalReplicas') config.stream = { enabled: true };
  // a Lambda authorizer names a function (authNodes adds it)
  if (type === 'apiGateway' && entry.path[0] === 'authorizer') (config.authorizer as Record<string, unknown>).function = 'authFn';
  return config;
}

/** The node under test, and the function its Lambda authorizer names. */
const authNodes = (type: NodeType, entry: ReturnType<typeof numberFields>[number]) =>
  type === 'apiGateway' && entry.path[0] === 'authorizer' ? [{ id: 'authFn', type: 'lambda' }] : [];

describe('document schema: defaults', () => {
  it('fills every omitted field with its default', () => {
    const result = restoreDocument(docWith([{ id: 'fn', type: 'lambda' }]));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.document.settings).toEqual({
      seed: 42,
      durationS: 300,
      accountConcurrency: 1000,
      region: 'us-east-1',
      apiAccountRps: 10_000,
      apiAccountBurst: 5_000,
      freeTier: false,
    });
    expect(result.document.nodes[0].config).toEqual(defaultConfig('lambda'));
    expect(result.document.nodes[0].position).toEqual({ x: 0, y: 0 });
    expect(result.document.edges).toEqual([]);
    expect(result.document.faults).toEqual([]);
  });

  it('uses AWS console defaults for the fields AWS defines', () => {
    const lambda = defaultConfig('lambda');
    expect(lambda.memoryMb).toBe(128);
    expect(lambda.timeoutMs).toBe(3000);
    expect(lambda.reservedConcurrency).toBeNull();
    expect(lambda.maxRetryAttempts).toBe(2);
    expect(lambda.maxEventAgeS).toBe(21_600);
    const sqs = defaultConfig('sqs');
    expect(sqs).toMatchObject({ visibilityTimeoutS: 30, batchSize: 10, maxBatchingWindowS: 0, maxConcurrency: null, retentionS: 345_600 });
    expect(defaultConfig('apiGateway')).toMatchObject({ rateLimitRps: 10_000, burstLimit: 5_000, timeoutMs: 29_000 });
    expect(defaultConfig('cloudfront').cacheTtlS).toBe(86_400);
    expect(defaultConfig('dax')).toMatchObject({ itemTtlS: 300, queryTtlS: 300 });
    expect(defaultConfig('dynamodb').stream).toMatchObject({ enabled: false, batchSize: 100, parallelizationFactor: 1 });
  });

  it('fills the defaults of the chosen union variant', () => {
    const result = restoreDocument(docWith([{ id: 'c', type: 'client', config: { traffic: { shape: 'spike' } } }]));
    expect(result.ok && result.document.nodes[0].config).toMatchObject({ traffic: { shape: 'spike', baseRps: 20, peakRps: 2000, atS: 60, lengthS: 30 } });
  });

  it('accepts the default scenario and the spec example shapes', () => {
    expect(validateDocument(defaultScenario())).toEqual([]);
  });
});

describe('document schema: every numeric range', () => {
  for (const type of NODE_TYPES) {
    for (const entry of numberFields(CATALOGUE[type].fields as Fields)) {
      const name = `${type}.config.${entry.path.join('.')}`;
      it(`${name} accepts ${describeRange(entry.spec)} and rejects outside it`, () => {
        for (const ok of [entry.spec.min, entry.spec.max]) {
          // the largest account, so that concurrency budgets do not cap the field first
          const r = restoreDocument(
            docWith([{ id: 'n', type, config: configWith(type, entry, ok) }, ...authNodes(type, entry)], [], { settings: { accountConcurrency: 1_000_000 } }),
          );
          expect(r.ok, `${name}=${ok}: ${r.ok ? '' : r.errors.join('; ')}`).toBe(true);
        }
        const tooBig = entry.spec.max + (entry.spec.integer ? 1 : entry.spec.max * 0.01 + 0.01);
        const tooSmall = entry.spec.min - (entry.spec.integer ? 1 : 0.01);
        for (const bad of [tooBig, tooSmall]) {
          const r = restoreDocument(docWith([{ id: 'n', type, config: configWith(type, entry, bad) }, ...authNodes(type, entry)]));
          expect(r.ok).toBe(false);
          if (r.ok) return;
          const message = r.errors.find((e) => e.includes(`config.${entry.path.join('.')}`));
          expect(message, r.errors.join('\n')).toBeDefined();
          expect(message).toContain(String(bad).slice(0, 6));
          expect(message).toContain(describeRange(entry.spec));
        }
      });
    }
  }

  it('rejects a fractional value for a whole-number field', () => {
    const r = restoreDocument(docWith([{ id: 'fn', type: 'lambda', config: { memoryMb: 512.5 } }]));
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors[0]).toMatch(/nodes\[0\] \(fn\)\.config\.memoryMb: 512\.5 must be a whole number/);
  });

  it('checks settings ranges', () => {
    const r = restoreDocument(docWith([], [], { settings: { durationS: 0, seed: -1 } }));
    expect(!r.ok && r.errors.join('\n')).toMatch(/settings\.durationS: 0 is below the minimum; allowed: 1–86,400 s/);
    expect(!r.ok && r.errors.join('\n')).toMatch(/settings\.seed: -1/);
  });
});

describe('document schema: strictness and clear messages', () => {
  it('names unknown fields with their path', () => {
    const r = restoreDocument(docWith([{ id: 'fn', type: 'lambda', config: { memory: 512 } }]));
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors).toContain('nodes[0] (fn).config: unknown field "memory"; remove it or check the spelling');
  });

  it('drops a field of another variant of a union (a switched variant) but refuses one no variant knows', () => {
    const switched = restoreDocument(docWith([{ id: 'api', type: 'apiGateway', config: { authorizer: { type: 'iam', cacheTtlS: 300, function: '' } } }]));
    expect(switched.ok && switched.document.nodes[0].config).toMatchObject({ authorizer: { type: 'iam' } });
    expect(switched.ok && (switched.document.nodes[0].config as { authorizer: object }).authorizer).not.toHaveProperty('cacheTtlS');
    const spike = restoreDocument(docWith([{ id: 'c', type: 'client', config: { traffic: { shape: 'constant', rps: 5, peakRps: 900 } } }]));
    expect(spike.ok && spike.document.nodes[0].config).toMatchObject({ traffic: { shape: 'constant', rps: 5 } });
    const typo = restoreDocument(docWith([{ id: 'api', type: 'apiGateway', config: { authorizer: { type: 'iam', cacheTTL: 300 } } }]));
    expect(!typo.ok && typo.errors.join('\n')).toContain('unknown field "cacheTTL"');
  });

  it('names unknown node types and lists the allowed ones', () => {
    const r = restoreDocument(docWith([{ id: 'k', type: 'redshift' }]));
    expect(!r.ok && r.errors[0]).toMatch(/nodes\[0\] \(k\)\.type: "redshift" is not a node type; allowed: client, cloudfront, apiGateway, lambda/);
  });

  it('names a bad enum value and the allowed ones', () => {
    const r = restoreDocument(docWith([{ id: 'fn', type: 'lambda', config: { architecture: 'sparc' } }]));
    expect(!r.ok && r.errors[0]).toBe('nodes[0] (fn).config.architecture: "sparc" must be one of: x86_64, arm64');
  });

  it('names a wrong type', () => {
    const r = restoreDocument(docWith([{ id: 'fn', type: 'lambda', config: { memoryMb: '512' } }]));
    expect(!r.ok && r.errors[0]).toMatch(/config\.memoryMb: "512" is wrong; expected a number/);
  });

  it('refuses what is not a document', () => {
    expect(restoreDocument(null)).toMatchObject({ ok: false });
    expect(restoreDocument([1, 2])).toMatchObject({ ok: false });
    expect(restoreDocument({ format: 'excalidraw', version: 1 })).toMatchObject({
      ok: false,
      errors: [expect.stringContaining('not a Serverless Sandbox document')],
    });
    expect(restoreDocument({ format: 'serverless-sandbox', version: 99, nodes: [] })).toMatchObject({ ok: false, errors: [expect.stringContaining('newer')] });
    expect(parseDocumentText('{"format":')).toMatchObject({ ok: false, errors: [expect.stringContaining('not valid JSON')] });
  });

  it('refuses ids with markup and oversized documents', () => {
    const r = restoreDocument(docWith([{ id: '<img src=x onerror=alert(1)>', type: 'sns' }]));
    expect(r.ok).toBe(false);
    const many = Array.from({ length: 10_000 }, (_, i) => ({ id: `n${i}`, type: 'sns' }));
    const big = restoreDocument(docWith(many));
    expect(!big.ok && big.errors.join()).toMatch(/more than 300 nodes/);
  });

  it('validates schedule expressions', () => {
    const ok = ['rate(1 minute)', 'rate(5 minutes)', 'cron(0 12 * * ? *)'];
    for (const schedule of ok) expect(restoreDocument(docWith([{ id: 'e', type: 'eventbridge', config: { schedule } }])).ok).toBe(true);
    for (const schedule of ['rate(5 minute)', 'every day', 'rate(1 minutes)']) {
      const r = restoreDocument(docWith([{ id: 'e', type: 'eventbridge', config: { schedule } }]));
      expect(r.ok, schedule).toBe(false);
    }
  });
});

describe('cross-node rules', () => {
  const fn = (id: string, config: Record<string, unknown> = {}) => ({ id, type: 'lambda', config });

  it('requires unique node and edge ids and existing endpoints', () => {
    const r = restoreDocument(
      docWith(
        [fn('a'), fn('a'), fn('b')],
        [
          { id: 'e', source: 'a', target: 'b' },
          { id: 'e', source: 'a', target: 'zzz' },
        ],
      ),
    );
    const text = !r.ok ? r.errors.join('\n') : '';
    expect(text).toMatch(/nodes\[1\] \(a\)\.id: "a" is used by another node/);
    expect(text).toMatch(/edges\[1\] \(e\)\.id: "e" is used by another edge/);
    expect(text).toMatch(/edges\[1\] \(e\)\.target: "zzz" is not the id of any node/);
  });

  it('keeps 100 of the account unreserved', () => {
    const ok = restoreDocument(docWith([fn('a', { reservedConcurrency: 450 }), fn('b', { reservedConcurrency: 450 })]));
    expect(ok.ok).toBe(true);
    const bad = restoreDocument(docWith([fn('a', { reservedConcurrency: 450 }), fn('b', { reservedConcurrency: 451 })]));
    expect(!bad.ok && bad.errors[0]).toMatch(/settings\.accountConcurrency: functions reserve 901 in all, more than 900/);
  });

  it('caps provisioned concurrency by reserved concurrency', () => {
    const r = restoreDocument(docWith([fn('a', { reservedConcurrency: 5, provisionedConcurrency: 6 })]));
    expect(!r.ok && r.errors[0]).toMatch(/provisionedConcurrency: 6 is more than the function may use \(5, its reserved concurrency\)/);
  });

  it('allows SnapStart only on supported runtimes and never with provisioned concurrency', () => {
    expect(restoreDocument(docWith([fn('a', { runtime: 'java21', snapStart: true })])).ok).toBe(true);
    expect(restoreDocument(docWith([fn('a', { runtime: 'python3.13', snapStart: true })])).ok).toBe(true);
    const node = restoreDocument(docWith([fn('a', { runtime: 'nodejs22.x', snapStart: true })]));
    expect(!node.ok && node.errors[0]).toMatch(/SnapStart is not available for nodejs22\.x/);
    const pc = restoreDocument(docWith([fn('a', { runtime: 'java21', snapStart: true, provisionedConcurrency: 2 })]));
    expect(!pc.ok && pc.errors[0]).toMatch(/cannot be used together with provisioned concurrency/);
  });

  it('packageType defaults to zip (old documents unchanged); SnapStart refuses container images', () => {
    const old = restoreDocument(docWith([fn('a', { runtime: 'java21', snapStart: true })]));
    expect(old.ok && old.document.nodes[0].config).toMatchObject({ packageType: 'zip' });
    expect(restoreDocument(docWith([fn('a', { runtime: 'java21', packageType: 'image' })])).ok).toBe(true);
    const image = restoreDocument(docWith([fn('a', { runtime: 'java21', packageType: 'image', snapStart: true })]));
    expect(!image.ok && image.errors[0]).toMatch(/SnapStart does not support container images/);
    expect(restoreDocument(docWith([fn('a', { packageType: 'docker' })])).ok).toBe(false);
  });

  it('requires a plausible log-normal p99', () => {
    const r = restoreDocument(docWith([fn('a', { handler: { distribution: 'lognormal', meanMs: 100, p99Ms: 90 } })]));
    expect(!r.ok && r.errors[0]).toMatch(/handler\.p99Ms: 90 ms must be above the mean/);
  });

  it('enforces SQS batch rules', () => {
    const big = restoreDocument(docWith([{ id: 'q', type: 'sqs', config: { batchSize: 100 } }]));
    expect(!big.ok && big.errors[0]).toMatch(/maxBatchingWindowS: must be at least 1 s when the batch size is above 10/);
    const fifo = restoreDocument(docWith([{ id: 'q', type: 'sqs', config: { queueType: 'fifo', batchSize: 11, maxBatchingWindowS: 1 } }]));
    expect(!fifo.ok && fifo.errors[0]).toMatch(/largest batch for a FIFO queue/);
  });

  it('caps HTTP API timeouts at 30 s', () => {
    const r = restoreDocument(docWith([{ id: 'api', type: 'apiGateway', config: { flavor: 'http', timeoutMs: 60_000 } }]));
    expect(!r.ok && r.errors[0]).toMatch(/timeoutMs: 60000 ms is above 30,000 ms/);
  });

  it('needs an enabled stream for a stream edge and infers the kind', () => {
    const off = restoreDocument(docWith([{ id: 't', type: 'dynamodb' }, fn('w')], [{ id: 's', source: 't', target: 'w' }]));
    expect(!off.ok && off.errors[0]).toMatch(/"t" has no stream; set its config\.stream\.enabled to true/);
    const on = restoreDocument(
      docWith([{ id: 't', type: 'dynamodb', config: { stream: { enabled: true } } }, fn('w')], [{ id: 's', source: 't', target: 'w' }]),
    );
    expect(on.ok && on.document.edges[0].kind).toBe('stream');
  });

  it('allows one DLQ of the same queue type', () => {
    const q = (id: string, queueType = 'standard') => ({ id, type: 'sqs', config: { queueType } });
    const ok = restoreDocument(docWith([q('a'), q('d')], [{ id: 'x', source: 'a', target: 'd' }]));
    expect(ok.ok && ok.document.edges[0].kind).toBe('dlq');
    const two = restoreDocument(
      docWith(
        [q('a'), q('d'), q('d2')],
        [
          { id: 'x', source: 'a', target: 'd' },
          { id: 'y', source: 'a', target: 'd2' },
        ],
      ),
    );
    expect(!two.ok && two.errors[0]).toMatch(/already has a dead-letter queue/);
    const mixed = restoreDocument(docWith([q('a', 'fifo'), q('d')], [{ id: 'x', source: 'a', target: 'd' }]));
    expect(!mixed.ok && mixed.errors[0]).toMatch(/same type as its source queue/);
  });

  it('checks faults', () => {
    const r = restoreDocument(
      docWith([{ id: 't', type: 'dynamodb' }], [], {
        faults: [
          { atS: 60, node: 't', kind: 'down', lengthS: 30 },
          { atS: 10, node: 't', kind: 'cacheFlush' },
          { atS: 10, node: 'nope', kind: 'down' },
          { atS: 10, node: 't', kind: 'meteor' },
        ],
      }),
    );
    const text = !r.ok ? r.errors.join('\n') : '';
    expect(text).toMatch(/faults\[3\]\.kind: "meteor" is not a fault kind/);
    const r2 = restoreDocument(
      docWith([{ id: 't', type: 'dynamodb' }], [], {
        faults: [
          { atS: 10, node: 't', kind: 'cacheFlush' },
          { atS: 10, node: 'nope', kind: 'down' },
        ],
      }),
    );
    const text2 = !r2.ok ? r2.errors.join('\n') : '';
    expect(text2).toMatch(/faults\[0\]\.kind: cacheFlush applies to CloudFront and DAX/);
    expect(text2).toMatch(/faults\[1\]\.node: "nope" is not the id of any node/);
    const ok = restoreDocument(docWith([{ id: 't', type: 'dynamodb' }], [], { faults: [{ atS: 60, node: 't', kind: 'down' }] }));
    expect(ok.ok && ok.document.faults[0]).toEqual({ atS: 60, node: 't', kind: 'down', lengthS: 30 });
  });
});

describe('migrations', () => {
  it('migrates a version 0 draft to version 1', () => {
    const r = restoreDocument({ version: 0, seed: 7, durationS: 60, nodes: [{ id: 'fn', type: 'lambda', data: { memoryMb: 256 } }], edges: [] });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.migratedFrom).toBe(0);
    expect(r.document.version).toBe(1);
    expect(r.document.settings.seed).toBe(7);
    expect(r.document.settings.durationS).toBe(60);
    expect(r.document.nodes[0].type === 'lambda' && r.document.nodes[0].config.memoryMb).toBe(256);
  });

  it('leaves current documents unmarked', () => {
    const r = restoreDocument(defaultScenario());
    expect(r.ok && r.migratedFrom).toBeUndefined();
  });
});
