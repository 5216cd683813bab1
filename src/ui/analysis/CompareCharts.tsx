/**
 * Base and variant over time on the same axes: p99 latency of successful requests and throughput. recharts is
 * large, so this module is only ever imported lazily.
 */
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { WindowSample } from '../../sim/api';
import { formatMs, formatTick } from '../sim/format';

export interface CompareChartsProps {
  base: WindowSample[];
  variant: WindowSample[];
}

interface Point {
  tS: number;
  baseP99?: number;
  variantP99?: number;
  baseRps?: number;
  variantRps?: number;
}

function completed(w: WindowSample): number {
  return w.requests.ok + w.requests.error + w.requests.throttled + w.requests.timeout;
}

/** Seconds one sample covers: the first one ends at its width (1 s unless merged). */
function widthS(history: WindowSample[]): number {
  return history.length > 0 && history[0].tS > 0 ? history[0].tS : 1;
}

/** One row per window end, requests as a rate per second. */
export function mergeHistories(base: WindowSample[], variant: WindowSample[]): Point[] {
  const byTime = new Map<number, Point>();
  const at = (tS: number) => {
    let p = byTime.get(tS);
    if (!p) byTime.set(tS, (p = { tS }));
    return p;
  };
  for (const w of base) Object.assign(at(w.tS), { baseP99: w.latencyMs.p99, baseRps: completed(w) / widthS(base) });
  for (const w of variant) Object.assign(at(w.tS), { variantP99: w.latencyMs.p99, variantRps: completed(w) / widthS(variant) });
  return [...byTime.values()].sort((a, b) => a.tS - b.tS);
}

const BASE = '#64748b';
const VARIANT = '#2563eb';

function Chart({
  data,
  title,
  keys,
  format,
  testId,
}: {
  data: Point[];
  title: string;
  keys: [keyof Point, keyof Point];
  format: (n: number) => string;
  testId: string;
}) {
  return (
    <figure className="compare-chart" data-testid={testId}>
      <figcaption>{title}</figcaption>
      <ResponsiveContainer width="100%" height={180}>
        <LineChart data={data} margin={{ top: 6, right: 12, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="#eef0f3" vertical={false} />
          <XAxis dataKey="tS" type="number" domain={['dataMin', 'dataMax']} tickFormatter={(t: number) => `${t}s`} fontSize={11} stroke="#9ca3af" />
          <YAxis tickFormatter={formatTick} fontSize={11} stroke="#9ca3af" width={44} />
          <Tooltip formatter={(v) => format(Number(v))} labelFormatter={(t) => `${t} s`} />
          <Legend iconType="plainline" wrapperStyle={{ fontSize: 12 }} />
          <Line dataKey={keys[0]} name="Base" stroke={BASE} strokeWidth={1.5} strokeDasharray="4 3" dot={false} isAnimationActive={false} connectNulls />
          <Line dataKey={keys[1]} name="Variant" stroke={VARIANT} strokeWidth={1.5} dot={false} isAnimationActive={false} connectNulls />
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}

export default function CompareCharts({ base, variant }: CompareChartsProps) {
  const data = mergeHistories(base, variant);
  return (
    <div className="compare-charts">
      <Chart data={data} title="Latency p99, successful requests (ms)" keys={['baseP99', 'variantP99']} format={formatMs} testId="chart-compare-latency" />
      <Chart
        data={data}
        title="Throughput (requests/s)"
        keys={['baseRps', 'variantRps']}
        format={(n) => `${Math.round(n)}/s`}
        testId="chart-compare-throughput"
      />
    </div>
  );
}
