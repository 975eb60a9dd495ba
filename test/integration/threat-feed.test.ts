import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { ArrivingDetection } from '../../src/simulators/sign/index.js';
import { DEMO_TENANT_ID, OTHER_TENANT_ID } from '../../src/simulators/demo-seed.js';
import { CYBERTRACE_LOOKUP_PATH } from '../../src/simulators/cybertrace.js';
import { manualTicker, nextTargets, openSse, type SseSubscription } from '../support/feed.js';
import { mintToken, startTestGateway, type TestGateway } from '../support/gateway.js';

/**
 * Subscription.threatDetected end to end in one process: SSE through yoga, the feed polling the
 * SIGN simulator over loopback, detections added to the simulator while the test runs. Polls are
 * driven by count (a manual ticker) and the feed's clock is the test's.
 */

const FEED = readFileSync(new URL('../../schema/operations/threat-feed.graphql', import.meta.url), 'utf8');
const TARGETS_ONLY = `subscription Feed($tenantId: String!, $lineType: LineType!) { threatDetected(tenantId: $tenantId, kind: OTHER, lineType: $lineType) { receivedAt target sim { simId } } }`;
const INT_SIM = '440130000096015';
const VPN_SIM = '440130000096021';
const T0 = Date.parse('2026-11-29T10:00:00Z');

let gateway: TestGateway | undefined;
let open: SseSubscription[] = [];

afterEach(async () => {
  await Promise.all(open.map((subscription) => subscription.close()));
  open = [];
  await gateway?.close();
  gateway = undefined;
});

async function start(options: { env?: Record<string, string>; auth?: boolean } = {}) {
  const ticker = manualTicker();
  const clock = { now: T0 };
  // No retries and a breaker that stays closed: a failed poll is one SIGN request, and recovery needs no wall-clock wait.
  gateway = await startTestGateway({
    ...options,
    env: { UPSTREAM_RETRIES: '0', UPSTREAM_BREAKER_FAILURES: '100000', ...options.env },
    feeds: { ticker: ticker.ticker, now: () => clock.now },
  });
  return { gateway, ticker, clock };
}

async function subscribe(g: TestGateway, query: string, variables: Record<string, unknown>, headers: Record<string, string> = {}) {
  const subscription = await openSse(g.fetch, { query, variables }, headers);
  open.push(subscription);
  return subscription;
}

function add(g: TestGateway, detection: Omit<ArrivingDetection, 'tenantId' | 'kind'> & Partial<ArrivingDetection>) {
  g.simulators.signArrivals.add({ tenantId: DEMO_TENANT_ID, kind: 'OTHER', ...detection });
}

function signFeedCalls(g: TestGateway): number {
  return g.simulators.sign.requests.filter((request) => request.path.endsWith('/security/threat-summaries')).length;
}

describe('Subscription.threatDetected', () => {
  it('delivers each new detection once to every subscriber, in receivedAt order, late ones included, from one poller per feed', async () => {
    const { gateway: g, ticker, clock } = await start();
    const variables = { tenantId: DEMO_TENANT_ID, lineType: 'INT' };
    const first = await subscribe(g, TARGETS_ONLY, variables);
    const second = await subscribe(g, TARGETS_ONLY, variables);
    const vpn = await subscribe(g, TARGETS_ONLY, { ...variables, lineType: 'VPN' });
    expect([first.status, second.status, vpn.status]).toEqual([200, 200, 200]);
    await ticker.waitForRunning(2);

    add(g, { simId: INT_SIM, target: 'already.there.example', receivedAt: T0 - 20_000 });
    await ticker.tick(); // the feeds learn what is there
    expect(signFeedCalls(g)).toBe(2);

    clock.now = T0 + 30_000;
    add(g, { simId: INT_SIM, target: 'b.example', receivedAt: T0 + 20_000 });
    add(g, { simId: INT_SIM, target: 'a.example', receivedAt: T0 + 10_000 });
    add(g, { simId: VPN_SIM, target: 'vpn.example', receivedAt: T0 + 15_000 });
    await ticker.tick();
    expect(await nextTargets(first, 2)).toEqual(['a.example', 'b.example']);
    expect(await nextTargets(second, 2)).toEqual(['a.example', 'b.example']);
    expect(await nextTargets(vpn, 1)).toEqual(['vpn.example']);

    // Late: received before b.example, shown by SIGN only now; and one new one.
    clock.now = T0 + 60_000;
    add(g, { simId: INT_SIM, target: 'late.example', receivedAt: T0 + 5_000 });
    add(g, { simId: INT_SIM, target: 'c.example', receivedAt: T0 + 55_000 });
    await ticker.tick();
    clock.now = T0 + 90_000;
    await ticker.tick(); // nothing new: nothing repeated
    add(g, { simId: INT_SIM, target: 'd.example', receivedAt: T0 + 85_000 });
    clock.now = T0 + 120_000;
    await ticker.tick();
    expect(await nextTargets(first, 3)).toEqual(['late.example', 'c.example', 'd.example']);
    expect(await nextTargets(second, 3)).toEqual(['late.example', 'c.example', 'd.example']);
    expect(first.buffered + second.buffered + vpn.buffered).toBe(0);
    // Five ticks of two feeds: one SIGN call per feed per tick, whatever the number of subscribers.
    expect(signFeedCalls(g)).toBe(10);
  });

  it('backs off while SIGN fails and loses nothing when it answers again', async () => {
    const { gateway: g, ticker, clock } = await start();
    const subscription = await subscribe(g, TARGETS_ONLY, { tenantId: DEMO_TENANT_ID, lineType: 'INT' });
    await ticker.waitForRunning(1);
    await ticker.tick();

    g.simulators.sign.inject({ kind: 'status', status: 503 });
    add(g, { simId: INT_SIM, target: 'during-outage.example', receivedAt: T0 + 10_000 });
    const callsBefore = signFeedCalls(g);
    const attempts: number[] = [];
    for (let tick = 0; tick < 8; tick += 1) {
      clock.now += 30_000;
      await ticker.tick();
      attempts.push(signFeedCalls(g) - callsBefore);
    }
    // Failures at ticks 1, 3 and 7: one skipped tick after the first, three after the second.
    expect(attempts).toEqual([1, 1, 2, 2, 2, 2, 3, 3]);
    expect(subscription.buffered).toBe(0);

    g.simulators.sign.clearFaults();
    add(g, { simId: INT_SIM, target: 'after-outage.example', receivedAt: clock.now - 1_000 });
    for (let tick = 0; tick < 8 && subscription.buffered < 2; tick += 1) {
      clock.now += 30_000;
      await ticker.tick();
    }
    expect(await nextTargets(subscription, 2)).toEqual(['during-outage.example', 'after-outage.example']);
    clock.now += 30_000;
    await ticker.tick();
    expect(subscription.buffered).toBe(0);
  });

  it('stops the poller when the last subscriber leaves, and starts afresh for the next', async () => {
    const { gateway: g, ticker } = await start();
    const variables = { tenantId: DEMO_TENANT_ID, lineType: 'INT' };
    const first = await subscribe(g, TARGETS_ONLY, variables);
    const second = await subscribe(g, TARGETS_ONLY, variables);
    await ticker.waitForRunning(1);
    await first.close();
    await ticker.tick();
    expect(ticker.running).toBe(1);
    await second.close();
    await ticker.waitForRunning(0);
    const calls = signFeedCalls(g);
    await ticker.tick();
    expect(signFeedCalls(g)).toBe(calls);
    await subscribe(g, TARGETS_ONLY, variables);
    await ticker.waitForRunning(1);
  });

  it('joins each burst with one CyberTrace lookup and one Apex list call, whatever its size', async () => {
    const { gateway: g, ticker, clock } = await start();
    const subscription = await subscribe(g, FEED, { tenantId: DEMO_TENANT_ID, kind: 'OTHER', lineType: 'INT' });
    await ticker.waitForRunning(1);
    await ticker.tick();
    g.simulators.reset();

    clock.now = T0 + 30_000;
    add(g, { simId: INT_SIM, target: 'ccdn.microsoftdocs.workers.dev', receivedAt: T0 + 1_000 });
    add(g, { simId: INT_SIM, target: 'c2.darkbeacon.io', receivedAt: T0 + 2_000 });
    add(g, { simId: INT_SIM, target: 'www.ntt.com', receivedAt: T0 + 3_000 });
    await ticker.tick();
    const events = [await subscription.next(), await subscription.next(), await subscription.next()];
    expect(events.map((event) => event.errors)).toEqual([undefined, undefined, undefined]);
    const detected = events.map(
      (event) =>
        (
          event.data as {
            threatDetected: { target: string; targetIndicators: { reputation: { verdict: string }; suspiciousObject: { scanAction: string } | null }[] };
          }
        ).threatDetected,
    );
    expect(
      detected.map((row) => [row.target, row.targetIndicators[0]!.reputation.verdict, row.targetIndicators[0]!.suspiciousObject?.scanAction ?? null]),
    ).toEqual([
      ['ccdn.microsoftdocs.workers.dev', 'DETECTED', 'BLOCK'],
      ['c2.darkbeacon.io', 'DETECTED', null],
      ['www.ntt.com', 'NOT_DETECTED', null],
    ]);
    expect(g.simulators.cybertrace.requests.filter((request) => request.path === CYBERTRACE_LOOKUP_PATH)).toHaveLength(1);
    expect(g.simulators.apex.requests.filter((request) => request.method === 'GET')).toHaveLength(1);

    // The next burst asks again: answers are not kept from one burst to the next (the answer cache is off here).
    clock.now = T0 + 60_000;
    add(g, { simId: INT_SIM, target: 'update.malware-cdn.org', receivedAt: T0 + 50_000 });
    await ticker.tick();
    expect((await subscription.next()).errors).toBeUndefined();
    expect(g.simulators.cybertrace.requests.filter((request) => request.path === CYBERTRACE_LOOKUP_PATH)).toHaveLength(2);
    expect(g.simulators.apex.requests.filter((request) => request.method === 'GET')).toHaveLength(2);
  });

  it("counts each joined burst against the caller's rate limit: over it, the rows still arrive and the joins are RATE_LIMITED", async () => {
    // Two requests at once, then one a minute: the subscription itself and its first burst use them up.
    const { gateway: g, ticker, clock } = await start({ env: { GATEWAY_RATE_LIMIT_PER_MINUTE: '1', GATEWAY_RATE_LIMIT_BURST: '2' } });
    const subscription = await subscribe(g, FEED, { tenantId: DEMO_TENANT_ID, kind: 'OTHER', lineType: 'INT' });
    await ticker.waitForRunning(1);
    await ticker.tick();
    const lookups = () => g.simulators.cybertrace.requests.filter((request) => request.path === CYBERTRACE_LOOKUP_PATH).length;

    clock.now = T0 + 30_000;
    add(g, { simId: INT_SIM, target: 'c2.darkbeacon.io', receivedAt: T0 + 1_000 });
    await ticker.tick();
    const joined = await subscription.next();
    expect(joined.errors).toBeUndefined();
    expect(lookups()).toBe(1);

    clock.now = T0 + 60_000;
    add(g, { simId: INT_SIM, target: 'update.malware-cdn.org', receivedAt: T0 + 50_000 });
    await ticker.tick();
    const refused = (await subscription.next()) as unknown as {
      data: { threatDetected: { target: string; targetIndicators: { reputation: unknown; suspiciousObject: unknown }[] } };
      errors: { extensions: { code: string } }[];
    };
    expect(refused.data.threatDetected.target).toBe('update.malware-cdn.org');
    expect(refused.data.threatDetected.targetIndicators[0]).toMatchObject({ reputation: null, suspiciousObject: null });
    expect(refused.errors.map((error) => error.extensions.code)).toEqual(['RATE_LIMITED', 'RATE_LIMITED']);
    expect(lookups()).toBe(1);
  });

  it('refuses bad arguments with BAD_USER_INPUT before any SIGN call', async () => {
    const { gateway: g } = await start();
    const badTenant = await subscribe(g, TARGETS_ONLY, { tenantId: 'not-a-tenant', lineType: 'INT' });
    expect((await badTenant.next()).errors?.[0]).toMatchObject({ message: expect.stringContaining('tenantId'), extensions: { code: 'BAD_USER_INPUT' } });
    const ipSeverity = await subscribe(g, FEED, { tenantId: DEMO_TENANT_ID, kind: 'IP', lineType: 'INT', severities: ['MEDIUM'] });
    expect((await ipSeverity.next()).errors?.[0]).toMatchObject({ message: expect.stringContaining('MEDIUM'), extensions: { code: 'BAD_USER_INPUT' } });
    expect(g.simulators.sign.requests).toHaveLength(0);
  });
});

describe('Subscription.threatDetected and the caller', () => {
  it('needs a caller token (HTTP 401) and the read scope', async () => {
    const { gateway: g } = await start({ auth: true });
    const anonymous = await subscribe(g, TARGETS_ONLY, { tenantId: DEMO_TENANT_ID, lineType: 'INT' });
    expect(anonymous.status).toBe(401);
    const writeOnly = await subscribe(
      g,
      TARGETS_ONLY,
      { tenantId: DEMO_TENANT_ID, lineType: 'INT' },
      { authorization: `Bearer ${await mintToken({ tenants: '*', scope: 'write' })}` },
    );
    expect((await writeOnly.next()).errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
    expect(g.simulators.sign.requests).toHaveLength(0);
  });

  it('keeps a caller to the tenants its token names', async () => {
    const { gateway: g, ticker } = await start({ auth: true });
    const token = await mintToken({ tenants: [OTHER_TENANT_ID] });
    const refused = await subscribe(g, TARGETS_ONLY, { tenantId: DEMO_TENANT_ID, lineType: 'INT' }, { authorization: `Bearer ${token}` });
    expect((await refused.next()).errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
    await subscribe(g, TARGETS_ONLY, { tenantId: OTHER_TENANT_ID, lineType: 'INT' }, { authorization: `Bearer ${token}` });
    await ticker.waitForRunning(1);
    expect(g.simulators.sign.requests).toHaveLength(0);
  });

  it('bounds the subscriptions a caller has open (GATEWAY_MAX_SUBSCRIPTIONS_PER_CALLER)', async () => {
    const { gateway: g, ticker } = await start({ auth: true, env: { GATEWAY_MAX_SUBSCRIPTIONS_PER_CALLER: '2' } });
    const analyst = { authorization: `Bearer ${await mintToken({ tenants: '*' })}` };
    const other = { authorization: `Bearer ${await mintToken({ sub: 'another@example.test', tenants: '*' })}` };
    const variables = { tenantId: DEMO_TENANT_ID, lineType: 'INT' };
    const first = await subscribe(g, TARGETS_ONLY, variables, analyst);
    await subscribe(g, TARGETS_ONLY, { ...variables, lineType: 'VPN' }, analyst);
    await ticker.waitForRunning(2);
    const third = await subscribe(g, TARGETS_ONLY, variables, analyst);
    expect((await third.next()).errors?.[0]).toMatchObject({ message: expect.stringContaining('at most 2'), extensions: { code: 'TOO_MANY_SUBSCRIPTIONS' } });
    const someoneElse = await subscribe(g, TARGETS_ONLY, variables, other);
    expect(someoneElse.status).toBe(200);
    await first.close();
    await ticker.waitForRunning(2);
    const again = await subscribe(g, TARGETS_ONLY, variables, analyst);
    expect(again.status).toBe(200);
    expect(again.buffered).toBe(0);
  });
});
