import { PerformanceObserver, performance } from 'node:perf_hooks';
import type { AdmissionState } from './observability/metrics.js';

/**
 * How many GraphQL requests the process works on at once: as many as keep its CPU busy, and no more.
 *
 * Why: past the point where the CPU is saturated, another request admitted adds no throughput; it
 * waits inside the process, and so does everything it has built. A request whose upstream answer
 * waits ~15 ms for the CPU has its context, its promises and its operation's result objects
 * promoted to the old generation by the collections in between; the page that then arrives is
 * written into those old objects, and the young collections copy and promote it though it dies
 * a millisecond later (bench/README.md, "Fifteenth pass"). Measured on the bench's 2,000-row flow
 * walk at 32 connections: the collector was a quarter of the CPU, and a bound of 4 to 8 requests
 * at once took 1.5x the requests per second with half the CPU per request. A request that waits at
 * the door instead has built nothing: its socket holds its body unread.
 *
 * How: it starts at `floor`, and every `intervalMs` reads how busy the main thread was (the event
 * loop's utilization) and how much of the interval the collector took. Saturated (95% or more busy)
 * with the collector at 15% or more: the bound falls to three quarters of the most requests in
 * flight during the interval, never below `floor`. Otherwise, if requests waited at the bound, it
 * grows: doubling when the loop was mostly idle (under 50% busy), by a quarter when it had room
 * (under 85%), by one when it was busy but the collector took under 6%. So small answers, which
 * cost the collector little however many are in flight, soon pass unheld; where the upstreams are
 * slow (the vendors answer in hundreds of milliseconds) the CPU idles while requests wait on them
 * and the bound grows until it caps nothing. It tightens only while the collector is what the CPU
 * is short of.
 *
 * Waiting requests are admitted first come, first served; one whose caller hangs up while it waits
 * leaves the line without having been started.
 */
export interface AdmissionGateOptions {
  /** Requests always admitted at once, however busy the process (GATEWAY_ADMISSION_FLOOR). */
  floor: number;
  /** How busy the main thread was since the previous call, and the collector's share of it; tests give their own. */
  load?: LoadMeter;
  intervalMs?: number;
}

/** The gate of GATEWAY_ADMISSION_FLOOR: none when it is 0. */
export function admissionGateFor(floor: number): AdmissionGate | undefined {
  return floor > 0 ? new AdmissionGate({ floor }) : undefined;
}

/** At or above this share of busy time the process is short of CPU. */
const SATURATED = 0.95;
/** Below it, a request that waited could have been worked on. */
const ROOM = 0.85;
/** Below it, the bound doubles. */
const IDLE = 0.5;
/** At or above this share of the interval spent collecting, saturation is the collector's doing. */
const COLLECTOR_HEAVY = 0.15;
/** Below it, more requests at once cost the collector little. */
const COLLECTOR_LIGHT = 0.06;
/** The bound never grows past this: enough for any number of slow upstream calls at once. */
const CEILING = 100_000;

interface Waiter {
  start: () => void;
  /** Its turn came: it holds a place until it ends. */
  started: boolean;
  /** The caller hung up while it waited: skipped when its turn comes. */
  gone: boolean;
}

export class AdmissionGate {
  private limit: number;
  private inFlight = 0;
  /** The most requests in flight since the last adjustment. */
  private peakInFlight = 0;
  private waitedSinceAdjustment = false;
  private readonly waiting: Waiter[] = [];
  /** Index of the first waiter still in `waiting`: shifting an array is linear. */
  private head = 0;
  private readonly floor: number;
  private readonly load: LoadMeter;
  private readonly timer: NodeJS.Timeout;

  constructor({ floor, load = mainThreadLoad(), intervalMs = 100 }: AdmissionGateOptions) {
    this.floor = Math.max(1, floor);
    this.limit = this.floor;
    this.load = load;
    this.timer = setInterval(() => this.adjust(), intervalMs).unref();
  }

  /** The bound now, the requests worked on and those waiting: for /metrics and tests. */
  get state(): AdmissionState {
    let waiting = 0;
    for (let index = this.head; index < this.waiting.length; index++) if (!this.waiting[index]!.gone) waiting++;
    return { limit: this.limit, inFlight: this.inFlight, waiting };
  }

  /**
   * Runs `start` now or when a place frees. `onEnd` is given the function to call once the request
   * is over (its response finished or its connection closed), whether it was started or not: it
   * hands back the request's place, or takes a waiting request out of the line.
   */
  enter(start: () => void, onEnd: (ended: () => void) => void): void {
    if (this.inFlight < this.limit && this.head === this.waiting.length) {
      this.begin();
      onEnd(() => this.leave());
      start();
      return;
    }
    const waiter: Waiter = { start, started: false, gone: false };
    this.waiting.push(waiter);
    this.waitedSinceAdjustment = true;
    onEnd(() => {
      if (waiter.started) this.leave();
      else waiter.gone = true;
    });
  }

  close(): void {
    clearInterval(this.timer);
    this.load.close();
  }

  /** One adjustment of the bound to how busy the last interval was (called by the gate's timer, and by tests). */
  adjust(): void {
    const { busy, collecting } = this.load.read();
    if (busy >= SATURATED && collecting >= COLLECTOR_HEAVY) {
      this.limit = Math.max(this.floor, Math.floor(Math.min(this.limit, this.peakInFlight) * 0.75));
    } else if (this.waitedSinceAdjustment) {
      if (busy < IDLE) this.limit = Math.min(CEILING, this.limit * 2);
      else if (busy < ROOM) this.limit = Math.min(CEILING, this.limit + Math.max(1, Math.floor(this.limit / 4)));
      else if (collecting < COLLECTOR_LIGHT) this.limit = Math.min(CEILING, this.limit + 1);
    }
    this.peakInFlight = this.inFlight;
    this.admitWaiting();
    this.waitedSinceAdjustment = this.head < this.waiting.length;
  }

  private begin(): void {
    this.inFlight++;
    if (this.inFlight > this.peakInFlight) this.peakInFlight = this.inFlight;
  }

  private leave(): void {
    this.inFlight--;
    this.admitWaiting();
  }

  private admitWaiting(): void {
    while (this.inFlight < this.limit && this.head < this.waiting.length) {
      const waiter = this.waiting[this.head]!;
      this.waiting[this.head++] = GONE;
      if (waiter.gone) continue;
      this.begin();
      waiter.started = true;
      waiter.start();
    }
    if (this.head === this.waiting.length) {
      this.waiting.length = 0;
      this.head = 0;
    }
  }
}

/** What an admitted waiter's place in the line holds, so the line does not keep its request alive. */
const GONE: Waiter = { start: () => {}, started: false, gone: true };

/** How busy the main thread was since the previous read (0–1), and the share of that time the collector held it. */
export interface LoadMeter {
  read(): { busy: number; collecting: number };
  close(): void;
}

/** Node's event loop utilization, and the collector's pauses as its performance observer reports them. */
function mainThreadLoad(): LoadMeter {
  let collectingMs = 0;
  const collections = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) collectingMs += entry.duration;
  });
  collections.observe({ entryTypes: ['gc'] });
  let last = performance.eventLoopUtilization();
  let lastAt = performance.now();
  return {
    read() {
      const now = performance.eventLoopUtilization();
      const at = performance.now();
      const busy = performance.eventLoopUtilization(now, last).utilization;
      const collecting = at > lastAt ? collectingMs / (at - lastAt) : 0;
      last = now;
      lastAt = at;
      collectingMs = 0;
      return { busy, collecting };
    },
    close: () => collections.disconnect(),
  };
}
