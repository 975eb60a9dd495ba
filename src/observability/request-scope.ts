/**
 * The request id of each request being handled (set by use-request-id.ts), read by whatever has
 * the request at hand: the access log, the GraphQL context (which hands it to the upstream calls
 * and the answer cache), masked errors. Passed along explicitly rather than kept in an
 * AsyncLocalStorage: on Node 20 a store turns on promise hooks for every promise of the process,
 * which cost ~10% of a small page's throughput (bench/README.md, "Fifth pass").
 */
const requestIds = new WeakMap<Request, string>();

export function setRequestId(request: Request, requestId: string): void {
  requestIds.set(request, requestId);
}

export function requestIdOf(request: Request): string | undefined {
  return requestIds.get(request);
}
