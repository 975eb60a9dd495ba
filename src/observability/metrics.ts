import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { UpstreamName } from '../errors.js';
import type { CircuitStateName } from '../upstreams/circuit.js';
import type { UpstreamHttp } from '../upstreams/http.js';

/**
 * The gateway's Prometheus metrics, in a registry of its own (never prom-client's global one), so
 * several gateways can live in one process, as in the tests. Upstream metrics are fed by each
 * UpstreamHttp's events; the circuit gauge reads the breakers when scraped.
 */

export type OperationOutcome = 'success' | 'error' | 'partial';

export interface GatewayMetrics {
  readonly registry: Registry;
  countOperation(operation: string, outcome: OperationOutcome): void;
  /** An error a caller saw that names its upstream (`extensions.upstream`), by its code. */
  countUpstreamError(upstream: UpstreamName, code: string): void;
  /** Stops listening to the upstreams. */
  close(): void;
}

const CIRCUIT_STATE_VALUES: Record<CircuitStateName, number> = { closed: 0, 'half-open': 1, open: 2 };

/** Seconds; upstream answers range from a few ms (loopback) to the 10 s default timeout. */
const UPSTREAM_DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** Operation names come from callers: past this many distinct ones, the rest count as `other`. */
const MAX_OPERATION_NAMES = 200;
const OTHER_OPERATIONS = 'other';
const OPERATION_OUTCOMES: readonly OperationOutcome[] = ['success', 'error', 'partial'];

/** What the HTTP server's admission gate holds now (src/admission-gate.ts): its bound, the requests worked on and those waiting. */
export interface AdmissionState {
  limit: number;
  inFlight: number;
  waiting: number;
}

export type AdmissionReading = () => AdmissionState;

export function createGatewayMetrics(upstreams: readonly UpstreamHttp[], admission?: AdmissionReading): GatewayMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });

  // Tallied per name in plain numbers and added to the counter when it is scraped: prom-client's
  // `inc` builds and checks a label set on every call, ~2% of a 20-row page's CPU (bench/README.md,
  // "Twenty-third pass"). A scrape reads the same totals either way.
  const operationTallies = new Map<string, Record<OperationOutcome, number>>();
  new Counter({
    name: 'gateway_operations_total',
    help: 'GraphQL operations by name and outcome',
    labelNames: ['operation', 'outcome'] as const,
    registers: [registry],
    collect() {
      for (const [operation, tally] of operationTallies) {
        for (const outcome of OPERATION_OUTCOMES) {
          if (tally[outcome] === 0) continue;
          this.inc({ operation, outcome }, tally[outcome]);
          tally[outcome] = 0;
        }
      }
    },
  });
  const requests = new Counter({
    name: 'gateway_upstream_requests_total',
    help: 'Attempts sent to an upstream, retries included, by status class (none: no answer came)',
    labelNames: ['upstream', 'status_class'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'gateway_upstream_request_duration_seconds',
    help: 'Duration of each attempt sent to an upstream, until the last byte of its answer or its failure',
    labelNames: ['upstream'] as const,
    buckets: UPSTREAM_DURATION_BUCKETS,
    registers: [registry],
  });
  const errors = new Counter({
    name: 'gateway_upstream_errors_total',
    help: 'Errors callers saw naming an upstream, by extensions.code',
    labelNames: ['upstream', 'code'] as const,
    registers: [registry],
  });
  const retries = new Counter({
    name: 'gateway_upstream_retries_total',
    help: 'Attempts sent again after a transient failure',
    labelNames: ['upstream'] as const,
    registers: [registry],
  });
  const rejected = new Counter({
    name: 'gateway_upstream_rejected_total',
    help: 'Requests refused without calling the upstream',
    labelNames: ['upstream', 'reason'] as const,
    registers: [registry],
  });
  new Gauge({
    name: 'gateway_upstream_circuit_state',
    help: 'Circuit breaker state: 0 closed, 1 half-open, 2 open',
    labelNames: ['upstream'] as const,
    registers: [registry],
    collect() {
      for (const upstream of upstreams) this.set({ upstream: upstream.name }, CIRCUIT_STATE_VALUES[upstream.circuitState]);
    },
  });

  if (admission !== undefined) {
    const gauges = [
      ['gateway_admission_limit', 'GraphQL requests the admission gate lets be worked on at once now', 'limit'],
      ['gateway_admission_in_flight', 'GraphQL requests being worked on', 'inFlight'],
      ['gateway_admission_waiting', 'GraphQL requests waiting at the admission gate, not yet started', 'waiting'],
    ] as const;
    for (const [name, help, field] of gauges)
      new Gauge({
        name,
        help,
        registers: [registry],
        collect() {
          this.set(admission()[field]);
        },
      });
  }

  const unsubscribe = upstreams.map((upstream) =>
    upstream.onEvent((event) => {
      if (event.type === 'attempt') {
        requests.inc({ upstream: event.upstream, status_class: 'status' in event ? `${Math.floor(event.status / 100)}xx` : 'none' });
        duration.observe({ upstream: event.upstream }, event.durationMs / 1000);
      } else if (event.type === 'retry') {
        retries.inc({ upstream: event.upstream });
      } else if (event.type === 'rejected') {
        rejected.inc({ upstream: event.upstream, reason: event.reason });
      }
    }),
  );

  const tallyOf = (operation: string): Record<OperationOutcome, number> => {
    let tally = operationTallies.get(operation);
    if (tally === undefined) {
      // Past MAX_OPERATION_NAMES distinct names, the rest count as 'other' (its tally made then, unless an operation was named so).
      if (operationTallies.size >= MAX_OPERATION_NAMES && operation !== OTHER_OPERATIONS) return tallyOf(OTHER_OPERATIONS);
      tally = { success: 0, error: 0, partial: 0 };
      operationTallies.set(operation, tally);
    }
    return tally;
  };
  return {
    registry,
    countOperation(operation, outcome) {
      tallyOf(operation)[outcome] += 1;
    },
    countUpstreamError(upstream, code) {
      errors.inc({ upstream, code });
    },
    close() {
      for (const stop of unsubscribe) stop();
    },
  };
}
