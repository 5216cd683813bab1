/** Cost per invocation is a millionth of a dollar or so: shown per million invocations. */
export function formatMicroUsd(usd: number): string {
  const perMillion = usd * 1e6;
  return `$${perMillion.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: perMillion < 10 ? 2 : 1 })}`;
}
