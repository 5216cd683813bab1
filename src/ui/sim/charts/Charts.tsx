/**
 * The dashboard's four charts. Loaded lazily (recharts stays out of the first bundle) and
 * redrawn at most a few times a second, whatever the frame rate.
 */
import { memo, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import {
  Area,
  AreaChart,
  Bar,
  CartesianGrid,
  ComposedChart,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { NodeLive, WindowSample } from '../../../sim/api';
import { scrubWindows, type SimulationState } from '../../../state/simulationStore';
import { formatMs, formatTick, formatUsd } from '../format';
import { OUTCOME_COLOURS } from '../outcomeColours';
import { useThrottledSimulation } from '../useThrottledSimulation';
import { buildSeries, type Focus } from './series';
import { useFocus } from './useFocus';

/** Charts redraw at most this often. */
const REDRAW_MS = 1000;

const SERVICE_COLOURS = ['#2563eb', '#f59e0b', '#16a34a', '#9333ea', '#0891b2', '#db2777', '#65a30d', '#ea580c', '#64748b', '#7c3aed'];
const AXIS = { fontSize: 10, fill: '#64748b' };
const MARGIN = { top: 6, right: 8, bottom: 0, left: 0 };

interface Snapshot {
  windows: WindowSample[];
  nodes: Record<string, NodeLive>;
  scrubT: number | null;
  monthlyCostUsd: number;
  costUsd: number;
}

function selectSnapshot(s: SimulationState): Snapshot {
  const windows = scrubWindows(s);
  return {
    windows,
    nodes: s.nodes,
    scrubT: s.scrubIndex !== null ? (windows[s.scrubIndex]?.tS ?? null) : null,
    monthlyCostUsd: s.totals.monthlyCostUsd,
    costUsd: s.totals.costUsd,
  };
}

/** A new run, a look-back or the whole history arriving redraws at once. */
function redrawNow(s: SimulationState, prev: SimulationState): boolean {
  return s.runId !== prev.runId || s.scrubIndex !== prev.scrubIndex || s.history !== prev.history;
}

export default function Charts() {
  const snapshot = useThrottledSimulation(selectSnapshot, REDRAW_MS, redrawNow);
  const focus = useFocus();
  const series = useMemo(() => buildSeries(snapshot.windows, focus, snapshot.nodes), [snapshot, focus]);
  const scope = focus ? focus.nodeId : 'whole system';
  return (
    <div className="sim-charts">
      <LatencyChart rows={series.rows} ticks={series.ticks} focus={focus} scope={scope} scrubT={snapshot.scrubT} />
      <ThroughputChart rows={series.rows} ticks={series.ticks} scope={scope} scrubT={snapshot.scrubT} />
      <ConcurrencyChart rows={series.rows} ticks={series.ticks} scope={scope} scrubT={snapshot.scrubT} hasConcurrency={series.hasConcurrency} hasQueue={series.hasQueue} />
      <CostChart rows={series.rows} ticks={series.ticks} services={series.services} scrubT={snapshot.scrubT} costUsd={snapshot.costUsd} monthlyCostUsd={snapshot.monthlyCostUsd} />
    </div>
  );
}

type Rows = ReturnType<typeof buildSeries>['rows'];

function Card({ testId, title, scope, extra, empty, children }: { testId: string; title: string; scope?: string; extra?: ReactNode; empty?: boolean; children: ReactNode }) {
  const ref = useRef<HTMLElement>(null);
  const inView = useInView(ref);
  return (
    <figure ref={ref} className="sim-chart" data-testid={testId}>
      <figcaption>
        <span className="sim-chart-title">{title}</span>
        {scope && <span className="sim-chart-scope">{scope}</span>}
        {extra}
      </figcaption>
      <div className="sim-chart-body">
        {empty ? <p className="sim-chart-empty">Drawn as the run goes</p> : <Frozen active={inView}>{children}</Frozen>}
      </div>
    </figure>
  );
}

/** Keeps what it last drew while `active` is false: a chart scrolled out of view costs nothing. */
const Frozen = memo(
  function Frozen({ children }: { active: boolean; children: ReactNode }) {
    return children;
  },
  (_prev, next) => !next.active,
);

function useInView(ref: React.RefObject<HTMLElement | null>): boolean {
  const [inView, setInView] = useState(true);
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver(([entry]) => setInView(entry.isIntersecting), { threshold: 0 });
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
  return inView;
}

function Scrub({ t }: { t: number | null }) {
  return t === null ? null : <ReferenceLine x={t} stroke="#0f172a" strokeDasharray="3 3" ifOverflow="extendDomain" />;
}

const seconds = (t: number) => `${Math.round(t)}s`;
// Ticks given and all shown (interval 0): recharts then never measures label text, which
// would force a layout on every redraw.
const timeAxis = (ticks: number[]) => <XAxis dataKey="t" type="number" domain={['dataMin', 'dataMax']} ticks={ticks} tick={AXIS} tickFormatter={seconds} interval={0} />;

const LatencyChart = memo(function LatencyChart({ rows, ticks, focus, scope, scrubT }: { rows: Rows; ticks: number[]; focus: Focus | null; scope: string; scrubT: number | null }) {
  return (
    <Card testId="chart-latency" empty={rows.length === 0} title={focus ? 'Latency at the node, ms' : 'Latency end to end, ms'} scope={scope}>
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={rows} margin={MARGIN}>
          <CartesianGrid stroke="#e2e8f0" vertical={false} />
          {timeAxis(ticks)}
          <YAxis tick={AXIS} width={36} tickFormatter={formatTick} tickCount={5} interval={0} />
          <Tooltip formatter={(v) => formatMs(Number(v))} labelFormatter={(t) => `${Number(t).toFixed(0)} s`} isAnimationActive={false} />
          <Line dataKey="p50" name="p50" stroke="#94a3b8" dot={false} strokeWidth={1.5} isAnimationActive={false} />
          {!focus && <Line dataKey="p95" name="p95" stroke="#2563eb" dot={false} strokeWidth={1.5} isAnimationActive={false} />}
          <Line dataKey="p99" name="p99" stroke="#dc2626" dot={false} strokeWidth={1.5} isAnimationActive={false} />
          <Scrub t={scrubT} />
        </LineChart>
      </ResponsiveContainer>
    </Card>
  );
});

const ThroughputChart = memo(function ThroughputChart({ rows, ticks, scope, scrubT }: { rows: Rows; ticks: number[]; scope: string; scrubT: number | null }) {
  return (
    <Card testId="chart-throughput" empty={rows.length === 0} title="Requests / s" scope={scope}>
      <ResponsiveContainer width="100%" height="100%">
        <AreaChart data={rows} margin={MARGIN}>
          <CartesianGrid stroke="#e2e8f0" vertical={false} />
          {timeAxis(ticks)}
          <YAxis tick={AXIS} width={36} tickFormatter={formatTick} tickCount={5} interval={0} />
          <Tooltip formatter={(v) => Number(v).toFixed(1)} labelFormatter={(t) => `${Number(t).toFixed(0)} s`} isAnimationActive={false} />
          <Area dataKey="ok" name="ok" stackId="o" stroke={OUTCOME_COLOURS.ok} fill={OUTCOME_COLOURS.ok} fillOpacity={0.25} isAnimationActive={false} />
          <Area dataKey="throttled" name="throttled" stackId="o" strokeWidth={0} fill={OUTCOME_COLOURS.throttled} fillOpacity={0.6} isAnimationActive={false} />
          <Area dataKey="errors" name="errors" stackId="o" strokeWidth={0} fill={OUTCOME_COLOURS.error} fillOpacity={0.6} isAnimationActive={false} />
          <Area dataKey="timeouts" name="timeouts" stackId="o" strokeWidth={0} fill={OUTCOME_COLOURS.timeout} fillOpacity={0.6} isAnimationActive={false} />
          <Scrub t={scrubT} />
        </AreaChart>
      </ResponsiveContainer>
    </Card>
  );
});

const ConcurrencyChart = memo(function ConcurrencyChart({
  rows,
  ticks,
  scope,
  scrubT,
  hasConcurrency,
  hasQueue,
}: {
  rows: Rows;
  ticks: number[];
  scope: string;
  scrubT: number | null;
  hasConcurrency: boolean;
  hasQueue: boolean;
}) {
  const title = hasConcurrency ? (hasQueue ? 'Concurrency & queue depth' : 'Lambda concurrency') : hasQueue ? 'SQS queue depth' : 'Concurrency';
  return (
    <Card testId="chart-concurrency" empty={rows.length === 0} title={title} scope={scope}>
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={rows} margin={MARGIN}>
          <CartesianGrid stroke="#e2e8f0" vertical={false} />
          {timeAxis(ticks)}
          <YAxis yAxisId="c" tick={AXIS} width={36} allowDecimals={false} tickFormatter={formatTick} tickCount={5} interval={0} />
          <Tooltip labelFormatter={(t) => `${Number(t).toFixed(0)} s`} isAnimationActive={false} />
          <Bar yAxisId="c" dataKey="coldStarts" name="cold starts" fill="#38bdf8" isAnimationActive={false} />
          {hasConcurrency && <Line yAxisId="c" dataKey="busy" name="busy" stroke="#2563eb" dot={false} strokeWidth={1.5} isAnimationActive={false} />}
          {hasConcurrency && <Line yAxisId="c" dataKey="limit" name="limit" stroke="#dc2626" strokeDasharray="4 3" dot={false} strokeWidth={1} isAnimationActive={false} />}
          {hasQueue && <Line yAxisId="c" dataKey="queueDepth" name="queue depth" stroke="#9333ea" dot={false} strokeWidth={1.5} isAnimationActive={false} />}
          <Scrub t={scrubT} />
        </ComposedChart>
      </ResponsiveContainer>
    </Card>
  );
});

const CostChart = memo(function CostChart({
  rows,
  ticks,
  services,
  scrubT,
  costUsd,
  monthlyCostUsd,
}: {
  rows: Rows;
  ticks: number[];
  services: string[];
  scrubT: number | null;
  costUsd: number;
  monthlyCostUsd: number;
}) {
  return (
    <Card
      testId="chart-cost"
      empty={rows.length === 0}
      title="Cost so far, $"
      extra={
        <span className="sim-chart-scope" title="The simulated traffic, kept up for 30 days">
          {formatUsd(costUsd)} · 30 days ≈ <b>{formatUsd(monthlyCostUsd)}</b>
        </span>
      }
    >
      <ResponsiveContainer width="100%" height="100%">
        <AreaChart data={rows} margin={MARGIN}>
          <CartesianGrid stroke="#e2e8f0" vertical={false} />
          {timeAxis(ticks)}
          <YAxis tick={AXIS} width={36} tickFormatter={formatTick} tickCount={5} interval={0} />
          <Tooltip formatter={(v) => formatUsd(Number(v))} labelFormatter={(t) => `${Number(t).toFixed(0)} s`} isAnimationActive={false} />
          {services.map((service, i) => (
            <Area
              key={service}
              dataKey={`cost:${service}`}
              name={service}
              stackId="cost"
              stroke={SERVICE_COLOURS[i % SERVICE_COLOURS.length]}
              fill={SERVICE_COLOURS[i % SERVICE_COLOURS.length]}
              fillOpacity={0.3}
              isAnimationActive={false}
            />
          ))}
          <Scrub t={scrubT} />
        </AreaChart>
      </ResponsiveContainer>
    </Card>
  );
});
