/** Cost per invocation is a millionth of a dollar or so: shown per million invocations. */
export function formatMicroUsd(usd: number): string {
  return `$${(usd * 1e6).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}
