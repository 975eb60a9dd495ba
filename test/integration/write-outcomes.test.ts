import { beforeEach, describe, expect, it } from 'vitest';
import type { InjectedFault, RunningSimulator } from '../../src/simulators/harness.js';
import { DEMO_TENANT_ID } from '../../src/simulators/demo-seed.js';
import { type TestGateway, useTestGateway, withTestGateway } from '../support/gateway.js';

/**
 * A write whose answer was lost says so (`extensions.outcome: "UNKNOWN"`: read before retrying);
 * one the upstream refused, or that was never sent, says `"NOT_APPLIED"`.
 */

const FAST = {
  UPSTREAM_RETRIES: '1',
  UPSTREAM_BACKOFF_MS: '1',
  UPSTREAM_BACKOFF_MAX_MS: '2',
  UPSTREAM_TIMEOUT_MS: '1500',
  UPSTREAM_BREAKER_FAILURES: '100000',
};

const gw = useTestGateway({ env: FAST });
beforeEach(() => {
  for (const simulator of [gw.simulators.sign, gw.simulators.cybertrace, gw.simulators.filesafer, gw.simulators.apex]) simulator.clearFaults();
  gw.simulators.reset();
});

const WRITES: Record<'sign' | 'apex' | 'filesafer', { query: string; simulator: (gw: TestGateway) => RunningSimulator }> = {
  sign: {
    query: `mutation { setHelpdeskContract(tenantId: "${DEMO_TENANT_ID}", enabled: true) { helpdesk { enabled } } }`,
    simulator: (g) => g.simulators.sign,
  },
  apex: {
    query: 'mutation { addSuspiciousObject(input: { type: DOMAIN, content: "outcome.example", scanAction: LOG }) { suspiciousObject { id } } }',
    simulator: (g) => g.simulators.apex,
  },
  filesafer: {
    query:
      'mutation { setThresholdNotification(input: { trigger: MALWARE, referenceTimeMinutes: 5, threshold: 3 }) { fileSafer { thresholdNotifications { threshold } } } }',
    simulator: (g) => g.simulators.filesafer,
  },
};

const REFUSALS: Record<keyof typeof WRITES, InjectedFault> = {
  sign: { kind: 'status', status: 400, body: { errorCode: 400, errorMessages: ['enabled is invalid'] } },
  apex: { kind: 'status', status: 400, body: { Meta: { Result: '0', ErrorCode: '9', ErrorMsg: 'invalid parameter' } } },
  filesafer: { kind: 'status', status: 200, body: { returnCode: '400', returnMessage: 'invalid thresholdValue' } },
};

describe('writes tell the truth about their outcome', () => {
  it.each([
    ['sign', 'a reset after sending', { kind: 'reset' }],
    ['sign', 'a body that is not JSON', { kind: 'malformed-json' }],
    ['sign', 'no answer in time', { kind: 'hang' }],
    ['apex', 'a reset after sending', { kind: 'reset' }],
    ['apex', 'a body that is not JSON', { kind: 'malformed-json' }],
    ['filesafer', 'a reset after sending', { kind: 'reset' }],
    ['filesafer', 'a body that is not JSON', { kind: 'malformed-json' }],
    ['sign', 'a proxy giving up (504)', { kind: 'status', status: 504, body: { message: 'upstream timed out' } }],
  ] as const)('%s, %s: UNKNOWN, the request reached the upstream', async (upstream, _what, fault) => {
    const write = WRITES[upstream];
    write.simulator(gw).inject({ ...fault });
    const { json } = await gw.post({ query: write.query });
    expect(json.errors?.[0]?.extensions).toMatchObject({ upstream, outcome: 'UNKNOWN' });
    expect(write.simulator(gw).requests.length).toBeGreaterThan(0);
  });

  it.each(['sign', 'apex', 'filesafer'] as const)('%s refusing the write: NOT_APPLIED', async (upstream) => {
    const write = WRITES[upstream];
    write.simulator(gw).inject({ ...REFUSALS[upstream], times: 1 });
    const { json } = await gw.post({ query: write.query });
    expect(json.errors?.[0]?.extensions).toMatchObject({ upstream, outcome: 'NOT_APPLIED' });
  });

  it('a write that could not be sent (connection refused): NOT_APPLIED', async () => {
    await withTestGateway({ env: { ...FAST, APEX_BASE_URL: 'http://127.0.0.1:1' } }, async (unreachable) => {
      const { json } = await unreachable.post({ query: WRITES.apex.query });
      expect(json.errors?.[0]?.extensions).toMatchObject({ upstream: 'apex', outcome: 'NOT_APPLIED' });
    });
  });

  it('an Apex add is sent once, whatever happens', async () => {
    gw.simulators.apex.inject({ kind: 'reset' });
    await gw.post({ query: WRITES.apex.query });
    expect(gw.simulators.apex.requests.filter((request) => request.method === 'PUT')).toHaveLength(1);
  });

  it('reads carry no outcome', async () => {
    gw.simulators.sign.inject({ kind: 'malformed-json' });
    const { json } = await gw.post({ query: `{ tenant(tenantId: "${DEMO_TENANT_ID}") { helpdesk { enabled } } }` });
    expect(json.errors?.[0]?.extensions).not.toHaveProperty('outcome');
  });

  it('the File Safer settings read (a POST that changes nothing) is retried like the other reads', async () => {
    gw.simulators.filesafer.inject({ kind: 'status', status: 503, times: 1 });
    const { json } = await gw.post({ query: '{ fileSafer { thresholdNotifications { threshold } } }' });
    expect(json.errors).toBeUndefined();
    expect(gw.simulators.filesafer.requests.map((request) => request.path)).toEqual([
      '/hashfilter/v1/getThresholdNotiConfig',
      '/hashfilter/v1/getThresholdNotiConfig',
    ]);
  });
});
