import type { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { badRequest, requestTooLarge } from '../errors.js';

/**
 * The request body limit (GATEWAY_MAX_BODY_BYTES), in place of yoga's `maxRequestBodySize`,
 * which pipes every body through a counting TransformStream: a stream pipeline, a second
 * Request and an AbortController per request, ~4% of a small page's CPU. A body with a
 * Content-Length needs no counting: the header is checked (one non-negative integer, at most the
 * limit) and node's HTTP parser delivers exactly that many bytes (a request carrying both
 * Content-Length and Transfer-Encoding is refused by node itself). Only a body without one
 * (chunked) is counted as it is read, as yoga does, and refused once it passes the limit.
 * Registered after the request parsers, as yoga registers its own.
 */

/** One non-negative integer; anything else (a sign, a list as in request smuggling) is refused, never skipped. */
const CONTENT_LENGTH = /^\d+$/;

/** Why a declared Content-Length is refused (not one non-negative integer: 400; over the limit: 413), or undefined. */
function declaredLengthRefusal(contentLength: string, limit: number): GraphQLError | undefined {
  if (!CONTENT_LENGTH.test(contentLength)) return badRequest('Content-Length header is invalid.');
  if (Number(contentLength) > limit) return requestTooLarge();
  return undefined;
}

/**
 * A Content-Length this limit accepts as it stands: present, and not refused by the hook below. The
 * plain JSON lane (use-plain-json-lane.ts) takes only such a request; any other goes through yoga's
 * request parsing, where the hook answers it.
 */
export function bodyWithinLimit(contentLength: string | null, limit: number): boolean {
  return contentLength !== null && declaredLengthRefusal(contentLength, limit) === undefined;
}

export function useBodyLimit(limit: number): Plugin {
  return {
    onRequestParse({ request, requestParser, setRequestParser, fetchAPI }) {
      const contentLength = request.headers.get('content-length');
      if (contentLength !== null) {
        const refusal = declaredLengthRefusal(contentLength, limit);
        if (refusal !== undefined) throw refusal;
        return;
      }
      if (requestParser === undefined || request.body === null) return;
      const parse = requestParser;
      setRequestParser((unlimited) => parse(countedBody(unlimited, limit, fetchAPI)));
    },
  };
}

/** The request with a body that errors once more than `limit` bytes have been read. */
function countedBody(request: Request, limit: number, fetchAPI: { Request: typeof Request; TransformStream: typeof TransformStream }): Request {
  const body = request.body;
  if (body === null) return request;
  // A native ReadableStream (node's own) pipes only into the native TransformStream, a ponyfilled one into the ponyfill's.
  const Transform = body instanceof ReadableStream ? globalThis.TransformStream : fetchAPI.TransformStream;
  let bytesRead = 0;
  const counted = body.pipeThrough(
    new Transform<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        bytesRead += chunk.byteLength;
        if (bytesRead > limit) return controller.error(requestTooLarge());
        controller.enqueue(chunk);
      },
    }),
  );
  return new fetchAPI.Request(request.url, {
    method: request.method,
    headers: request.headers,
    signal: request.signal,
    body: counted,
    duplex: 'half',
  } as RequestInit);
}
