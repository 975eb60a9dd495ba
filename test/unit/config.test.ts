import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

const complete = {
  CYBERTRACE_BASE_URL: 'https://ct.example:9443',
  CYBERTRACE_USERNAME: 'analyst',
  CYBERTRACE_PASSWORD: 'secret',
  NCP_ACCESS_KEY: 'access',
  NCP_SECRET_KEY: 'ncp-secret',
  APEX_BASE_URL: 'https://apex.example',
  APEX_APPLICATION_ID: 'app',
  APEX_API_KEY: 'apex-key',
};

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig('live', env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('live configuration', () => {
  it('names every missing variable at once', () => {
    const named = problems({}).join('\n');
    for (const variable of Object.keys(complete)) expect(named).toContain(variable);
  });

  it('names malformed values', () => {
    const named = problems({ ...complete, CYBERTRACE_BASE_URL: 'ct.example', SIGN_AUTH_TOKEN: 'short', UPSTREAM_TIMEOUT_MS: 'soon', PORT: '99999' });
    expect(named).toHaveLength(4);
    expect(named.join('\n')).toMatch(/CYBERTRACE_BASE_URL.*http/);
    expect(named.join('\n')).toMatch(/SIGN_AUTH_TOKEN/);
  });

  it('applies the documented defaults, live mode closed by default', () => {
    const config = loadConfig('live', complete);
    expect(config).toMatchObject({
      port: 4000,
      host: '0.0.0.0',
      sign: { baseUrl: 'https://api.ntt.com/sdpf-iot-pf/v1' },
      cybertrace: { apiVersion: '1.1' },
      filesafer: { baseUrl: 'https://filesafer.apigw.ntruss.com' },
      upstreamHttp: { sign: { totalMs: 10_000 } },
      introspection: false,
      graphiql: false,
      feed: { intervalMs: 30_000, overlapMs: 300_000, leaseMs: 90_000, maxSubscriptionsPerCaller: 10 },
      shutdownTimeoutMs: 8_000,
    });
  });

  it('bounds the heap growth at 50% unless GATEWAY_HEAP_GROWTH_PERCENT says otherwise (0: V8 decides), a whole number 0..1000', () => {
    expect(loadConfig('live', complete).heapGrowthPercent).toBe(50);
    expect(loadConfig('live', { ...complete, GATEWAY_HEAP_GROWTH_PERCENT: '0' }).heapGrowthPercent).toBe(0);
    expect(loadConfig('live', { ...complete, GATEWAY_HEAP_GROWTH_PERCENT: '250' }).heapGrowthPercent).toBe(250);
    for (const refused of ['-1', '1.5', 'half', '1001'])
      expect(problems({ ...complete, GATEWAY_HEAP_GROWTH_PERCENT: refused }).join('\n')).toMatch(/GATEWAY_HEAP_GROWTH_PERCENT/);
  });

  it('gates GraphQL requests with a floor of 4 unless GATEWAY_ADMISSION_FLOOR says otherwise (0: no gate), a whole number 0..10000', () => {
    expect(loadConfig('live', complete).admissionFloor).toBe(4);
    expect(loadConfig('live', { ...complete, GATEWAY_ADMISSION_FLOOR: '0' }).admissionFloor).toBe(0);
    expect(loadConfig('live', { ...complete, GATEWAY_ADMISSION_FLOOR: '64' }).admissionFloor).toBe(64);
    for (const refused of ['-1', '2.5', 'many', '10001'])
      expect(problems({ ...complete, GATEWAY_ADMISSION_FLOOR: refused }).join('\n')).toMatch(/GATEWAY_ADMISSION_FLOOR/);
  });

  it('the demo listens on loopback only unless HOST is set', () => {
    expect(loadConfig('demo', complete).host).toBe('127.0.0.1');
    expect(loadConfig('demo', { ...complete, HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
  });

  it('reads the threat feed settings, and refuses a lease no longer than the interval', () => {
    expect(
      loadConfig('live', { ...complete, GATEWAY_FEED_INTERVAL_SECONDS: '0.2', GATEWAY_FEED_LEASE_SECONDS: '1', GATEWAY_MAX_SUBSCRIPTIONS_PER_CALLER: '3' })
        .feed,
    ).toEqual({
      intervalMs: 200,
      overlapMs: 300_000,
      leaseMs: 1_000,
      maxSubscriptionsPerCaller: 3,
    });
    expect(problems({ ...complete, GATEWAY_FEED_INTERVAL_SECONDS: '10', GATEWAY_FEED_LEASE_SECONDS: '10' })).toEqual([
      expect.stringMatching(/GATEWAY_FEED_LEASE_SECONDS must be longer than GATEWAY_FEED_INTERVAL_SECONDS/),
    ]);
    expect(problems({ ...complete, GATEWAY_FEED_INTERVAL_SECONDS: '0', GATEWAY_MAX_SUBSCRIPTIONS_PER_CALLER: '0' })).toHaveLength(2);
  });

  it('refuses to start, exiting 1 with the list of problems and no secret', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts', 'live'], {
      env: { PATH: process.env.PATH, CYBERTRACE_PASSWORD: 'hunter2-do-not-print', APEX_BASE_URL: 'apex.example' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('CYBERTRACE_BASE_URL');
    expect(run.stderr).toContain('APEX_BASE_URL');
    expect(run.stderr).toContain('NCP_SECRET_KEY');
    expect(run.stderr + run.stdout).not.toContain('hunter2-do-not-print');
  });
});
