import type { AddressInfo } from 'node:net';
import { serverAudits } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveGateway } from '../../src/server.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';

/**
 * The GraphQL-over-HTTP compliance audit of the `graphql-http` package against the gateway
 * listening on loopback, as a client reaches it: no audit may fail, and no warning is left
 * (the README lists any that is accepted, with its reason).
 */

let gw: TestGateway;
let url: string;
let close: () => Promise<void>;
beforeAll(async () => {
  gw = await startTestGateway();
  const server = serveGateway(gw.gateway);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  close = async () => {
    await new Promise((resolve) => server.close(resolve));
    await gw.close();
  };
});
afterAll(() => close());

describe('graphql-http server audits', () => {
  for (const audit of serverAudits({ url: () => url, fetchFn: fetch })) {
    it(audit.name, async () => {
      const result = await audit.fn();
      // A failed MUST is an error, a failed SHOULD a warning: neither is accepted.
      expect(result.status === 'ok' ? 'ok' : `${result.status}: ${result.reason}`).toBe('ok');
    });
  }
});
