/** A copy of `old` in a new array of `n` elements (n ≥ old.length): how the event lists grow. */
export function grownF64(old: Float64Array, n: number): Float64Array {
  const x = new Float64Array(n);
  x.set(old);
  return x;
}

export function grownI32(old: Int32Array, n: number): Int32Array {
  const x = new Int32Array(n);
  x.set(old);
  return x;
}
