import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HashChecksDocument } from '../../schema/generated/graphql.js';
import { IndicatorReputationsDocument } from '../../schema/generated/graphql.js';
import { CLEAN_DOMAINS, MALICIOUS_DOMAINS, MALICIOUS_MD5 } from '../../src/simulators/demo-seed.js';
import { useTestGateway, withTestGateway } from '../support/gateway.js';
import { redisUnavailableReason, startRedis, type TestRedis } from '../support/redis.js';

/** The shared answer cache: in memory by default, in a real Redis shared by two gateway instances. */

const SUSPICIOUS = `query($v: [String!]!) { indicators(values: $v) { value suspiciousObject { scanAction } } }`;
const BLOCK = `mutation($v: String!) { blockIndicator(value: $v, notes: "cache test") { suspiciousObject { content } } }`;

describe('in memory', () => {
  it('answers a repeated reputation from the cache', async () => {
    await withTestGateway({ env: { GATEWAY_CACHE_TTL_SECONDS: '60' } }, async (gw) => {
      await gw.execute(IndicatorReputationsDocument, { values: [MALICIOUS_DOMAINS[0], CLEAN_DOMAINS[0]] });
      const again = await gw.execute(IndicatorReputationsDocument, { values: [MALICIOUS_DOMAINS[0], CLEAN_DOMAINS[0], MALICIOUS_DOMAINS[1]] });
      expect(again.data!.indicators.map((indicator) => indicator.reputation?.verdict)).toEqual(['DETECTED', 'NOT_DETECTED', 'DETECTED']);
      expect(gw.simulators.cybertrace.requests).toHaveLength(2);
      // Only the value not seen before went out the second time.
      expect(JSON.parse(gw.simulators.cybertrace.requests[1]!.body)).toEqual([{ object: MALICIOUS_DOMAINS[1] }]);
    });
  });

  it('keeps nothing when the TTL is 0', async () => {
    await withTestGateway({ env: { GATEWAY_CACHE_TTL_SECONDS: '0' } }, async (gw) => {
      await gw.execute(IndicatorReputationsDocument, { values: [MALICIOUS_DOMAINS[0]] });
      await gw.execute(IndicatorReputationsDocument, { values: [MALICIOUS_DOMAINS[0]] });
      expect(gw.simulators.cybertrace.requests).toHaveLength(2);
    });
  });
});

const redisMissing = redisUnavailableReason();
if (redisMissing !== null) console.warn(`Skipping the Redis cache tests: ${redisMissing}`);

describe.skipIf(redisMissing !== null)(`in Redis, shared by two gateway instances${redisMissing === null ? '' : ` (skipped: ${redisMissing})`}`, () => {
  let redis: TestRedis;
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    await redis?.stop();
  });
  // Each instance has its own simulators, so each one's upstream calls are counted apart.
  const first = useTestGateway(() => ({ env: { GATEWAY_CACHE_TTL_SECONDS: '60', REDIS_URL: redis.url } }));
  const second = useTestGateway(() => ({ env: { GATEWAY_CACHE_TTL_SECONDS: '60', REDIS_URL: redis.url } }));
  beforeAll(async () => {
    // The gateways connect in the background (a cache still connecting reads as a miss): wait for both.
    await redis.waitForClients(2);
  });

  it('serves one instance’s reputation lookups to the other', async () => {
    const values = [MALICIOUS_DOMAINS[2], CLEAN_DOMAINS[2]];
    const fromFirst = await first.execute(IndicatorReputationsDocument, { values });
    const fromSecond = await second.execute(IndicatorReputationsDocument, { values });
    expect(fromSecond.data).toEqual(fromFirst.data);
    expect(first.simulators.cybertrace.requests).toHaveLength(1);
    expect(second.simulators.cybertrace.requests).toHaveLength(0);
  });

  it('shares hash checks', async () => {
    await first.execute(HashChecksDocument, { values: [MALICIOUS_MD5[1]] });
    const fromSecond = await second.execute(HashChecksDocument, { values: [MALICIOUS_MD5[1]] });
    expect(fromSecond.data!.indicators[0]!.hashCheck?.malicious).toBe(true);
    expect(second.simulators.filesafer.requests).toHaveLength(0);
  });

  it('forgets the suspicious-object list on every instance when one changes it', async () => {
    first.simulators.reset();
    second.simulators.reset();
    await first.post({ query: SUSPICIOUS, variables: { v: ['185.220.101.45'] } });
    await second.post({ query: SUSPICIOUS, variables: { v: ['185.220.101.45'] } });
    expect(first.simulators.apex.requests).toHaveLength(1);
    expect(second.simulators.apex.requests).toHaveLength(0);

    const blocked = await second.post({ query: BLOCK, variables: { v: 'cache-test.example.org' } });
    expect(blocked.json.errors).toBeUndefined();
    await first.post({ query: SUSPICIOUS, variables: { v: ['185.220.101.45'] } });
    expect(first.simulators.apex.requests).toHaveLength(2);
  });
});

describe('a Redis that cannot be reached', () => {
  it('answers from the upstreams when Redis is gone', async () => {
    await withTestGateway({ env: { GATEWAY_CACHE_TTL_SECONDS: '60', REDIS_URL: 'redis://127.0.0.1:1' } }, async (orphan) => {
      const result = await orphan.execute(IndicatorReputationsDocument, { values: [MALICIOUS_DOMAINS[0]] });
      expect(result.errors).toBeUndefined();
      expect(result.data!.indicators[0]!.reputation?.verdict).toBe('DETECTED');
    });
  });
});
