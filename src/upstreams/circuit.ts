import type { UpstreamHttpSettings } from '../config.js';

export type CircuitStateName = 'closed' | 'open' | 'half-open';

/** How a request that the circuit let through came out, after its retries. */
export type CircuitOutcome = 'success' | 'failure' | 'not-counted';

/**
 * Whether a request may call: `call` while closed, `trial` for the one request let through once
 * half-open, `refused` while open; a promise while another request is the trial (ask again when it
 * ends).
 */
export type Admission = 'call' | 'trial' | 'refused';

/**
 * One upstream's circuit, fed one outcome per request after its retries (a flaky upstream whose
 * retries succeed is not failing): opens after `failures` consecutive failed requests and refuses
 * calls for `halfOpenMs` (read off `Date.now()`); then lets one trial request through and holds the
 * others until it ends: its success closes the circuit, its failure opens it again, and a trial that
 * says nothing of the upstream (the gateway held it back) lets the next request be the trial.
 *
 * Synchronous while closed: a request costs `admit` and `record`, no promise, timer or event.
 */
export class Circuit {
  private current: CircuitStateName = 'closed';
  private consecutiveFailures = 0;
  private openedAt = 0;
  /** While half-open with a trial in flight: settled when it ends. */
  private trialEnded: { promise: Promise<void>; resolve: () => void } | undefined;

  constructor(
    private readonly settings: UpstreamHttpSettings['breaker'],
    private readonly onChange: (state: CircuitStateName) => void,
  ) {}

  get state(): CircuitStateName {
    return this.current;
  }

  admit(): Admission | Promise<void> {
    if (this.current === 'closed') return 'call';
    if (this.current === 'open') {
      if (Date.now() - this.openedAt < this.settings.halfOpenMs) return 'refused';
      this.change('half-open');
    }
    if (this.trialEnded !== undefined) return this.trialEnded.promise;
    let resolve = () => {};
    const promise = new Promise<void>((settle) => (resolve = settle));
    this.trialEnded = { promise, resolve };
    return 'trial';
  }

  /** What a request admitted as `admission` came to; a `call` that ends after the circuit left `closed` is not counted. */
  record(admission: 'call' | 'trial', outcome: CircuitOutcome): void {
    if (admission === 'call') {
      if (this.current !== 'closed' || outcome === 'not-counted') return;
      if (outcome === 'success') this.consecutiveFailures = 0;
      else if (++this.consecutiveFailures >= this.settings.failures) this.open();
      return;
    }
    const ended = this.trialEnded;
    this.trialEnded = undefined;
    if (outcome === 'success') {
      this.consecutiveFailures = 0;
      this.change('closed');
    } else if (outcome === 'failure') this.open();
    ended?.resolve();
  }

  private open(): void {
    this.openedAt = Date.now();
    this.change('open');
  }

  private change(state: CircuitStateName): void {
    this.current = state;
    this.onChange(state);
  }
}
