import { getOperationAST, type ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { UpstreamName } from '../errors.js';
import type { GatewayLogger } from './logger.js';
import { answerRequestId, assignRequestId, callerChoseRequestId, requestIdOf } from './request-scope.js';
import type { UpstreamHttp } from '../upstreams/http.js';
import type { GatewayMetrics, OperationOutcome } from './metrics.js';
import { pathOf } from '../request-path.js';

/**
 * Gives every request its id (request-scope.ts) before anything else, and answers it in every
 * response; serves `/metrics` (Prometheus text) and `/readiness` (503 while an upstream's circuit is open),
 * counts each GraphQL operation by name and outcome and the upstream errors its callers saw, and
 * writes one log line per GraphQL request: request id, operation, outcome, status, duration.
 * Both endpoints answer before authentication: keep them on a network only operators reach.
 */

export const METRICS_ENDPOINT = '/metrics';
export const READINESS_ENDPOINT = '/readiness';

interface RequestRecord {
  startedAt: number;
  operation: string | undefined;
  outcome: OperationOutcome | undefined;
}

export function useObservability({
  metrics,
  logger,
  upstreams,
  graphqlEndpoints,
}: {
  metrics: GatewayMetrics;
  logger: GatewayLogger;
  upstreams: readonly UpstreamHttp[];
  graphqlEndpoints: readonly string[];
}): Plugin {
  const records = new WeakMap<Request, RequestRecord>();
  return {
    // Synchronous but for /metrics: an async hook would cost every request a promise and its ticks.
    onRequest({ request, endResponse, fetchAPI }) {
      assignRequestId(request);
      const path = pathOf(request.url);
      if (request.method === 'GET' && path === METRICS_ENDPOINT) {
        return metrics.registry
          .metrics()
          .then((text) => endResponse(new fetchAPI.Response(text, { headers: { 'content-type': metrics.registry.contentType } })));
      }
      if (request.method === 'GET' && path === READINESS_ENDPOINT) {
        const open = upstreams.filter((upstream) => upstream.circuitState === 'open').map((upstream) => upstream.name);
        endResponse(
          fetchAPI.Response.json(open.length === 0 ? { status: 'ready' } : { status: 'unavailable', openCircuits: open }, {
            status: open.length === 0 ? 200 : 503,
          }),
        );
        return;
      }
      if (graphqlEndpoints.includes(path)) records.set(request, { startedAt: performance.now(), operation: undefined, outcome: undefined });
    },
    onParams({ request, params }) {
      const record = records.get(request);
      if (record !== undefined && typeof params.operationName === 'string') record.operation = params.operationName;
    },
    onExecute({ args }) {
      const record = records.get((args.contextValue as { request: Request }).request);
      const name = getOperationAST(args.document, args.operationName)?.name?.value;
      if (record !== undefined && name !== undefined) record.operation = name;
    },
    onResultProcess({ request, result }) {
      const record = records.get(request);
      // Streams (none in this schema today) and batches (refused) are not counted.
      if (record === undefined || Array.isArray(result) || Symbol.asyncIterator in result) return;
      record.outcome = outcomeOf(result as ExecutionResult);
      metrics.countOperation(record.operation ?? 'anonymous', record.outcome);
      const errors = (result as ExecutionResult).errors;
      if (errors === undefined || errors.length === 0) return;
      // One upstream failure can null several fields; it is counted once.
      const seen = new Set<unknown>();
      for (const error of errors) {
        const cause = error.originalError ?? error;
        const { upstream, code } = error.extensions;
        if (seen.has(cause) || typeof upstream !== 'string' || typeof code !== 'string') continue;
        seen.add(cause);
        metrics.countUpstreamError(upstream as UpstreamName, code);
      }
    },
    onResponse({ request, response }) {
      answerRequestId(request, response);
      const record = records.get(request);
      if (record === undefined) return;
      logger.request({
        requestId: requestIdOf(request),
        callerChoseRequestId: callerChoseRequestId(request),
        operation: record.operation ?? 'anonymous',
        outcome: record.outcome ?? (response.status >= 400 ? 'error' : 'success'),
        status: response.status,
        durationMs: performance.now() - record.startedAt,
      });
    },
  };
}

/** success: no error; partial: errors beside data; error: no data at all. */
export function outcomeOf(result: ExecutionResult): OperationOutcome {
  if (result.errors === undefined || result.errors.length === 0) return 'success';
  return result.data === null || result.data === undefined ? 'error' : 'partial';
}
