import { enumOf, group, int, num } from '../fields';
import { defineKind } from './kind';

const VIEWER_OPTIONS = [
  { value: 'none', label: 'None' },
  { value: 'cloudfrontFunction', label: 'CloudFront Function' },
  { value: 'lambdaEdge', label: 'Lambda@Edge' },
] as const;
const ORIGIN_OPTIONS = [
  { value: 'none', label: 'None' },
  { value: 'lambdaEdge', label: 'Lambda@Edge' },
] as const;

const TRIGGER_WORDS = { viewerRequest: 'viewer req', viewerResponse: 'viewer resp', originRequest: 'origin req', originResponse: 'origin resp' } as const;

/** "CF Function: viewer req · L@E: origin req" — the card's line for attached functions ('' for none). */
export function edgeFunctionSummary(functions: Record<keyof typeof TRIGGER_WORDS, string>): string {
  const by = (kind: string) => (Object.keys(TRIGGER_WORDS) as (keyof typeof TRIGGER_WORDS)[]).filter((t) => functions[t] === kind).map((t) => TRIGGER_WORDS[t]);
  const parts: string[] = [];
  if (by('cloudfrontFunction').length) parts.push(`CF Function: ${by('cloudfrontFunction').join(', ')}`);
  if (by('lambdaEdge').length) parts.push(`L@E: ${by('lambdaEdge').join(', ')}`);
  return parts.join(' · ');
}

export const cloudfrontKind = defineKind({
  type: 'cloudfront',
  label: 'CloudFront',
  description: 'Edge cache: serves cached responses near users and calls the origin on a miss.',
  category: 'edge',
  capabilities: ['cache', 'keyed'],
  entry: { ratePerS: 20, when: 'always', unit: 'requests', verb: 'calls' },
  knobs: [{ path: ['cacheTtlS'], label: 'cache TTL', unit: 's', min: 0, max: 31_536_000 }],
  docsUrl: 'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/Expiration.html',
  fields: {
    cacheTtlS: num({
      label: 'Cache TTL',
      unit: 's',
      min: 0,
      max: 31_536_000,
      integer: true,
      default: 86_400,
      hint: '0 s–1 year; default 24 h. A cached object is served until its TTL expires.',
    }),
    cacheable: num({
      label: 'Cacheable share',
      min: 0,
      max: 1,
      step: 0.05,
      default: 0.9,
      hint: 'Share of requests that may be cached (GETs without no-store); the rest always go to the origin.',
    }),
    functions: group({
      label: 'Edge functions',
      hint: 'Code run at four trigger points. CloudFront Functions run only on viewer request and viewer response; Lambda@Edge on all four. Viewer triggers run on every request, origin triggers only on cache misses.',
      fields: {
        viewerRequest: enumOf({ label: 'Viewer request', default: 'none', options: VIEWER_OPTIONS, hint: 'Before the cache is checked, on every request.' }),
        viewerResponse: enumOf({
          label: 'Viewer response',
          default: 'none',
          options: VIEWER_OPTIONS,
          hint: 'Before the response goes back to the viewer, on every request.',
        }),
        originRequest: enumOf({
          label: 'Origin request',
          default: 'none',
          options: ORIGIN_OPTIONS,
          hint: 'Before the request goes to the origin: cache misses only. Lambda@Edge only.',
        }),
        originResponse: enumOf({
          label: 'Origin response',
          default: 'none',
          options: ORIGIN_OPTIONS,
          hint: 'When the origin answers, before caching: cache misses only. Lambda@Edge only.',
        }),
      },
    }),
    edgeFunction: group({
      label: 'Edge function code',
      hint: 'How the attached functions behave. CloudFront Functions: JavaScript, sub-millisecond, no network. Lambda@Edge: Node.js or Python, replicated from us-east-1, with its own cold starts and concurrency in each Region.',
      fields: {
        cloudfrontFunctionMs: num({
          label: 'CloudFront Function time',
          unit: 'ms',
          min: 0.01,
          max: 1,
          step: 0.05,
          default: 0.2,
          hint: 'Per run; CloudFront Functions must finish in under a millisecond of compute (0.01–1 ms).',
        }),
        lambdaEdgeRuntime: enumOf({
          label: 'Lambda@Edge runtime',
          default: 'nodejs22.x',
          options: [
            { value: 'nodejs22.x', label: 'Node.js 22' },
            { value: 'python3.13', label: 'Python 3.13' },
          ],
          hint: 'Lambda@Edge supports Node.js and Python (x86_64 only).',
        }),
        lambdaEdgeMemoryMb: int({
          label: 'Lambda@Edge memory',
          unit: 'MB',
          min: 128,
          max: 10_240,
          default: 128,
          hint: 'Viewer triggers allow at most 128 MB; origin triggers up to 10,240 MB.',
        }),
        lambdaEdgeMs: num({
          label: 'Lambda@Edge handler time',
          unit: 'ms',
          min: 0.1,
          max: 30_000,
          default: 10,
          hint: 'Mean time of one run once warm (exponential). Viewer triggers time out at 5 s, origin triggers at 30 s.',
        }),
        lambdaEdgeConcurrency: int({
          label: 'Lambda@Edge concurrency',
          min: 1,
          max: 1_000_000,
          default: 1000,
          hint: 'Concurrent runs allowed in the Region that serves your viewers (the account limit there; default 1,000). Beyond it CloudFront answers 503.',
        }),
      },
    }),
  },
  crossCheck: (c) => {
    const problems: { field: string[]; message: string }[] = [];
    const f = c.functions;
    const viewerEdge = f.viewerRequest === 'lambdaEdge' || f.viewerResponse === 'lambdaEdge';
    if (viewerEdge && c.edgeFunction.lambdaEdgeMemoryMb > 128) {
      problems.push({
        field: ['edgeFunction', 'lambdaEdgeMemoryMb'],
        message: `${c.edgeFunction.lambdaEdgeMemoryMb} MB is too much for a viewer trigger: Lambda@Edge on viewer request or response allows at most 128 MB`,
      });
    }
    if (viewerEdge && c.edgeFunction.lambdaEdgeMs > 5000) {
      problems.push({
        field: ['edgeFunction', 'lambdaEdgeMs'],
        message: `a viewer-trigger Lambda@Edge function times out at 5 s; ${c.edgeFunction.lambdaEdgeMs} ms always would`,
      });
    }
    return problems;
  },
  summary: (c) => {
    const lines = [`TTL ${formatDuration(c.cacheTtlS)}`, `${Math.round(c.cacheable * 100)}% cacheable`];
    const attached = edgeFunctionSummary(c.functions);
    if (attached) lines.push(attached);
    return lines;
  },
});

export function formatDuration(seconds: number): string {
  if (seconds >= 86_400 && seconds % 3600 === 0) return `${+(seconds / 86_400).toFixed(1)} d`;
  if (seconds >= 3600) return `${+(seconds / 3600).toFixed(1)} h`;
  if (seconds >= 60) return `${+(seconds / 60).toFixed(1)} min`;
  return `${seconds} s`;
}
