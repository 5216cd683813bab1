/**
 * Lambda recursive loop detection (AWS: https://docs.aws.amazon.com/lambda/latest/dg/invocation-recursion.html).
 * AWS tags each event with the chain of requests it belongs to and, when the same function
 * has been invoked more than 16 times in one chain (through SQS, SNS, S3 or Lambda itself),
 * stops the next invocation: the event is not run, and goes to the DLQ or on-failure
 * destination when there is one. EventBridge, DynamoDB Streams and API Gateway do not carry
 * the chain, so loops through them are not stopped (the run's guard catches those).
 *
 * A trace counts the passes through each function of one chain: [fn, passes, fn, passes, …]
 * by service index. Traces are immutable and shared: a message or a call holds a reference,
 * and a function makes a new one only when the chain passes through it.
 */
export type LoopTrace = readonly number[] | null;

/** AWS stops the 17th invocation of the same function in one chain. */
export const AWS_RECURSION_LIMIT = 16;

/** How many times the chain has passed through function `fn`. */
export function passesOf(trace: LoopTrace, fn: number): number {
  if (trace === null) return 0;
  for (let i = 0; i < trace.length; i += 2) if (trace[i] === fn) return trace[i + 1];
  return 0;
}

/** The chain with one more pass through `fn`. */
export function withPass(trace: LoopTrace, fn: number): readonly number[] {
  if (trace === null) return [fn, 1];
  const out = trace.slice();
  for (let i = 0; i < out.length; i += 2) {
    if (out[i] === fn) {
      out[i + 1]++;
      return out;
    }
  }
  out.push(fn, 1);
  return out;
}
