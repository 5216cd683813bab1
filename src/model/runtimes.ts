/**
 * Lambda runtimes the sandbox knows, with the cold-start (INIT) figures it uses.
 * Source: lambda-perf daily benchmark, hello-world ZIP functions at 512 MB, average Init
 * Duration (docs/aws-reference.md §1.5). SnapStart support: §1.6 (Java 11+,
 * Python 3.12+, .NET 8+).
 */
export interface RuntimeInfo {
  id: string;
  label: string;
  family: 'nodejs' | 'python' | 'java' | 'dotnet' | 'ruby' | 'provided';
  /** Mean INIT duration of a trivial function, ms, [x86_64, arm64]. */
  initMs: readonly [number, number];
  snapStart: boolean;
}

export const RUNTIMES = [
  { id: 'nodejs20.x', label: 'Node.js 20', family: 'nodejs', initMs: [139, 127], snapStart: false },
  { id: 'nodejs22.x', label: 'Node.js 22', family: 'nodejs', initMs: [139, 130], snapStart: false },
  { id: 'nodejs24.x', label: 'Node.js 24', family: 'nodejs', initMs: [131, 114], snapStart: false },
  { id: 'python3.12', label: 'Python 3.12', family: 'python', initMs: [83, 80], snapStart: true },
  { id: 'python3.13', label: 'Python 3.13', family: 'python', initMs: [86, 77], snapStart: true },
  { id: 'python3.14', label: 'Python 3.14', family: 'python', initMs: [101, 94], snapStart: true },
  // java11 was not in the benchmark's 2026 data; java17's figure stands in for it.
  { id: 'java11', label: 'Java 11', family: 'java', initMs: [202, 224], snapStart: true },
  { id: 'java17', label: 'Java 17', family: 'java', initMs: [202, 224], snapStart: true },
  { id: 'java21', label: 'Java 21', family: 'java', initMs: [231, 245], snapStart: true },
  { id: 'java25', label: 'Java 25', family: 'java', initMs: [193, 197], snapStart: true },
  { id: 'dotnet8', label: '.NET 8', family: 'dotnet', initMs: [268, 282], snapStart: true },
  { id: 'dotnet10', label: '.NET 10', family: 'dotnet', initMs: [247, 247], snapStart: true },
  { id: 'ruby3.4', label: 'Ruby 3.4', family: 'ruby', initMs: [252, 286], snapStart: false },
  // Custom runtime: the benchmark's Go figure (Rust measured 18 / 14 ms).
  { id: 'provided.al2023', label: 'OS-only (Go, Rust…)', family: 'provided', initMs: [49, 44], snapStart: false },
] as const satisfies readonly RuntimeInfo[];

export type RuntimeId = (typeof RUNTIMES)[number]['id'];

export const RUNTIME_IDS = RUNTIMES.map((r) => r.id) as [RuntimeId, ...RuntimeId[]];

export function runtimeInfo(id: string): RuntimeInfo | undefined {
  return RUNTIMES.find((r) => r.id === id);
}

export const SNAPSTART_RUNTIMES: readonly string[] = RUNTIMES.filter((r) => r.snapStart).map((r) => r.id);
