import { AsyncLocalStorage } from 'node:async_hooks';

/** The request being handled, for log lines, upstream calls and masked errors written deep inside it (set by use-request-id.ts). */
export const requestScope = new AsyncLocalStorage<{ requestId: string }>();

export function currentRequestId(): string | undefined {
  return requestScope.getStore()?.requestId;
}
