/**
 * yoga's options that shape what every request goes through, given to the gateway (server.ts)
 * and to the bench's floor (bench/floor.ts) alike, so the floor measures the request path the gateway
 * runs on. A module of its own: the floor loads it without loading the gateway.
 */
export const YOGA_REQUEST_PATH = {
  // An array body (HTTP batching) is refused with 400; one operation per request keeps the limits per request.
  batching: false,
  // No file uploads in this graph: no multipart parser tried on every request (use-browser-guards refuses such bodies first).
  multipart: false,
  // useBodyLimit: the same limit, without yoga's stream pipeline per request (a counting
  // TransformStream, a second Request, an AbortController aborted with a DOMException on close):
  // left on, it cost a 20-row page more CPU than graphql-yoga's whole remaining request path
  // (bench/README.md, "Seventeenth pass").
  maxRequestBodySize: false,
} as const;
