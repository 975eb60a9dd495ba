import { it } from 'vitest';
import { DATA_WINDOW_FOR_DEMO, DEMO_TENANT_ID } from '../../src/simulators/demo-seed.js';
import { startTestGateway } from '../support/gateway.js';
const SIGN_ONLY = {
  query: `query($t: String!, $from: DateTime!, $to: DateTime!) { tenant(tenantId: $t) { threatSummaries(kind: OTHER, lineType: INT, from: $from, to: $to, first: 1) { totalCount } } }`,
  variables: { t: DEMO_TENANT_ID, ...DATA_WINDOW_FOR_DEMO },
};
it('x', async () => {
  for (const env of [{}, { SIGN_RETRIES: '0', SIGN_BREAKER_FAILURES: '100000' }, { SIGN_RETRIES: '0' }, { UPSTREAM_BACKOFF_MS: '10', UPSTREAM_BACKOFF_MAX_MS: '50', SIGN_RETRIES: '1', SIGN_BREAKER_FAILURES: '20', SIGN_BREAKER_HALF_OPEN_MS: '20' }]) {
    for (const fault of [false, true]) {
      const gw = await startTestGateway({ env });
      if (fault) gw.simulators.sign.inject({ kind: 'status', status: 503 });
      const t = performance.now();
      for (let i = 0; i < 10; i++) { await Promise.all(Array.from({ length: 50 }, () => gw.post(SIGN_ONLY))); gw.simulators.reset(); }
      console.log(JSON.stringify(env), fault, ((performance.now() - t) / 500).toFixed(2), 'ms/req');
      await gw.close();
    }
  }
}, 120000);
