import { num } from '../fields';
import { defineKind } from './kind';

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
    cacheTtlS: num({ label: 'Cache TTL', unit: 's', min: 0, max: 31_536_000, integer: true, default: 86_400, hint: '0 s–1 year; default 24 h. A cached object is served until its TTL expires.' }),
    cacheable: num({ label: 'Cacheable share', min: 0, max: 1, step: 0.05, default: 0.9, hint: 'Share of requests that may be cached (GETs without no-store); the rest always go to the origin.' }),
  },
  summary: (c) => [`TTL ${formatDuration(c.cacheTtlS)}`, `${Math.round(c.cacheable * 100)}% cacheable`],
});

export function formatDuration(seconds: number): string {
  if (seconds >= 86_400 && seconds % 3600 === 0) return `${+(seconds / 86_400).toFixed(1)} d`;
  if (seconds >= 3600) return `${+(seconds / 3600).toFixed(1)} h`;
  if (seconds >= 60) return `${+(seconds / 60).toFixed(1)} min`;
  return `${seconds} s`;
}
