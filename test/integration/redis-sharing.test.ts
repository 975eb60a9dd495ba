import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Detection } from '../../src/feed/detections.js';
import { RedisFeedCoordination } from '../../src/feed/redis-coordination.js';
import { RedisTokenBucketLimiter } from '../../src/security/rate-limiter.js';
import { DEMO_TENANT_ID } from '../../src/simulators/demo-seed.js';
import { manualTicker, openSse, until, type SseSubscription } from '../support/feed.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { redisUnavailableReason, startRedis, type TestRedis } from '../support/redis.js';

const redisMissing = redisUnavailableReason();

// Needs a real redis-server: skipped, naming the package, where none is installed (.ci/run installs it).
describe.skipIf(redisMissing !== null)(`Redis sharing${redisMissing === null ? '' : ` (skipped: ${redisMissing})`}`, () => {
  /**
   * What instances share through one real redis-server: the feed's lease, state and bursts, and the
   * rate limit's buckets. Two coordinations (or two gateways) in this process stand for two
   * instances; test/integration/instances.test.ts runs them as separate processes.
   */

  let redis: TestRedis;
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    await redis?.stop();
  });

  const T0 = Date.parse('2026-11-29T10:00:00Z');
  const row = (target: string): Detection => ({
    kind: 'OTHER',
    tenantId: DEMO_TENANT_ID,
    lineType: 'INT',
    simId: '440130000096015',
    detectedTarget: target,
    threatSeverity: 'high',
    threatType: 'spyware',
    receiveTime: new Date(T0).toISOString(),
    recordCount: 1,
    profileStatus: null,
    simName: null,
    isLocked: null,
  });

  describe('the feed lease in Redis', () => {
    it('lets one instance poll a feed; another takes over once the holder stops renewing, and the old holder can no longer commit', async () => {
      const feed = `feed-${randomUUID()}`;
      const a = new RedisFeedCoordination({ url: redis.url, leaseMs: 300, instanceId: 'a' });
      const b = new RedisFeedCoordination({ url: redis.url, leaseMs: 300, instanceId: 'b' });
      const heard: string[][] = [];
      const stopListening = await b.listen(feed, (burst) => heard.push(burst.map((detection) => detection.detectedTarget)));
      try {
        expect(await a.holdLease(feed)).toBe(true);
        expect(await b.holdLease(feed)).toBe(false);
        expect(await a.holdLease(feed)).toBe(true);
        expect(await a.commit(feed, { watermark: T0, seen: {} }, [row('one.example')])).toBe(true);
        await until(() => heard.length === 1, 'the first burst');

        // a stops renewing (its process hangs or dies): b gets the lease once it lapses.
        let tookOver = false;
        for (let attempt = 0; attempt < 2_000 && !tookOver; attempt += 1) {
          tookOver = await b.holdLease(feed);
          if (!tookOver) await new Promise((resolve) => setTimeout(resolve, 5));
        }
        expect(tookOver).toBe(true);
        expect(await b.loadState(feed)).toEqual({ watermark: T0, seen: {} });

        // a wakes up and tries to publish: refused, nothing stored, nothing heard.
        expect(await a.commit(feed, { watermark: T0 + 1, seen: {} }, [row('stale.example')])).toBe(false);
        expect(await b.commit(feed, { watermark: T0 + 2, seen: {} }, [row('two.example')])).toBe(true);
        await until(() => heard.length === 2, 'the second burst');
        expect(heard).toEqual([['one.example'], ['two.example']]);
        expect((await b.loadState(feed))?.watermark).toBe(T0 + 2);

        // Released, it is free at once.
        await b.releaseLease(feed);
        expect(await a.holdLease(feed)).toBe(true);
      } finally {
        await stopListening();
        await a.close();
        await b.close();
      }
    });
  });

  describe('two gateways on one Redis', () => {
    const gateways: TestGateway[] = [];
    let subscriptions: SseSubscription[] = [];

    afterAll(async () => {
      await Promise.all(subscriptions.map((subscription) => subscription.close()));
      for (const gateway of gateways) await gateway.close();
    });

    it('poll once for both, and deliver each detection once to subscribers on each', async () => {
      const clock = { now: T0 };
      const tickers = [manualTicker(), manualTicker()];
      for (const ticker of tickers) {
        gateways.push(await startTestGateway({ env: { REDIS_URL: redis.url }, feeds: { ticker: ticker.ticker, now: () => clock.now } }));
      }
      const [first, second] = gateways as [TestGateway, TestGateway];
      // Both gateways must read one SIGN: the second uses the first's simulators.
      const query = 'subscription Feed($tenantId: String!) { threatDetected(tenantId: $tenantId, kind: OTHER, lineType: INT) { receivedAt target } }';
      subscriptions = [
        await openSse(first.fetch, { query, variables: { tenantId: DEMO_TENANT_ID } }),
        await openSse(second.fetch, { query, variables: { tenantId: DEMO_TENANT_ID } }),
      ];
      await tickers[0]!.waitForRunning(1);
      await tickers[1]!.waitForRunning(1);
      // The two test gateways each have their own simulators: detections go to both SIGNs alike, so whichever instance polls sees them.
      const add = (target: string, receivedAt: number) => {
        for (const gateway of gateways)
          gateway.simulators.signArrivals.add({ tenantId: DEMO_TENANT_ID, kind: 'OTHER', simId: '440130000096015', target, receivedAt });
      };
      const summaryCalls = () =>
        gateways.map((gateway) => gateway.simulators.sign.requests.filter((request) => request.path.endsWith('/threat-summaries')).length);

      await tickers[0]!.tick();
      await tickers[1]!.tick();
      expect(summaryCalls()).toEqual([1, 0]);

      clock.now = T0 + 30_000;
      add('a.example', T0 + 10_000);
      add('b.example', T0 + 20_000);
      await tickers[1]!.tick();
      await tickers[0]!.tick();
      expect(summaryCalls()).toEqual([2, 0]);
      for (const subscription of subscriptions) {
        const targets = [await subscription.next(), await subscription.next()].map(
          (event) => (event.data as { threatDetected: { target: string } }).threatDetected.target,
        );
        expect(targets).toEqual(['a.example', 'b.example']);
      }
      expect(subscriptions.map((subscription) => subscription.buffered)).toEqual([0, 0]);
    });
  });

  describe('the rate limit in Redis', () => {
    it('holds one caller to one bucket across instances, and refills it with time', async () => {
      let now = T0;
      const options = { redisUrl: redis.url, perMinute: 60, burst: 3, now: () => now };
      const instances = [new RedisTokenBucketLimiter(options), new RedisTokenBucketLimiter(options)];
      const caller = `subject:${randomUUID()}`;
      try {
        const decisions = [];
        for (const instance of [0, 1, 0, 1]) decisions.push(await instances[instance]!.take(caller));
        expect(decisions.map((decision) => decision.allowed)).toEqual([true, true, true, false]);
        expect(decisions[3]).toEqual({ allowed: false, retryAfterSeconds: 1 });
        expect((await instances[0]!.take(`subject:${randomUUID()}`)).allowed).toBe(true);
        now += 1_000;
        expect((await instances[1]!.take(caller)).allowed).toBe(true);
        expect((await instances[0]!.take(caller)).allowed).toBe(false);
      } finally {
        await Promise.all(instances.map((instance) => instance.close()));
      }
    });

    it('goes on limiting with its own buckets when Redis is away', async () => {
      const errors: Error[] = [];
      const limiter = new RedisTokenBucketLimiter({
        redisUrl: 'redis://127.0.0.1:1',
        perMinute: 60,
        burst: 2,
        now: () => T0,
        onError: (error) => errors.push(error),
      });
      try {
        const decisions = [await limiter.take('caller'), await limiter.take('caller'), await limiter.take('caller')];
        expect(decisions.map((decision) => decision.allowed)).toEqual([true, true, false]);
        expect(errors.length).toBeGreaterThan(0);
      } finally {
        await limiter.close();
      }
    });
  });
});
