import { randomUUID } from 'node:crypto';
import type { Plugin } from 'graphql-yoga';
import { requestIdOf, setRequestId } from './request-scope.js';

/**
 * Gives every request an id: the caller's `x-request-id` when it is a plain token, a new UUID
 * otherwise. It is answered in the `x-request-id` header, written on each log line of the request,
 * sent to every upstream the request calls and put in the extensions of a masked error, so an
 * operator can find the log of what went wrong.
 */

const ACCEPTABLE_ID = /^[A-Za-z0-9._:-]{8,100}$/;

export const REQUEST_ID_HEADER = 'x-request-id';

export function useRequestId(): Plugin {
  return {
    onRequest({ request }) {
      const offered = request.headers.get(REQUEST_ID_HEADER);
      setRequestId(request, offered !== null && ACCEPTABLE_ID.test(offered) ? offered : randomUUID());
    },
    onResponse({ request, response }) {
      const requestId = requestIdOf(request);
      if (requestId !== undefined) response.headers.set(REQUEST_ID_HEADER, requestId);
    },
  };
}
