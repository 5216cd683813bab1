/** The numbers that decide between base and variant, with the change coloured better/worse. */
import type { DiffRow } from '../../analysis/compare';
import { formatCount, formatMs, formatUsd } from '../sim/format';

function format(row: DiffRow, value: number): string {
  if (row.unit === 'ms') return formatMs(value);
  if (row.unit === 'USD') return formatUsd(value);
  return formatCount(value);
}

function formatDelta(row: DiffRow): string {
  if (row.delta === 0) return 'same';
  const sign = row.delta > 0 ? '+' : '−';
  const size = format(row, Math.abs(row.delta));
  const ratio = row.ratio === null || !Number.isFinite(row.ratio) ? '' : ` (${sign}${Math.abs(row.ratio * 100).toFixed(Math.abs(row.ratio) < 0.1 ? 1 : 0)}%)`;
  return `${sign}${size}${ratio}`;
}

function verdict(row: DiffRow): 'better' | 'worse' | 'same' {
  // below the display precision the two are the same for the reader
  if (Math.abs(row.delta) < (row.unit === 'USD' ? 0.005 : row.unit === 'ms' ? 0.05 : 0.5)) return 'same';
  return (row.delta < 0) === row.lowerIsBetter ? 'better' : 'worse';
}

export function CompareTable({ rows }: { rows: DiffRow[] }) {
  return (
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
          const v = verdict(row);
          return (
            <tr key={row.key} data-metric={row.key} data-verdict={v}>
              <th scope="row">{row.label}</th>
              <td data-column="base">{format(row, row.base)}</td>
              <td data-column="variant">{format(row, row.variant)}</td>
              <td data-column="delta" className={`compare-delta compare-delta--${v}`}>
                {v !== 'same' && <span className="visually-hidden">{v}: </span>}
                {formatDelta(row)}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
