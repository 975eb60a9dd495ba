import { serverAudits } from 'graphql-http';
import { describe, expect, it } from 'vitest';
import { useTestGateway } from '../support/gateway.js';

/**
 * The GraphQL-over-HTTP compliance audit of the `graphql-http` package against the gateway
 * listening on loopback, as a client reaches it: no audit may fail, and no warning is left
 * (the README lists any that is accepted, with its reason).
 */

const gw = useTestGateway({ listen: true });

describe('graphql-http server audits', () => {
  for (const audit of serverAudits({ url: () => `${gw.url}/graphql`, fetchFn: fetch })) {
    it(audit.name, async () => {
      const result = await audit.fn();
      // A failed MUST is an error, a failed SHOULD a warning: neither is accepted.
      expect(result.status === 'ok' ? 'ok' : `${result.status}: ${result.reason}`).toBe('ok');
    });
  }
});
