/**
 * Lambda runtimes the sandbox knows, with the cold-start figures it uses.
 * INIT: lambda-perf's measured percentiles of a hello-world function per runtime, package
 * type and architecture (initTimes.ts, derived from src/sim/calibration/data; reference
 * §1.5). SnapStart support: §1.6 (Java 11+, Python 3.12+, .NET 8+); restore times §1.6.
 */
import { INIT_QUANTILES, RESTORE_QUANTILES, type DurationQuantiles } from './initTimes';

export type { DurationQuantiles } from './initTimes';

export interface RuntimeInfo {
  id: string;
  label: string;
  family: 'nodejs' | 'python' | 'java' | 'dotnet' | 'ruby' | 'provided';
  snapStart: boolean;
}

export const RUNTIMES = [
  { id: 'nodejs20.x', label: 'Node.js 20', family: 'nodejs', snapStart: false },
  { id: 'nodejs22.x', label: 'Node.js 22', family: 'nodejs', snapStart: false },
  { id: 'nodejs24.x', label: 'Node.js 24', family: 'nodejs', snapStart: false },
  { id: 'python3.12', label: 'Python 3.12', family: 'python', snapStart: true },
  { id: 'python3.13', label: 'Python 3.13', family: 'python', snapStart: true },
  { id: 'python3.14', label: 'Python 3.14', family: 'python', snapStart: true },
  { id: 'java11', label: 'Java 11', family: 'java', snapStart: true },
  { id: 'java17', label: 'Java 17', family: 'java', snapStart: true },
  { id: 'java21', label: 'Java 21', family: 'java', snapStart: true },
  { id: 'java25', label: 'Java 25', family: 'java', snapStart: true },
  { id: 'dotnet8', label: '.NET 8', family: 'dotnet', snapStart: true },
  { id: 'dotnet10', label: '.NET 10', family: 'dotnet', snapStart: true },
  { id: 'ruby3.4', label: 'Ruby 3.4', family: 'ruby', snapStart: false },
  // Custom runtime: measured with lambda-perf's Go hello world on provided.al2023.
  { id: 'provided.al2023', label: 'OS-only (Go, Rust…)', family: 'provided', snapStart: false },
] as const satisfies readonly RuntimeInfo[];

export type PackageType = 'zip' | 'image';
type Arch = 'x86_64' | 'arm64';

/** Measured INIT percentiles of a trivial function (any memory size), or undefined for an unknown runtime. */
export function initQuantiles(runtime: string, packageType: PackageType, arch: Arch): DurationQuantiles | undefined {
  const byPkg = (INIT_QUANTILES as Record<string, Record<PackageType, Record<Arch, DurationQuantiles>>>)[runtime];
  return byPkg?.[packageType][arch];
}

/**
 * SnapStart Restore Duration percentiles of a trivial function at `memoryMb`, interpolated
 * (in log memory) between the measured sizes 128–1,024 MB and held outside them. Measured
 * for Java 11, 17 and 21 only: Java 25 uses Java 21's figures; Python and .NET the mean of
 * the three Java runtimes (an assumption, §9.2: no published restore measurements).
 */
export function restoreQuantiles(runtime: string, memoryMb: number): DurationQuantiles | undefined {
  const info = runtimeInfo(runtime);
  if (!info?.snapStart) return undefined;
  const table = RESTORE_QUANTILES as Record<string, readonly (DurationQuantiles & { memoryMb: number })[]>;
  const measured = runtime === 'java25' ? ['java21'] : table[runtime] ? [runtime] : Object.keys(table);
  const sizes = table[measured[0]].map((r) => r.memoryMb);
  const m = Math.min(Math.max(memoryMb, sizes[0]), sizes[sizes.length - 1]);
  let i = 0;
  while (i < sizes.length - 2 && m > sizes[i + 1]) i++;
  const t = (Math.log(m) - Math.log(sizes[i])) / (Math.log(sizes[i + 1]) - Math.log(sizes[i]));
  const at = (k: keyof DurationQuantiles) => {
    let sum = 0;
    for (const rt of measured) sum += table[rt][i][k] + t * (table[rt][i + 1][k] - table[rt][i][k]);
    return sum / measured.length;
  };
  return { p10: at('p10'), p50: at('p50'), p90: at('p90'), p99: at('p99') };
}

export type RuntimeId = (typeof RUNTIMES)[number]['id'];

export const RUNTIME_IDS = RUNTIMES.map((r) => r.id) as [RuntimeId, ...RuntimeId[]];

export function runtimeInfo(id: string): RuntimeInfo | undefined {
  return RUNTIMES.find((r) => r.id === id);
}

export const SNAPSTART_RUNTIMES: readonly string[] = RUNTIMES.filter((r) => r.snapStart).map((r) => r.id);
