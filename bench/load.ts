import autocannon from 'autocannon';

/** One autocannon run at a fixed concurrency, with latencies kept to the microsecond. */

export interface LoadRequest {
  method: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface LoadOptions {
  /** The target's origin, `http://127.0.0.1:<port>`. */
  url: string;
  /** Each connection sends these in order, one at a time, and starts over. */
  requests: readonly LoadRequest[];
  connections: number;
  /**
   * `seconds`: stop after that long (operations in flight are cut off).
   * `operations`: stop after that many answers, each connection sending its equal share, so every
   * operation sent completes (exact upstream counts); `limitSeconds` stops it all the same.
   */
  stop: { seconds: number } | { operations: number; limitSeconds: number };
  /** False for an answer that is 200 but wrong (GraphQL `errors`). */
  verifyBody: (body: string) => boolean;
  /**
   * Headers each connection adds to every request it sends, connection i taking entry i (modulo
   * their number): each connection a caller of its own (gateway-settings.ts). Absent: every
   * connection sends the requests as they are.
   */
  callers?: readonly Record<string, string>[] | undefined;
}

export interface LoadResult {
  connections: number;
  durationSeconds: number;
  /** Requests autocannon wrote. */
  sent: number;
  /** 2xx answers that passed verifyBody. */
  completed: number;
  /** Non-2xx answers, bodies failing verifyBody, connection errors and timeouts. */
  failed: number;
  requestsPerSecond: number;
  latencyMs: { p50: number; p90: number; p99: number; mean: number; max: number };
}

/** Nearest-rank percentile of ascending values. */
export function percentile(sorted: Float64Array, fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.max(1, Math.ceil(fraction * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1]!;
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  // autocannon's own histogram counts whole milliseconds, too coarse for loopback calls.
  let latencies = new Float64Array(1 << 14);
  let count = 0;
  const stop = 'seconds' in options.stop ? { duration: options.stop.seconds } : { amount: options.stop.operations };
  const limitMs = ('seconds' in options.stop ? options.stop.seconds : options.stop.limitSeconds) * 1000 + 10_000;
  let limitTimer: NodeJS.Timeout | undefined;
  const started = performance.now();
  // autocannon notices that its operations are done only at its next one-second tick: the wall time
  // of a run ends at the last answer, or a 4.1 s run would count 5 s (up to a fifth of its rate lost).
  let lastAnswerAt = started;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.url,
        connections: options.connections,
        ...stop,
        pipelining: 1,
        timeout: 10,
        requests: options.requests.map((request) => ({ ...request })),
        ...(options.callers === undefined ? {} : { setupClient: eachConnectionItsCaller(options.requests, options.callers) }),
        verifyBody: (body) => options.verifyBody(String(body)),
      },
      (error: unknown, done) => (error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(done)),
    );
    limitTimer = setTimeout(() => instance.stop(), limitMs);
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      lastAnswerAt = performance.now();
      if (statusCode < 200 || statusCode >= 300) return;
      if (count === latencies.length) {
        const grown = new Float64Array(latencies.length * 2);
        grown.set(latencies);
        latencies = grown;
      }
      latencies[count++] = responseTime;
    });
  }).finally(() => clearTimeout(limitTimer));
  const elapsedSeconds = ((count > 0 ? lastAnswerAt : performance.now()) - started) / 1000;
  const sorted = latencies.subarray(0, count).sort();
  const sum = sorted.reduce((total, value) => total + value, 0);
  const completed = result['2xx'] - result.mismatches;
  return {
    connections: options.connections,
    durationSeconds: round(elapsedSeconds, 2),
    sent: result.requests.sent,
    completed,
    failed: result.non2xx + result.mismatches + result.errors,
    requestsPerSecond: round(completed / elapsedSeconds, 1),
    latencyMs: {
      p50: round(percentile(sorted, 0.5), 3),
      p90: round(percentile(sorted, 0.9), 3),
      p99: round(percentile(sorted, 0.99), 3),
      mean: round(count === 0 ? Number.NaN : sum / count, 3),
      max: round(count === 0 ? Number.NaN : sorted[count - 1]!, 3),
    },
  };
}

/** autocannon's hook for each connection as it is made: its requests, with the next caller's headers. */
function eachConnectionItsCaller(requests: readonly LoadRequest[], callers: readonly Record<string, string>[]) {
  let next = 0;
  return (client: autocannon.Client) => {
    const caller = callers[next++ % callers.length]!;
    client.setRequests(requests.map((request) => ({ ...request, headers: { ...request.headers, ...caller } })));
  };
}

export function round(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}
