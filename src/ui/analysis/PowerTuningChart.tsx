/**
 * Average duration and cost per successful call against memory, on two axes, with the
 * cheapest, fastest and balanced sizes marked — the picture AWS Lambda Power Tuning draws.
 * Imported lazily (recharts).
 */
import { CartesianGrid, ComposedChart, Legend, Line, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { TuningChoice, TuningPoint } from '../../analysis/powerTuning';
import { formatMs } from '../sim/format';
import { formatMicroUsd } from './powerTuningFormat';

const DURATION = '#2563eb';
const COST = '#d97706';

export interface PowerTuningChartProps {
  points: TuningPoint[];
  choice: TuningChoice;
}

export default function PowerTuningChart({ points, choice }: PowerTuningChartProps) {
  const data = points.map((p) => ({ memory: p.memoryMb, duration: p.avgDurationMs, cost: p.costPerSuccessUsd * 1e6 }));
  const marks: { mb: number; label: string }[] = [];
  const add = (mb: number, label: string) => {
    const same = marks.find((m) => m.mb === mb);
    if (same) same.label += ` · ${label}`;
    else marks.push({ mb, label });
  };
  add(choice.fastest.memoryMb, 'fastest');
  add(choice.cheapest.memoryMb, 'cheapest');
  add(choice.balanced.memoryMb, 'balanced');
  return (
    <figure className="tuning-chart" data-testid="chart-power-tuning">
      <figcaption className="visually-hidden">Average duration and cost per successful call by memory size</figcaption>
      <ResponsiveContainer width="100%" height={260}>
        <ComposedChart data={data} margin={{ top: 22, right: 8, bottom: 4, left: 4 }}>
          <CartesianGrid stroke="#eef0f3" vertical={false} />
          <XAxis
            dataKey="memory"
            type="category"
            padding={{ left: 18, right: 18 }}
            tickFormatter={(m: number) => `${m}`}
            fontSize={11}
            stroke="#9ca3af"
            label={{ value: 'memory (MB)', position: 'insideBottomRight', offset: -2, fontSize: 11, fill: '#6b7280' }}
            height={34}
          />
          <YAxis yAxisId="duration" orientation="left" fontSize={11} stroke={DURATION} width={56} tickFormatter={(v: number) => formatMs(v)} />
          <YAxis yAxisId="cost" orientation="right" fontSize={11} stroke={COST} width={60} tickFormatter={(v: number) => `$${+v.toPrecision(3)}`} />
          <Tooltip
            formatter={(value, name) => (name === 'Average duration' ? formatMs(Number(value)) : `${formatMicroUsd(Number(value) / 1e6)} per 1M`)}
            labelFormatter={(m) => `${m} MB`}
          />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {marks.map((m) => (
            <ReferenceLine
              key={m.mb}
              x={m.mb}
              yAxisId="duration"
              stroke="#9ca3af"
              strokeDasharray="3 3"
              label={{ value: m.label, position: 'top', fontSize: 11, fill: '#374151' }}
            />
          ))}
          <Line yAxisId="duration" dataKey="duration" name="Average duration" stroke={DURATION} strokeWidth={2} dot={{ r: 3 }} isAnimationActive={false} />
          <Line
            yAxisId="cost"
            dataKey="cost"
            name="Cost per 1M successful calls (USD)"
            stroke={COST}
            strokeWidth={2}
            dot={{ r: 3 }}
            isAnimationActive={false}
          />
        </ComposedChart>
      </ResponsiveContainer>
    </figure>
  );
}
