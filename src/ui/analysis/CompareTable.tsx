/**
 * The numbers that decide between base and variant, the success share first, each change
 * coloured by its verdict (src/analysis/compare.ts: direction per metric; "same" within
 * the runs' own noise).
 */
import type { DiffRow } from '../../analysis/compare';
import { formatCount, formatMs, formatUsd } from '../sim/format';

function shareText(ratio: number): string {
  const pct = ratio * 100;
  return `${pct.toFixed(pct >= 99.95 || pct <= 0.05 ? 0 : pct >= 99 ? 2 : 1)}%`;
}

function format(row: DiffRow, value: number): string {
  if (row.unit === 'share') return shareText(value);
  if (row.unit === 'ms') return formatMs(value);
  if (row.unit === 'USD') return formatUsd(value);
  return formatCount(value);
}

function formatDelta(row: DiffRow): string {
  const sign = row.delta > 0 ? '+' : '−';
  if (row.unit === 'share') {
    const points = Math.abs(row.delta) * 100;
    return `${sign}${points.toFixed(points < 1 ? 2 : 1)} points`;
  }
  const size = format(row, Math.abs(row.delta));
  const ratio = row.ratio === null || !Number.isFinite(row.ratio) ? '' : ` (${sign}${Math.abs(row.ratio * 100).toFixed(Math.abs(row.ratio) < 0.1 ? 1 : 0)}%)`;
  return `${sign}${size}${ratio}`;
}

function noiseText(row: DiffRow): string {
  if (row.noise === null) return 'Too short a run to estimate its noise: only an exact tie reads as "same".';
  const band = row.unit === 'share' ? `${(row.noise * 100).toFixed(2)} points` : format(row, row.noise);
  return `Run-to-run noise (95%, batch means of both runs): ±${band}`;
}

function sameText(row: DiffRow): string {
  if (row.delta === 0) return 'same';
  return `same (${formatDelta(row)}, within noise)`;
}

export function CompareTable({ rows }: { rows: DiffRow[] }) {
  return (
    <>
      <table className="compare-table" data-testid="compare-table">
        <thead>
          <tr>
            <th scope="col">Metric</th>
            <th scope="col">Base</th>
            <th scope="col">Variant</th>
            <th scope="col">Change</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const v = row.verdict;
            return (
              <tr key={row.key} data-testid="compare-row" data-metric={row.key} data-verdict={v}>
                <th scope="row">{row.label}</th>
                <td data-column="base">{format(row, row.base)}</td>
                <td data-column="variant">{format(row, row.variant)}</td>
                <td data-column="delta" className={`compare-delta compare-delta--${v}`} title={noiseText(row)}>
                  {v === 'same' ? (
                    sameText(row)
                  ) : (
                    <>
                      <span className="compare-verdict">{v}</span> {formatDelta(row)}
                    </>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="analysis-hint compare-table__note">
        Success share = requests that succeeded ÷ requests completed. Latency is of successful requests. “same” means within the run-to-run noise both runs show
        (95% batch-means intervals); hover a change for its band.
      </p>
    </>
  );
}
