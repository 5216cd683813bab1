/** Template values the sandbox has no option for, mapped to the nearest option it has. */
import { DAX_NODE_TYPES, RUNTIME_IDS, type RuntimeId } from '../model';

const FAMILY_ALIASES: [RegExp, string][] = [
  [/^nodejs/, 'nodejs'],
  [/^python/, 'python'],
  [/^java/, 'java'],
  [/^dotnet(core)?/, 'dotnet'],
  [/^ruby/, 'ruby'],
  [/^(provided|go)/, 'provided'],
];

function family(id: string): string | undefined {
  return FAMILY_ALIASES.find(([re]) => re.test(id))?.[1];
}

/** nodejs20.x -> 2000, python3.9 -> 309, python3.12 -> 312: major * 100 + minor. */
function version(id: string): number {
  const m = /(\d+)(?:\.(\d+))?/.exec(id);
  return m ? Number(m[1]) * 100 + Number(m[2] ?? 0) : 0;
}

/** The runtime itself when known; otherwise the same family's nearest version (or undefined). */
export function nearestRuntime(runtime: string): RuntimeId | undefined {
  if ((RUNTIME_IDS as string[]).includes(runtime)) return runtime as RuntimeId;
  const fam = family(runtime);
  if (!fam) return undefined;
  const candidates = RUNTIME_IDS.filter((r) => family(r) === fam);
  if (candidates.length === 0) return undefined;
  const v = version(runtime);
  return candidates.reduce((best, r) => (Math.abs(version(r) - v) < Math.abs(version(best) - v) ? r : best), candidates[0]);
}

const DAX_SIZES = Object.keys(DAX_NODE_TYPES);

/** small < medium < large < xlarge < 2xlarge < 4xlarge ... */
function sizeRank(size: string): number {
  const n = /^(\d+)xlarge$/.exec(size);
  if (n) return 3 + Math.log2(Number(n[1]));
  return { small: 0, medium: 1, large: 2, xlarge: 3 }[size] ?? 2;
}

/** dax.t2.small -> dax.t3.small; dax.r4.large -> dax.r5.large; dax.r5.8xlarge -> dax.r5.4xlarge. */
export function nearestDaxNodeType(nodeType: string): string | undefined {
  if (DAX_SIZES.includes(nodeType)) return nodeType;
  const m = /^dax\.([a-z])\d+[a-z]*\.(\w+)$/.exec(nodeType);
  if (!m) return undefined;
  const family = DAX_SIZES.filter((t) => t.startsWith(`dax.${m[1]}`));
  const pool = family.length ? family : DAX_SIZES;
  const want = sizeRank(m[2]);
  const size = (t: string) => sizeRank(t.split('.')[2]);
  return pool.reduce((best, t) => (Math.abs(size(t) - want) < Math.abs(size(best) - want) ? t : best), pool[0]);
}

/**
 * EventBridge wants "rate(1 minute)" and "rate(5 minutes)"; templates sometimes get the
 * plural wrong (AWS Scheduler accepts it). Returns the corrected expression, or null when
 * the expression is not a rate or cron the sandbox can run (e.g. a one-time at(...)).
 */
export function normaliseSchedule(expression: string): string | null {
  const trimmed = expression.trim();
  const rate = /^rate\(\s*(\d+)\s+(minute|minutes|hour|hours|day|days)\s*\)$/i.exec(trimmed);
  if (rate) {
    const n = Number(rate[1]);
    if (n < 1) return null;
    const unit = rate[2].toLowerCase().replace(/s$/, '');
    return `rate(${n} ${unit}${n === 1 ? '' : 's'})`;
  }
  if (/^cron\(\s*(\S+\s+){5}\S+\s*\)$/.test(trimmed)) return trimmed;
  return null;
}
