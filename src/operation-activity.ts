/**
 * Lets batch loaders wait until an operation has nothing else under way, so every indicator
 * the operation will ask about (from `indicators`, from threat targets two levels down, from
 * suspicious objects) joins ONE batch: one CyberTrace lookup, one Apex list call per operation.
 *
 * Work that can reveal new indicators (SIGN pages, Apex list pages) is `track`ed; batch loaders
 * use `schedule` as DataLoader's batchScheduleFn. A batch is dispatched once no tracked work is
 * pending and the event loop has turned, so resolvers fed by the last answer have queued their loads.
 */
export class OperationActivity {
  private pending = 0;
  private waiting: (() => void)[] = [];
  private checkQueued = false;

  track<T>(work: Promise<T>): Promise<T> {
    this.pending += 1;
    return work.finally(() => {
      this.pending -= 1;
      this.queueCheck();
    });
  }

  readonly schedule = (dispatch: () => void): void => {
    this.waiting.push(dispatch);
    this.queueCheck();
  };

  private queueCheck(): void {
    if (this.checkQueued) return;
    this.checkQueued = true;
    // setImmediate runs after every pending promise reaction: resolvers have had their turn.
    setImmediate(() => {
      this.checkQueued = false;
      if (this.pending > 0 || this.waiting.length === 0) return;
      const ready = this.waiting;
      this.waiting = [];
      for (const dispatch of ready) dispatch();
    });
  }
}
