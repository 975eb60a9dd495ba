import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator, type SimulatorReply } from '../../src/simulators/harness.js';
import { loadConfig } from '../../src/config.js';
import { createGatewayLogger } from '../../src/observability/logger.js';
import { ApexClient } from '../../src/upstreams/apex/client.js';
import { suspiciousObjectKey } from '../../src/indicators/suspicious-object-key.js';
import { createUpstreams, type Upstreams } from '../../src/upstreams/index.js';

/** ApexClient against canned answers on loopback: what it makes of odd or failing answers, and its token clock. */

const CREDENTIALS = { applicationId: 'app-id', apiKey: 'unit-test-key' };
const OK_META = { Result: '1', ErrorCode: '0', ErrorMsg: '' };

let running: { simulator: RunningSimulator; upstreams: Upstreams } | undefined;
async function stopRunning(): Promise<void> {
  await running?.upstreams.close();
  await running?.simulator.close();
  running = undefined;
}
afterEach(stopRunning);

/** The gateway's own HTTP helper (as configured for Apex) pointed at a canned answer. */
async function clientAnswering(reply: SimulatorReply, now?: () => number): Promise<{ client: ApexClient; simulator: RunningSimulator }> {
  const simulator = await startSimulator(() => reply);
  const unused = 'http://127.0.0.1:1';
  const config = loadConfig(
    'demo',
    {},
    {
      CYBERTRACE_BASE_URL: unused,
      CYBERTRACE_USERNAME: 'unused',
      CYBERTRACE_PASSWORD: 'unused',
      NCP_ACCESS_KEY: 'unused',
      NCP_SECRET_KEY: 'unused',
      APEX_BASE_URL: simulator.url,
      APEX_APPLICATION_ID: CREDENTIALS.applicationId,
      APEX_API_KEY: CREDENTIALS.apiKey,
    },
  );
  // Nothing here logs: the answer cache is in memory.
  const upstreams = createUpstreams(config, createGatewayLogger({ secrets: [], sink: () => {} }));
  running = { simulator, upstreams };
  return { client: new ApexClient(upstreams.apex, CREDENTIALS, now), simulator };
}

describe('ApexClient', () => {
  it('reads list rows in the add/delete names, "" notes and expiry as null, Data null as empty', async () => {
    const rows = [
      { type: 'file', content: 'ABC', notes: '', scan_action: 'block', expiration_utc_date: '2027-01-02T03:04:05Z' },
      { type: 'url', content: 'http://x.example/', notes: 'n', scan_action: 'log', expiration_utc_date: '' },
    ];
    const { client } = await clientAnswering({ status: 200, body: { Data: rows, Meta: OK_META } });
    expect(await client.list()).toEqual([
      { type: 'file_sha1', content: 'ABC', notes: null, scanAction: 'block', expiresAt: new Date('2027-01-02T03:04:05Z') },
      { type: 'url', content: 'http://x.example/', notes: 'n', scanAction: 'log', expiresAt: null },
    ]);
  });

  it('answers [] for a list whose Data is null', async () => {
    const { client } = await clientAnswering({ status: 200, body: { Data: null, Meta: { ...OK_META, Result: 1 } } });
    expect(await client.list({ type: 'file_sha1', contentContains: '' })).toEqual([]);
    expect(running!.simulator.requests[0]!.rawQuery).toBe('type=file');
  });

  it('calls a success status without Meta malformed, and a failure status without it a failure', async () => {
    const malformed = await clientAnswering({ status: 200, body: { Data: [] } });
    await expect(malformed.client.list()).rejects.toMatchObject({
      message: expect.stringMatching(/apex: answered a malformed list answer at Meta/),
      extensions: { code: 'UPSTREAM_ERROR', upstream: 'apex' },
    });
    await stopRunning();
    // A PUT, so the helper does not retry the 503.
    const failing = await clientAnswering({ status: 503, body: { error: 'maintenance' } });
    await expect(failing.client.add({ type: 'ip', content: '192.0.2.1', scanAction: 'log' })).rejects.toMatchObject({
      message: 'apex: failed (HTTP 503)',
      extensions: { code: 'UPSTREAM_ERROR', status: 503 },
    });
  });

  it('takes a refusal with Result other than "1" as an error even with HTTP 200; ErrorCode 4 on delete as not removed', async () => {
    const refused = await clientAnswering({ status: 200, body: { Meta: { Result: '0', ErrorCode: '4', ErrorMsg: 'missing' } } });
    expect(await refused.client.remove({ type: 'ip', content: '192.0.2.1' })).toBe(false);
    await expect(refused.client.add({ type: 'ip', content: '192.0.2.1', scanAction: 'log' })).rejects.toMatchObject({
      extensions: { upstreamCode: '4', status: 200 },
    });
  });

  it('stamps each token with the clock in whole seconds', async () => {
    const { client, simulator } = await clientAnswering({ status: 200, body: { Meta: OK_META } }, () => 1_763_596_800_999);
    await client.add({ type: 'domain', content: 'example.com', scanAction: 'block', expiresAt: new Date('2027-01-01T00:00:00.999Z') });
    const [, claims = ''] = String(simulator.requests[0]!.headers.authorization).split('.');
    expect(JSON.parse(Buffer.from(claims, 'base64url').toString('utf8'))).toMatchObject({ appid: 'app-id', iat: 1_763_596_800 });
    expect(JSON.parse(simulator.requests[0]!.body)).toEqual({
      param: { type: 'domain', content: 'example.com', scan_action: 'block', expiration_utc_date: '2027-01-01T00:00:00Z' },
    });
  });
});

describe('suspiciousObjectKey', () => {
  it('matches contents as indicator values are normalised', () => {
    expect(suspiciousObjectKey({ type: 'domain', content: 'Evil.Example.COM.' })).toBe(suspiciousObjectKey({ type: 'domain', content: 'evil.example.com' }));
    expect(suspiciousObjectKey({ type: 'url', content: 'HTTP://Host.Example/Path' })).toBe(
      suspiciousObjectKey({ type: 'url', content: 'http://host.example/Path' }),
    );
    expect(suspiciousObjectKey({ type: 'url', content: 'http://host.example/Path' })).not.toBe(
      suspiciousObjectKey({ type: 'url', content: 'http://host.example/path' }),
    );
    expect(suspiciousObjectKey({ type: 'ip', content: '192.0.2.1' })).not.toBe(suspiciousObjectKey({ type: 'domain', content: '192.0.2.1' }));
  });
});
