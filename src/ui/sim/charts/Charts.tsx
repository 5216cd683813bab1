/**
 * The dashboard's four charts. Loaded lazily (recharts stays out of the first bundle) and
 * redrawn at most a few times a second, whatever the frame rate.
 */
import { memo, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { Area, AreaChart, Bar, CartesianGrid, ComposedChart, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { NodeLive, WindowSample } from '../../../sim/api';
import { scrubWindows, type SimulationState } from '../../../state/simulationStore';
import { axis, formatCount, formatMs, formatRps, formatSeconds, formatUsd, type Axis } from '../format';
import { useNodeNames, type NodeNames } from '../names';
import { OUTCOME_COLOURS } from '../outcomeColours';
import { useThrottledSimulation } from '../useThrottledSimulation';
import { buildSeries, concurrencyScale, lastLimit, peak, type Focus, type SeriesInfo } from './series';
import { useFocus } from './useFocus';

/** Charts redraw at most this often. */
const REDRAW_MS = 1000;

const SERVICE_COLOURS = ['#2563eb', '#f59e0b', '#16a34a', '#9333ea', '#0891b2', '#db2777', '#65a30d', '#ea580c', '#64748b', '#7c3aed'];
const AXIS = { fontSize: 10, fill: '#64748b' };
/**
 * The charts' redraws, one after another rather than in one task: each chart's commit (and
 * recharts' store updates after it) takes its own frame, so a redraw never costs one frame
 * the four charts' work.
 */
const STAGGER_MS = 50;
const MARGIN = { top: 6, right: 16, bottom: 0, left: 0 };
const GRID = '#e2e8f0';
const LATENCY_COLOURS = { p50: '#94a3b8', p95: '#2563eb', p99: '#dc2626' };
const CONCURRENCY_COLOURS = { busy: '#2563eb', coldStarts: '#38bdf8', queueDepth: '#9333ea', limit: '#dc2626' };

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
  const names = useNodeNames();
  const series = useMemo(() => buildSeries(snapshot.windows, focus, snapshot.nodes), [snapshot, focus]);
  const scope = focus ? names.name(focus.nodeId) : 'whole system';
  const scopeTitle = focus ? names.described(focus.nodeId) : 'Every client, end to end';
  const common = useMemo(() => ({ series, scope, scopeTitle, scrubT: snapshot.scrubT }), [series, scope, scopeTitle, snapshot.scrubT]);
  const second = useLagged(common, STAGGER_MS);
  const third = useLagged(common, 2 * STAGGER_MS);
  const cost = useLagged(
    useMemo(() => ({ series, names, scrubT: snapshot.scrubT, costUsd: snapshot.costUsd, monthlyCostUsd: snapshot.monthlyCostUsd }), [series, names, snapshot]),
    3 * STAGGER_MS,
  );
  return (
    <div className="sim-charts">
      <LatencyChart {...common} focus={focus} />
      <ThroughputChart {...second} />
      <ConcurrencyChart {...third} />
      <CostChart {...cost} />
    </div>
  );
}

/**
 * `value`, passed on `delayMs` after it changes: a later chart's turn. Not as a transition:
 * one chart's redraw is short enough for a task of its own, and a transition could be put
 * off again and again by the frames arriving meanwhile, leaving the charts seconds apart.
 */
function useLagged<T>(value: T, delayMs: number): T {
  const [shown, setShown] = useState(value);
  useEffect(() => {
    if (shown === value) return;
    const id = setTimeout(() => setShown(value), delayMs);
    return () => clearTimeout(id);
  }, [value, shown, delayMs]);
  return shown;
}

/**
 * An axis label as plain SVG text. recharts' own tick text is given the axis' width, so it
 * measures every new label with the DOM (a forced layout in the middle of a redraw); these
 * labels never wrap, and the ticks are already chosen so that they fit.
 */
interface TickProps {
  x?: number | string;
  y?: number | string;
  textAnchor?: 'start' | 'middle' | 'end' | 'inherit';
  verticalAnchor?: 'start' | 'middle' | 'end';
  payload?: { value: unknown };
  index?: number;
  tickFormatter?: (value: unknown, index: number) => string;
}

function AxisTick({ x, y, textAnchor, verticalAnchor, payload, index = 0, tickFormatter }: TickProps) {
  const value = payload?.value;
  const text = tickFormatter ? tickFormatter(value, index) : String(value ?? '');
  // recharts' Text places the first line's cap height at the anchor: the same offsets.
  const dy = verticalAnchor === 'start' ? '0.71em' : verticalAnchor === 'middle' ? '0.355em' : undefined;
  return (
    <text x={x} y={y} textAnchor={textAnchor} fontSize={AXIS.fontSize} fill={AXIS.fill} className="recharts-text recharts-cartesian-axis-tick-value">
      <tspan x={x} dy={dy}>
        {text}
      </tspan>
    </text>
  );
}

interface ChartProps {
  series: SeriesInfo;
  scope: string;
  scopeTitle: string;
  scrubT: number | null;
}

export interface LegendItem {
  label: string;
  colour: string;
  /** A line (default), a filled area or bar, or a dashed reference line. */
  mark?: 'line' | 'area' | 'dashed';
  title?: string;
}

/** The chart's key, in HTML under the title (recharts' own legend measures text on every redraw). */
function Legend({ items }: { items: LegendItem[] }) {
  return (
    <ul className="sim-legend" data-testid="chart-legend">
      {items.map((item) => (
        <li key={item.label} title={item.title}>
          <i className={`sim-legend-mark sim-legend-${item.mark ?? 'line'}`} style={{ color: item.colour }} aria-hidden="true" />
          {item.label}
        </li>
      ))}
    </ul>
  );
}

function Card({
  testId,
  title,
  scope,
  scopeTitle,
  extra,
  legend,
  empty,
  children,
}: {
  testId: string;
  title: string;
  scope?: string;
  scopeTitle?: string;
  extra?: ReactNode;
  legend: LegendItem[];
  empty?: boolean;
  children: ReactNode;
}) {
  const ref = useRef<HTMLElement>(null);
  const inView = useInView(ref);
  return (
    <figure ref={ref} className="sim-chart" data-testid={testId}>
      <figcaption>
        <span className="sim-chart-title">{title}</span>
        {scope && (
          <span className="sim-chart-scope" data-testid="chart-scope" title={scopeTitle}>
            {scope}
          </span>
        )}
        {extra}
      </figcaption>
      <Legend items={legend} />
      <div className="sim-chart-body">{empty ? <p className="sim-chart-empty">Drawn as the run goes</p> : <Frozen active={inView}>{children}</Frozen>}</div>
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

function Scrub({ t, yAxisId }: { t: number | null; yAxisId?: string }) {
  return t === null ? null : <ReferenceLine x={t} yAxisId={yAxisId} stroke="#0f172a" strokeDasharray="3 3" ifOverflow="extendDomain" />;
}

const atTime = (t: unknown) => `at ${formatSeconds(Number(t))}`;

// Ticks given and all shown (interval 0) on both axes, drawn as plain text (AxisTick):
// recharts then never measures label text, which would force a layout on every redraw.
const timeAxis = (series: SeriesInfo) => (
  <XAxis dataKey="t" type="number" domain={['dataMin', 'dataMax']} ticks={series.ticks} tick={AxisTick} tickFormatter={series.formatTime} interval={0} />
);
const valueAxis = (a: Axis, yAxisId?: string) => (
  <YAxis yAxisId={yAxisId} tick={AxisTick} width={a.width} domain={[0, a.max]} ticks={a.ticks} tickFormatter={a.format} interval={0} allowDataOverflow />
);

const LATENCY_SYSTEM = ['p50', 'p95', 'p99'] as const;
const LATENCY_NODE = ['p50', 'p99'] as const;

const LatencyChart = memo(function LatencyChart({ series, focus, scope, scopeTitle, scrubT }: ChartProps & { focus: Focus | null }) {
  const rows = series.rows;
  const keys = focus ? LATENCY_NODE : LATENCY_SYSTEM;
  const y = useMemo(() => axis(peak(rows, keys), 'ms'), [rows, keys]);
  const legend: LegendItem[] = keys.map((k) => ({
    label: k,
    colour: LATENCY_COLOURS[k],
    title: `${k}: ${k.slice(1)}% of the requests completed in each window took at most this long`,
  }));
  return (
    <Card
      testId="chart-latency"
      empty={rows.length === 0}
      title={focus ? 'Latency at the node' : 'Latency of successful requests'}
      scope={scope}
      scopeTitle={scopeTitle}
      legend={legend}
    >
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={rows} margin={MARGIN}>
          <CartesianGrid stroke={GRID} vertical={false} />
          {timeAxis(series)}
          {valueAxis(y)}
          <Tooltip formatter={(v) => formatMs(Number(v))} labelFormatter={atTime} isAnimationActive={false} />
          <Line dataKey="p50" name="p50" stroke={LATENCY_COLOURS.p50} dot={false} strokeWidth={1.5} isAnimationActive={false} />
          {!focus && <Line dataKey="p95" name="p95" stroke={LATENCY_COLOURS.p95} dot={false} strokeWidth={1.5} isAnimationActive={false} />}
          <Line dataKey="p99" name="p99" stroke={LATENCY_COLOURS.p99} dot={false} strokeWidth={1.5} isAnimationActive={false} />
          <Scrub t={scrubT} />
        </LineChart>
      </ResponsiveContainer>
    </Card>
  );
});

const OUTCOMES = [
  { key: 'ok', label: 'ok', colour: OUTCOME_COLOURS.ok },
  { key: 'throttled', label: 'throttled', colour: OUTCOME_COLOURS.throttled },
  { key: 'errors', label: 'errors', colour: OUTCOME_COLOURS.error },
  { key: 'timeouts', label: 'timeouts', colour: OUTCOME_COLOURS.timeout },
] as const;
const OUTCOME_LEGEND: LegendItem[] = OUTCOMES.map((o) => ({ label: o.label, colour: o.colour, mark: 'area' }));
const OUTCOME_KEYS = OUTCOMES.map((o) => o.key);

const ThroughputChart = memo(function ThroughputChart({ series, scope, scopeTitle, scrubT }: ChartProps) {
  const rows = series.rows;
  const y = useMemo(() => axis(peak(rows, OUTCOME_KEYS, true), 'rate'), [rows]);
  // ok always; the failures once there are some (the legend stays one line until then)
  const legend = useMemo(() => OUTCOME_LEGEND.filter((_, i) => i === 0 || peak(rows, [OUTCOME_KEYS[i]]) > 0), [rows]);
  return (
    <Card testId="chart-throughput" empty={rows.length === 0} title="Requests per second" scope={scope} scopeTitle={scopeTitle} legend={legend}>
      <ResponsiveContainer width="100%" height="100%">
        <AreaChart data={rows} margin={MARGIN}>
          <CartesianGrid stroke={GRID} vertical={false} />
          {timeAxis(series)}
          {valueAxis(y)}
          <Tooltip formatter={(v) => formatRps(Number(v))} labelFormatter={atTime} isAnimationActive={false} />
          {OUTCOMES.map((o, i) => (
            <Area
              key={o.key}
              dataKey={o.key}
              name={o.label}
              stackId="o"
              stroke={o.colour}
              strokeWidth={i === 0 ? 1 : 0}
              fill={o.colour}
              fillOpacity={i === 0 ? 0.25 : 0.6}
              isAnimationActive={false}
            />
          ))}
          <Scrub t={scrubT} />
        </AreaChart>
      </ResponsiveContainer>
    </Card>
  );
});

const ConcurrencyChart = memo(function ConcurrencyChart({ series, scope, scopeTitle, scrubT }: ChartProps) {
  const { rows, hasConcurrency, hasQueue } = series;
  const title = hasConcurrency ? (hasQueue ? 'Concurrency & queue depth' : 'Lambda concurrency') : hasQueue ? 'SQS queue depth' : 'Concurrency';
  const limit = hasConcurrency ? lastLimit(rows) : undefined;
  const { y, limitShown } = useMemo(() => {
    const scale = concurrencyScale(peak(rows, ['busy', 'coldStarts', 'queueDepth']), limit);
    return { y: axis(scale.top, 'count'), limitShown: scale.limitShown };
  }, [rows, limit]);
  const legend: LegendItem[] = [];
  if (hasConcurrency) legend.push({ label: 'busy', colour: CONCURRENCY_COLOURS.busy, title: 'Execution environments handling a request' });
  legend.push({ label: 'cold starts', colour: CONCURRENCY_COLOURS.coldStarts, mark: 'area', title: 'New environments started, per window' });
  if (hasQueue) legend.push({ label: 'queue depth', colour: CONCURRENCY_COLOURS.queueDepth, title: 'Messages waiting in the queue' });
  if (limit !== undefined) {
    legend.push({
      label: limitShown ? `limit ${formatCount(limit)}` : `limit ${formatCount(limit)} (above the scale)`,
      colour: CONCURRENCY_COLOURS.limit,
      mark: 'dashed',
      title: 'The most environments this function may run at once (reserved concurrency, or the account pool)',
    });
  }
  return (
    <Card testId="chart-concurrency" empty={rows.length === 0} title={title} scope={scope} scopeTitle={scopeTitle} legend={legend}>
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={rows} margin={MARGIN}>
          <CartesianGrid stroke={GRID} vertical={false} />
          {timeAxis(series)}
          {valueAxis(y, 'c')}
          <Tooltip formatter={(v) => formatCount(Number(v))} labelFormatter={atTime} isAnimationActive={false} />
          <Bar yAxisId="c" dataKey="coldStarts" name="cold starts" fill={CONCURRENCY_COLOURS.coldStarts} isAnimationActive={false} />
          {hasConcurrency && (
            <Line yAxisId="c" dataKey="busy" name="busy" stroke={CONCURRENCY_COLOURS.busy} dot={false} strokeWidth={1.5} isAnimationActive={false} />
          )}
          {hasQueue && (
            <Line
              yAxisId="c"
              dataKey="queueDepth"
              name="queue depth"
              stroke={CONCURRENCY_COLOURS.queueDepth}
              dot={false}
              strokeWidth={1.5}
              isAnimationActive={false}
            />
          )}
          {limitShown && limit !== undefined && (
            <ReferenceLine
              yAxisId="c"
              y={limit}
              stroke={CONCURRENCY_COLOURS.limit}
              strokeDasharray="4 3"
              label={{ value: `limit ${formatCount(limit)}`, position: 'insideTopRight', fontSize: 10, fill: CONCURRENCY_COLOURS.limit }}
            />
          )}
          <Scrub t={scrubT} yAxisId="c" />
        </ComposedChart>
      </ResponsiveContainer>
    </Card>
  );
});

const CostChart = memo(function CostChart({
  series,
  names,
  scrubT,
  costUsd,
  monthlyCostUsd,
}: {
  series: SeriesInfo;
  names: NodeNames;
  scrubT: number | null;
  costUsd: number;
  monthlyCostUsd: number;
}) {
  const { rows, services } = series;
  const keys = useMemo(() => services.map((s) => `cost:${s}`), [services]);
  const y = useMemo(() => axis(peak(rows, keys, true), 'usd'), [rows, keys]);
  const colour = (i: number) => SERVICE_COLOURS[i % SERVICE_COLOURS.length];
  const legend: LegendItem[] = services.map((service, i) => ({ label: names.service(service), colour: colour(i), mark: 'area' }));
  return (
    <Card
      testId="chart-cost"
      empty={rows.length === 0}
      title="Cost so far"
      legend={legend}
      extra={
        <span className="sim-chart-scope" title="The simulated traffic, kept up for 30 days">
          {formatUsd(costUsd)} · 30 days ≈ <b>{formatUsd(monthlyCostUsd)}</b>
        </span>
      }
    >
      <ResponsiveContainer width="100%" height="100%">
        <AreaChart data={rows} margin={MARGIN}>
          <CartesianGrid stroke={GRID} vertical={false} />
          {timeAxis(series)}
          {valueAxis(y)}
          <Tooltip formatter={(v) => formatUsd(Number(v))} labelFormatter={atTime} isAnimationActive={false} />
          {services.map((service, i) => (
            <Area
              key={service}
              dataKey={`cost:${service}`}
              name={names.service(service)}
              stackId="cost"
              stroke={colour(i)}
              fill={colour(i)}
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
