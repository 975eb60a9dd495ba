import type { Plugin } from 'graphql-yoga';
import { forbiddenRequest, refusalResponse, unsupportedMediaType } from '../errors.js';
import { pathOf } from '../request-path.js';

/**
 * Keeps browsers from being used against the gateway. A web page may send a form (form-encoded,
 * multipart or text/plain) to any address without asking first: such POSTs are refused with 415,
 * so only JSON bodies, which a browser sends cross-origin only after a CORS preflight, are read.
 * A request whose Origin is another site is refused (403) unless GATEWAY_CORS_ORIGINS lists it;
 * the listed ones get CORS headers without credentials (callers send bearer tokens, not cookies).
 */

/** Content types a POST may carry: JSON, as GraphQL over HTTP defines it. */
const JSON_CONTENT_TYPE = /^application\/(graphql-response\+)?json\s*(;|$)/i;

export function useBrowserGuards({ allowedOrigins, graphqlEndpoints }: { allowedOrigins: readonly string[]; graphqlEndpoints: readonly string[] }): Plugin {
  const allowed = new Set(allowedOrigins);
  return {
    onRequest({ request, endResponse }) {
      if (!graphqlEndpoints.includes(pathOf(request.url))) return;
      const origin = request.headers.get('origin');
      if (origin !== null && !allowed.has(origin) && !isSameOrigin(origin, request)) {
        endResponse(refusalResponse(forbiddenRequest('Cross-origin requests are refused: this origin is not in GATEWAY_CORS_ORIGINS.')));
        return;
      }
      if (request.method === 'POST' && !JSON_CONTENT_TYPE.test(request.headers.get('content-type') ?? '')) {
        endResponse(
          refusalResponse(unsupportedMediaType('Send the request as Content-Type: application/json; forms and other bodies are refused.', 'application/json')),
        );
      }
    },
  };
}

/** yoga's `cors` option: CORS headers for the listed origins only, never with credentials. */
export function corsOptions(allowedOrigins: readonly string[]) {
  const allowed = new Set(allowedOrigins);
  return (request: Request) => {
    const origin = request.headers.get('origin');
    if (origin === null || !allowed.has(origin)) return false as const;
    return {
      origin: [origin],
      credentials: false,
      methods: ['GET', 'POST'],
      allowedHeaders: ['authorization', 'content-type', 'x-auth-token', 'x-request-id'],
    };
  };
}

/** The page is served by this host (GraphiQL): its Origin names the Host the browser sent the request to. */
function isSameOrigin(origin: string, request: Request): boolean {
  if (!URL.canParse(origin)) return false;
  const host = request.headers.get('host') ?? new URL(request.url).host;
  return new URL(origin).host === host;
}
