import type { ExecutionResult } from 'graphql';
import type { Ticker } from '../../src/feed/poller.js';

/** A ticker the test drives: each `tick()` runs one poll of every running feed, in order, and waits for them. */
export interface ManualTicker {
  ticker: Ticker;
  /** Feeds whose poller is running. */
  readonly running: number;
  tick(): Promise<void>;
  /** Resolves once `count` feeds run (a subscription registers its feed asynchronously). */
  waitForRunning(count: number): Promise<void>;
}

export function manualTicker(): ManualTicker {
  const ticks = new Set<() => Promise<void>>();
  return {
    ticker: (_intervalMs, tick) => {
      const entry = () => tick();
      ticks.add(entry);
      return () => ticks.delete(entry);
    },
    get running() {
      return ticks.size;
    },
    tick: async () => {
      for (const tick of [...ticks]) await tick();
    },
    waitForRunning: (count) => until(() => ticks.size === count, `${count} running feeds (running: ${ticks.size})`),
  };
}

/** Waits, turn by turn of the event loop (no clock), until `condition` holds; fails after many turns. */
export async function until(condition: () => boolean, what: string, turns = 20_000): Promise<void> {
  for (let turn = 0; turn < turns; turn += 1) {
    if (condition()) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error(`gave up waiting for ${what}`);
}

/** One GraphQL-over-SSE subscription as a client reads it: `next()` gives each `next` event's payload in order. */
export interface SseSubscription {
  status: number;
  next(): Promise<ExecutionResult<Record<string, unknown>>>;
  /** Events received and not yet taken with next(). */
  readonly buffered: number;
  close(): Promise<void>;
}

export async function openSse(
  fetchFn: (path: string, init?: RequestInit) => Promise<Response>,
  body: { query: string; variables?: Record<string, unknown> },
  headers: Record<string, string> = {},
): Promise<SseSubscription> {
  const abort = new AbortController();
  const response = await fetchFn('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...headers },
    body: JSON.stringify(body),
    signal: abort.signal,
  });
  const events: ExecutionResult<Record<string, unknown>>[] = [];
  const waiters: ((event: ExecutionResult<Record<string, unknown>> | null) => void)[] = [];
  let ended = false;
  const deliver = (event: ExecutionResult<Record<string, unknown>> | null) => {
    const waiter = waiters.shift();
    if (waiter) waiter(event);
    else if (event) events.push(event);
  };
  const reader = response.body?.getReader();
  void (async () => {
    const decoder = new TextDecoder();
    let text = '';
    try {
      for (;;) {
        const chunk = await reader!.read();
        if (chunk.done) break;
        text += decoder.decode(chunk.value, { stream: true });
        for (let end = text.indexOf('\n\n'); end >= 0; end = text.indexOf('\n\n')) {
          const block = text.slice(0, end);
          text = text.slice(end + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = block
            .split('\n')
            .filter((line) => line.startsWith('data:'))
            .map((line) => line.slice(5).trimStart())
            .join('\n');
          if (event === 'next' || (event === undefined && data)) deliver(JSON.parse(data));
          if (event === 'complete') break;
        }
      }
    } catch {
      // aborted
    }
    ended = true;
    while (waiters.length > 0) deliver(null);
  })();
  return {
    status: response.status,
    get buffered() {
      return events.length;
    },
    next: () => {
      const event = events.shift();
      if (event) return Promise.resolve(event);
      if (ended) return Promise.reject(new Error('the subscription ended'));
      return new Promise((resolve, reject) => waiters.push((value) => (value ? resolve(value) : reject(new Error('the subscription ended')))));
    },
    close: async () => {
      abort.abort();
      await reader?.cancel().catch(() => {});
    },
  };
}

/** The `target` of the next `count` events of a threatDetected subscription, each checked free of errors. */
export async function nextTargets(subscription: SseSubscription, count: number): Promise<string[]> {
  const targets: string[] = [];
  for (let index = 0; index < count; index += 1) {
    const event = await subscription.next();
    if (event.errors !== undefined) throw new Error(`the event carries errors: ${JSON.stringify(event.errors)}`);
    targets.push((event.data as { threatDetected: { target: string } }).threatDetected.target);
  }
  return targets;
}
