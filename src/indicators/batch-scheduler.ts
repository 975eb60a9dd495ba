import type { IndicatorFeeders } from './feeders.js';

/**
 * When an indicator batch (one CyberTrace lookup, one Apex list call, File Safer's checks) goes
 * out: once nothing still under way in this operation can add indicators to it, and never later
 * than `maxWaitMs` after its first load was queued.
 *
 * Work that can reveal indicators is `track`ed under the field it answers (`Tenant.threatSummaries`,
 * `Query.suspiciousObjects`, or a type such as `SuspiciousObject` for a loader's answers); it is
 * only counted when the operation's selection set asks for indicators below that field
 * (`expect`, from feeders.ts, at the start of execution). Everything else (helpdesk, traffic,
 * settings, writes, pages whose rows select no indicator) never holds a batch back.
 * Until `expect` is called every tracked piece of work is counted: waiting is the safe side.
 */

interface WaitingBatch {
  dispatch: () => void;
  /** What the batch's answers are, when they can reveal indicators themselves (a loader of suspicious objects). */
  source: string | undefined;
}

export class IndicatorBatchScheduler {
  private feeders: IndicatorFeeders | undefined;
  private pending = 0;
  private waiting: WaitingBatch[] = [];
  private checkQueued = false;
  private deadline: NodeJS.Timeout | undefined;

  /** `maxWaitMs` (GATEWAY_BATCH_WAIT_MS): past it a batch goes without the pages still under way, which then make their own call. */
  constructor(private readonly maxWaitMs: number) {}

  /** What this operation selects (see feeders.ts): from now on only work under those fields holds a batch. */
  expect(feeders: IndicatorFeeders): void {
    this.feeders = feeders;
  }

  /** Does work answering `source` (a field coordinate or a type name) feed this operation's indicator batches? */
  feeds(source: string): boolean {
    return this.feeders === undefined || this.feeders.has(source);
  }

  /** Counts `work` until it settles when it can feed a batch; answers it unchanged either way. */
  track<T>(source: string, work: Promise<T>): Promise<T> {
    if (!this.feeds(source)) return work;
    this.pending += 1;
    return work.finally(() => {
      this.pending -= 1;
      this.queueCheck();
    });
  }

  /**
   * DataLoader's batchScheduleFn for a loader; `source` names what its answers are when they can
   * reveal indicators in turn (nesting): such a batch goes first, and the others wait for it
   * (its batch function `track`s its own call under the same source).
   */
  scheduleFor(source?: string): (dispatch: () => void) => void {
    return (dispatch) => {
      this.waiting.push({ dispatch, source });
      // The bound runs from the first batch that waits, so a hung page delays it by maxWaitMs at most.
      this.deadline ??= setTimeout(() => this.dispatch(this.waiting), this.maxWaitMs);
      this.queueCheck();
    };
  }

  private queueCheck(): void {
    if (this.checkQueued) return;
    this.checkQueued = true;
    // setImmediate runs after every pending promise reaction: resolvers fed by the last answer have queued their loads.
    setImmediate(() => {
      this.checkQueued = false;
      if (this.pending > 0 || this.waiting.length === 0) return;
      const feeding = this.waiting.filter((batch) => batch.source !== undefined && this.feeds(batch.source));
      this.dispatch(feeding.length > 0 ? feeding : this.waiting);
    });
  }

  private dispatch(batches: WaitingBatch[]): void {
    this.waiting = this.waiting.filter((batch) => !batches.includes(batch));
    if (this.waiting.length === 0) {
      clearTimeout(this.deadline);
      this.deadline = undefined;
    }
    for (const batch of batches) batch.dispatch();
  }
}
