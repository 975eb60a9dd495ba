import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_TENANT_ID } from '../../src/simulators/demo-seed.js';
import { startDemoSimulators, type DemoSimulators } from '../../src/simulators/index.js';
import { nextTargets, openSse, type SseSubscription } from '../support/feed.js';
import { startGatewayProcess, type GatewayProcess } from '../support/gateway-process.js';
import { mintToken, TEST_JWT_SECRET } from '../support/gateway.js';
import { redisUnavailableReason, startRedis, type TestRedis } from '../support/redis.js';

const redisMissing = redisUnavailableReason();

// Needs a real redis-server: skipped, naming the package, where none is installed (.ci/run installs it).
describe.skipIf(redisMissing !== null)(`two gateway processes on one Redis${redisMissing === null ? '' : ` (skipped: ${redisMissing})`}`, () => {
  /**
   * Two gateway processes behind no load balancer but one real redis-server, one SIGN simulator
   * adding detections (late ones included) and failing for a while. Each subscriber, on either
   * instance, gets every detection once and in order; killing the poller's process hands the feed
   * to the other; the rate limit holds across both. Polls run on the processes' own clocks (a
   * short interval); the test waits for events, never for a time.
   */

  const FEED = 'subscription Feed($tenantId: String!) { threatDetected(tenantId: $tenantId, kind: OTHER, lineType: INT) { receivedAt target } }';
  const INT_SIM = '440130000096015';

  let redis: TestRedis;
  let simulators: DemoSimulators;
  let a: GatewayProcess;
  let b: GatewayProcess;
  const subscriptions: SseSubscription[] = [];

  beforeAll(async () => {
    redis = await startRedis();
    simulators = await startDemoSimulators();
    const env = {
      ...simulators.environment,
      REDIS_URL: redis.url,
      GATEWAY_JWT_SECRET: TEST_JWT_SECRET,
      GATEWAY_FEED_INTERVAL_SECONDS: '0.2',
      GATEWAY_FEED_LEASE_SECONDS: '1',
      // Three requests at once, then one a minute: the fourth within the test is refused.
      GATEWAY_RATE_LIMIT_PER_MINUTE: '1',
      GATEWAY_RATE_LIMIT_BURST: '3',
      GATEWAY_CACHE_TTL_SECONDS: '0',
      UPSTREAM_RETRIES: '0',
      UPSTREAM_BREAKER_FAILURES: '100000',
    };
    [a, b] = await Promise.all([startGatewayProcess(env), startGatewayProcess(env)]);
  }, 120_000);

  afterAll(async () => {
    await Promise.all(subscriptions.map((subscription) => subscription.close()));
    await Promise.all([a?.kill(), b?.kill()]);
    await simulators?.close();
    await redis?.stop();
  });

  const signFeedCalls = () => simulators.sign.requests.filter((request) => request.path.endsWith('/security/threat-summaries')).length;
  const wholeSecond = () => Math.floor(Date.now() / 1000) * 1000;

  /** Waits for `count` polls more (any instance's), by counting SIGN requests, not by a clock. */
  async function polls(count: number): Promise<void> {
    const target = signFeedCalls() + count;
    for (let attempt = 0; attempt < 3_000 && signFeedCalls() < target; attempt += 1) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(signFeedCalls()).toBeGreaterThanOrEqual(target);
  }

  async function subscribersOnRedis(): Promise<number> {
    const observer = new Redis(redis.url);
    try {
      const channels = (await observer.pubsub('CHANNELS', 'secops-gateway:v1:feed:*')) as string[];
      if (channels.length === 0) return 0;
      const counts = (await observer.pubsub('NUMSUB', ...channels)) as (string | number)[];
      return counts.filter((_value, index) => index % 2 === 1).reduce<number>((sum, value) => sum + Number(value), 0);
    } finally {
      observer.disconnect();
    }
  }

  describe('two gateway processes on one Redis', () => {
    it('hold a caller to one rate limit between them', async () => {
      const headers = { 'content-type': 'application/json', authorization: `Bearer ${await mintToken({ sub: 'busy-script@example.test', tenants: '*' })}` };
      const ask = (instance: GatewayProcess) => instance.fetch('/graphql', { method: 'POST', headers, body: JSON.stringify({ query: '{ __typename }' }) });
      const statuses = [];
      for (const instance of [a, b, a]) statuses.push((await ask(instance)).status);
      expect(statuses).toEqual([200, 200, 200]);
      // Each instance has seen at most two of this caller's requests: only a shared bucket is empty now.
      const refused = await ask(b);
      expect(refused.status).toBe(429);
      expect(((await refused.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('RATE_LIMITED');
    }, 60_000);

    it('deliver every detection once, in order, to subscribers on both, through SIGN failures and the death of the poller', async () => {
      const headers = { authorization: `Bearer ${await mintToken({ sub: 'soc-dashboard@example.test', tenants: [DEMO_TENANT_ID] })}` };
      const onA = await openSse(a.fetch, { query: FEED, variables: { tenantId: DEMO_TENANT_ID } }, headers);
      subscriptions.push(onA);
      expect(onA.status).toBe(200);
      // A polls first, so A holds the lease.
      await polls(1);
      const onB = await openSse(b.fetch, { query: FEED, variables: { tenantId: DEMO_TENANT_ID } }, headers);
      subscriptions.push(onB);
      expect(onB.status).toBe(200);
      for (let attempt = 0; attempt < 1_000 && (await subscribersOnRedis()) < 2; attempt += 1) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(await subscribersOnRedis()).toBe(2);

      // One new detection and one late one (received a minute ago), visible to the same poll.
      const now = wholeSecond();
      simulators.signArrivals.add({ tenantId: DEMO_TENANT_ID, kind: 'OTHER', simId: INT_SIM, target: 'new.example', receivedAt: now });
      simulators.signArrivals.add({ tenantId: DEMO_TENANT_ID, kind: 'OTHER', simId: INT_SIM, target: 'late.example', receivedAt: now - 60_000 });
      expect(await nextTargets(onA, 2)).toEqual(['late.example', 'new.example']);
      expect(await nextTargets(onB, 2)).toEqual(['late.example', 'new.example']);

      // SIGN fails for a while; a detection arrives meanwhile.
      simulators.sign.inject({ kind: 'status', status: 503 });
      simulators.signArrivals.add({ tenantId: DEMO_TENANT_ID, kind: 'OTHER', simId: INT_SIM, target: 'during-outage.example', receivedAt: wholeSecond() });
      await polls(3);
      expect([onA.buffered, onB.buffered]).toEqual([0, 0]);
      simulators.sign.clearFaults();
      expect(await nextTargets(onA, 1)).toEqual(['during-outage.example']);
      expect(await nextTargets(onB, 1)).toEqual(['during-outage.example']);

      // The poller's process dies without a word: B takes the feed over once the lease lapses.
      await a.kill();
      simulators.signArrivals.add({ tenantId: DEMO_TENANT_ID, kind: 'OTHER', simId: INT_SIM, target: 'after-takeover.example', receivedAt: wholeSecond() });
      expect(await nextTargets(onB, 1)).toEqual(['after-takeover.example']);
      await polls(3);
      expect(onB.buffered).toBe(0);
      expect(b.output()).not.toContain(TEST_JWT_SECRET);
    }, 120_000);
  });
});
