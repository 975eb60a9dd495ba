import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { HashChecksDocument, IndicatorReputationsDocument } from '../../schema/generated/graphql.js';
import { RedisAnswerCache } from '../../src/cache/answer-cache.js';
import { INDICATOR_CACHE, WHOLE_LIST } from '../../src/indicators/loaders.js';
import type { ApexSuspiciousObject } from '../../src/upstreams/apex/models.js';
import { loadConfig } from '../../src/config.js';
import { createGatewayLogger } from '../../src/observability/logger.js';
import { configuredSecrets } from '../../src/redaction.js';
import { CLEAN_DOMAINS, MALICIOUS_DOMAINS, MALICIOUS_MD5 } from '../../src/simulators/demo-seed.js';
import { createUpstreams } from '../../src/upstreams/index.js';
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

describe.skipIf(redisMissing !== null)(`values read back from Redis${redisMissing === null ? '' : ` (skipped: ${redisMissing})`}`, () => {
  let redis: TestRedis;
  let writer: RedisAnswerCache;
  let reader: RedisAnswerCache;
  const problems: string[] = [];

  beforeAll(async () => {
    redis = await startRedis();
    writer = new RedisAnswerCache(redis.url, 60, (error) => problems.push(`writer: ${error.message}`));
    reader = new RedisAnswerCache(redis.url, 60, (error) => problems.push(error.message));
    // Connected is not yet ready: a write sent before ready would fail (no offline queue) and read as a miss.
    await Promise.all([writer.ready(), reader.ready()]);
  });
  afterAll(async () => {
    await writer?.close();
    await reader?.close();
    await redis?.stop();
  });

  it('comes back as the Apex model: expiresAt a Date again, not the ISO string Redis holds', async () => {
    const expiring: ApexSuspiciousObject = {
      type: 'domain',
      content: 'read-back.example.org',
      notes: null,
      scanAction: 'block',
      expiresAt: new Date('2031-05-06T07:08:09.000Z'),
    };
    const lasting: ApexSuspiciousObject = { type: 'ip', content: '203.0.113.9', notes: 'kept', scanAction: 'log', expiresAt: null };
    await writer.setMany(INDICATOR_CACHE.apexList, new Map([[WHOLE_LIST, [expiring, lasting]]]));
    const list = (await reader.getMany(INDICATOR_CACHE.apexList, [WHOLE_LIST])).get(WHOLE_LIST);
    expect(list).toEqual([expiring, lasting]);
    expect(list![0]!.expiresAt).toBeInstanceOf(Date);
    expect(problems).toEqual([]);
  });

  it('reads a value that is not the expected shape as a miss, and says so', async () => {
    // Written as another version of the gateway might have: the same namespace, another shape.
    await writer.setMany(
      { name: INDICATOR_CACHE.reputation.name, model: z.unknown() },
      new Map([['damaged.example.org', { verdict: 'MAYBE', detections: [] }]]),
    );
    const found = await reader.getMany(INDICATOR_CACHE.reputation, ['damaged.example.org']);
    expect(found.size).toBe(0);
    expect(problems).toEqual(['a cached reputation value is not the expected shape; read as a miss']);
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

describe('a Redis that fails', () => {
  /** Speaks enough Redis to refuse every command, quoting it back (as a careless proxy might): the AUTH command carries the password. */
  async function startRefusingRedis(): Promise<{ url: (password: string) => string; close(): Promise<void> }> {
    const server: Server = createServer((socket) => {
      socket.on('data', (command: Buffer) => socket.write(`-ERR refused: ${command.toString('utf8').replace(/\r\n/g, ' ')}\r\n`));
      socket.on('error', () => {});
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    return {
      url: (password) => `redis://:${password}@127.0.0.1:${port}`,
      close: () => new Promise<void>((resolve) => server.close(() => resolve())),
    };
  }

  it('is logged through the gateway logger: JSON lines, the password redacted, the request id on a failure inside a request', async () => {
    const redis = await startRefusingRedis();
    const password = 'redis-password-4f1c9e';
    const unused = 'http://127.0.0.1:1';
    const config = loadConfig(
      'demo',
      {},
      {
        SIGN_BASE_URL: unused,
        CYBERTRACE_BASE_URL: unused,
        CYBERTRACE_USERNAME: 'unused',
        CYBERTRACE_PASSWORD: 'unused',
        NCP_ACCESS_KEY: 'unused',
        NCP_SECRET_KEY: 'unused',
        APEX_BASE_URL: unused,
        APEX_APPLICATION_ID: 'unused',
        APEX_API_KEY: 'unused',
        GATEWAY_CACHE_TTL_SECONDS: '60',
        REDIS_URL: redis.url(password),
      },
    );
    const lines: string[] = [];
    // The JSON lines main.ts writes to stdout, written here instead.
    const logger = createGatewayLogger({ secrets: configuredSecrets(config), destination: { write: (line: string) => lines.push(line) } });
    const upstreams = createUpstreams(config, logger);
    try {
      const entries = () => lines.map((line) => JSON.parse(line) as Record<string, unknown>);
      // The refused AUTH arrives on its own, after the connection opens.
      for (let wait = 0; wait < 500 && !entries().some((entry) => / auth /i.test(String(entry['msg']))); wait += 1) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      await upstreams.cache.getMany(INDICATOR_CACHE.reputation, ['example.com'], 'req-cache-0001');

      const refusedAuth = entries().find((entry) => / auth /i.test(String(entry['msg'])));
      expect(refusedAuth).toMatchObject({ level: 40, service: 'secops-gateway' });
      expect(refusedAuth!['msg']).toMatch(/^answer cache unavailable, asking upstreams directly: ERR refused: .* auth \$\d+ \[redacted\] /i);
      expect(entries().find((entry) => entry['requestId'] === 'req-cache-0001')).toMatchObject({
        level: 40,
        msg: expect.stringMatching(/^answer cache unavailable, asking upstreams directly: /),
      });
      for (const line of lines) expect(line).not.toContain(password);
    } finally {
      await upstreams.close();
      await redis.close();
    }
  });
});
