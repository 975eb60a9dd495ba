/**
 * The CyberTrace, File Safer and Apex Central simulators, driven with RecordedRequest objects
 * built here, plus one round over real loopback HTTP each. NCP signatures in the direct tests are
 * computed by hand with node:crypto; Apex tokens use the project's createApexToken (pinned by
 * fixed vectors in apex-signing.test.ts) except for the forged ones, built by hand.
 */
import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { APEX_ERROR_CODES, APEX_UDSO_PATH, createApexSimulator } from '../../src/simulators/apex.js';
import {
  CYBERTRACE_LOOKUP_PATH,
  CYBERTRACE_MAX_BODY_BYTES,
  DEMO_SUPPLIER_CATEGORY,
  createCyberTraceSimulator,
  cyberTraceLookupPath,
} from '../../src/simulators/cybertrace.js';
import {
  DEMO_APEX_CREDENTIALS,
  DEMO_CYBERTRACE_CREDENTIALS,
  DEMO_NCP_CREDENTIALS,
  LOOKUP_ERROR_DOMAINS,
  MALICIOUS_DOMAINS,
  MALICIOUS_IPS,
  MALICIOUS_MD5,
  MALICIOUS_SHA1,
  MALICIOUS_URLS,
  PREBLOCKED_OBJECTS,
} from '../../src/simulators/demo-seed.js';
import { FILESAFER_BASE_PATH, NCP_TIMESTAMP_TOLERANCE_MS, createFileSaferSimulator } from '../../src/simulators/filesafer.js';
import { startSimulator, type RecordedRequest, type RunningSimulator, type SimulatorHandler, type SimulatorReply } from '../../src/simulators/harness.js';
import { createApexToken } from '../../src/upstreams/apex/signing.js';
import { ncpAuthHeaders } from '../../src/upstreams/filesafer/signing.js';

const NOW_MS = Date.parse('2026-11-20T00:00:00Z');
const NOW_SECONDS = NOW_MS / 1000;

function recorded(method: string, pathAndQuery: string, headers: RecordedRequest['headers'] = {}, body = ''): RecordedRequest {
  const [path = '', rawQuery = ''] = pathAndQuery.split(/\?(.*)/s);
  return { method, path, rawQuery, query: new URLSearchParams(rawQuery), headers, body };
}

async function call(handler: SimulatorHandler, request: RecordedRequest): Promise<SimulatorReply & { body: any }> {
  return (await handler(request)) as SimulatorReply & { body: any };
}

const running: RunningSimulator[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((simulator) => simulator.close()));
});

async function serve(handler: SimulatorHandler): Promise<RunningSimulator> {
  const simulator = await startSimulator(handler);
  running.push(simulator);
  return simulator;
}

// ---------------------------------------------------------------------------------------------
describe('CyberTrace simulator', () => {
  const basic = `Basic ${Buffer.from(`${DEMO_CYBERTRACE_CREDENTIALS.username}:${DEMO_CYBERTRACE_CREDENTIALS.password}`).toString('base64')}`;
  const jsonHeaders = { authorization: basic, 'content-type': 'application/json' };
  const lookup = (objects: unknown, headers: RecordedRequest['headers'] = jsonHeaders) =>
    call(createCyberTraceSimulator(), recorded('POST', CYBERTRACE_LOOKUP_PATH, headers, typeof objects === 'string' ? objects : JSON.stringify(objects)));

  describe('authentication', () => {
    it('answers 401 with the vendor error array when Basic auth is missing', async () => {
      const reply = await lookup([{ object: '8.8.8.8' }], { 'content-type': 'application/json' });
      expect(reply.status).toBe(401);
      expect(reply.body).toEqual([{ status: 'Unauthorized', reason: expect.any(String) }]);
    });

    it('answers 401 for a wrong password and for a non-Basic scheme', async () => {
      const wrong = `Basic ${Buffer.from(`${DEMO_CYBERTRACE_CREDENTIALS.username}:nope`).toString('base64')}`;
      expect((await lookup([{ object: '8.8.8.8' }], { ...jsonHeaders, authorization: wrong })).status).toBe(401);
      expect((await lookup([{ object: '8.8.8.8' }], { ...jsonHeaders, authorization: 'Bearer abc' })).status).toBe(401);
    });
  });

  describe('request limits', () => {
    it('refuses a non-JSON content type with 415 and accepts the documented charset', async () => {
      const refused = await lookup([{ object: '8.8.8.8' }], { authorization: basic, 'content-type': 'text/plain' });
      expect(refused.status).toBe(415);
      expect(refused.body[0]).toMatchObject({ status: 'Unsupported Media Type' });
      const accepted = await lookup([{ object: '8.8.8.8' }], { authorization: basic, 'content-type': 'application/json; charset=utf-8' });
      expect(accepted.status).toBe(200);
    });

    it.each([
      ['an empty array', []],
      ['an object instead of an array', { object: '8.8.8.8' }],
      ['an item without "object"', [{ value: '8.8.8.8' }]],
      ['a non-string object', [{ object: 42 }]],
      ['invalid JSON', '[{"object":'],
    ])('answers 400 for %s', async (_name, body) => {
      const reply = await lookup(body);
      expect(reply.status).toBe(400);
      expect(reply.body).toEqual([{ status: 'Bad Request', reason: expect.any(String) }]);
    });

    it('answers 413 when Content-Length exceeds 64 MB, and accepts exactly 64 MB', async () => {
      const body = JSON.stringify([{ object: '8.8.8.8' }]);
      expect((await lookup(body, { ...jsonHeaders, 'content-length': String(CYBERTRACE_MAX_BODY_BYTES + 1) })).status).toBe(413);
      expect((await lookup(body, { ...jsonHeaders, 'content-length': String(CYBERTRACE_MAX_BODY_BYTES) })).status).toBe(200);
    });

    it('answers 413 for an oversized body sent without Content-Length', async () => {
      const reply = await lookup('x'.repeat(CYBERTRACE_MAX_BODY_BYTES + 1));
      expect(reply.status).toBe(413);
    });

    it('serves only POST on the lookup path of its API version', async () => {
      const simulator = createCyberTraceSimulator({ apiVersion: '1.0' });
      const body = JSON.stringify([{ object: '8.8.8.8' }]);
      expect(cyberTraceLookupPath('1.0')).toBe('/api/1.0/lookup');
      expect((await call(simulator, recorded('POST', '/api/1.0/lookup', jsonHeaders, body))).status).toBe(200);
      expect((await call(simulator, recorded('POST', '/api/1.1/lookup', jsonHeaders, body))).status).toBe(404);
      expect((await call(simulator, recorded('GET', '/api/1.0/lookup', jsonHeaders))).status).toBe(405);
    });
  });

  describe('answers', () => {
    it('answers one item per object, in order, duplicates included', async () => {
      const objects = ['8.8.8.8', MALICIOUS_IPS[1], 'www.ntt.com', '8.8.8.8'];
      const reply = await lookup(objects.map((object) => ({ object })));
      expect(reply.status).toBe(200);
      expect(reply.body.map((item: { object: string }) => item.object)).toEqual(objects);
      expect(reply.body.map((item: { result: string }) => item.result)).toEqual(['not detected', 'detected', 'not detected', 'not detected']);
    });

    it('detects a malicious domain whatever its case, with Kaspersky and custom supplier categories', async () => {
      const [item] = (await lookup([{ object: MALICIOUS_DOMAINS[0].toUpperCase() }])).body;
      expect(item).toMatchObject({ object: MALICIOUS_DOMAINS[0].toUpperCase(), result: 'detected' });
      expect(item).not.toHaveProperty('detects');
      const names = item.categories.map((category: { category: string }) => category.category);
      expect(names).toEqual(['KL_Botnet_CnC_URL', DEMO_SUPPLIER_CATEGORY]);
      expect(item.categories[0]).toMatchObject({
        detected_indicator: MALICIOUS_DOMAINS[0],
        context: { first_seen: expect.any(String), threat: expect.any(String) },
      });
    });

    it('answers hash detections under "detects", as the vendor example does, matching any case', async () => {
      const [item] = (await lookup([{ object: 'C1153422C5F68E731347F6A33F791598' }])).body;
      expect(item).toMatchObject({ object: 'C1153422C5F68E731347F6A33F791598', result: 'detected' });
      expect(item).not.toHaveProperty('categories');
      expect(item.detects).toEqual([
        {
          category: 'KL_Malicious_Hash',
          detected_indicator: 'C1153422C5F68E731347F6A33F791598',
          context: { first_seen: '10.07.2015 23:53', threat: expect.any(String) },
        },
      ]);
      const [sha1] = (await lookup([{ object: MALICIOUS_SHA1[0] }])).body;
      expect(sha1.detects[0].category).toBe('KL_Malicious_Hash');
    });

    it('knows IP reputation and phishing URLs', async () => {
      const [ip, url] = (await lookup([{ object: MALICIOUS_IPS[1] }, { object: MALICIOUS_URLS[1] }])).body;
      expect(ip.categories[0]).toMatchObject({ category: 'KL_IP_Reputation', detected_indicator: MALICIOUS_IPS[1] });
      expect(url.categories[0]).toMatchObject({ category: 'KL_Phishing_URL', detected_indicator: MALICIOUS_URLS[1] });
    });

    it('answers a per-object error with its reason', async () => {
      const [item] = (await lookup([{ object: LOOKUP_ERROR_DOMAINS[0] }])).body;
      expect(item).toEqual({ object: LOOKUP_ERROR_DOMAINS[0], result: 'error', reason: expect.stringContaining('timed out') });
    });
  });

  it('works over real HTTP, where the harness counts the lookups', async () => {
    const simulator = await serve(createCyberTraceSimulator());
    const answer = await fetch(`${simulator.url}${CYBERTRACE_LOOKUP_PATH}`, {
      method: 'POST',
      headers: { authorization: basic, 'content-type': 'application/json; charset=utf-8', accept: 'application/json' },
      body: JSON.stringify([{ object: MALICIOUS_DOMAINS[3] }, { object: '1.1.1.1' }]),
    });
    expect(answer.status).toBe(200);
    expect(((await answer.json()) as { result: string }[]).map((item) => item.result)).toEqual(['detected', 'not detected']);
    const unauthorized = await fetch(`${simulator.url}${CYBERTRACE_LOOKUP_PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '[{"object":"1.1.1.1"}]',
    });
    expect(unauthorized.status).toBe(401);
    expect(simulator.requests).toHaveLength(2);
  });
});

// ---------------------------------------------------------------------------------------------
describe('File Safer simulator', () => {
  const { accessKey, secretKey, apiKey } = DEMO_NCP_CREDENTIALS;

  /** Signature v2 by hand, independent of src/upstreams/filesafer/signing.ts. */
  function ncpHeaders(method: string, uri: string, options: { timestamp?: number; accessKey?: string; secretKey?: string; apiKey?: string | null } = {}) {
    const timestamp = String(options.timestamp ?? NOW_MS);
    const key = options.accessKey ?? accessKey;
    const signature = createHmac('sha256', options.secretKey ?? secretKey)
      .update(`${method} ${uri}\n${timestamp}\n${key}`)
      .digest('base64');
    const headers: Record<string, string> = { 'x-ncp-apigw-timestamp': timestamp, 'x-ncp-iam-access-key': key, 'x-ncp-apigw-signature-v2': signature };
    const sentApiKey = options.apiKey === undefined ? apiKey : options.apiKey;
    if (sentApiKey !== null) headers['x-ncp-apigw-api-key'] = sentApiKey;
    return headers;
  }

  const simulator = () => createFileSaferSimulator({ now: () => NOW_MS });
  const checkHashUri = (hashCode: string, hashType: string) => `${FILESAFER_BASE_PATH}/checkHash?hashCode=${hashCode}&hashType=${hashType}`;

  function signedGet(handler: SimulatorHandler, uri: string) {
    return call(handler, recorded('GET', uri, ncpHeaders('GET', uri)));
  }

  function signedPost(handler: SimulatorHandler, operation: string, body: unknown, contentType = 'application/json') {
    const uri = `${FILESAFER_BASE_PATH}/${operation}`;
    return call(handler, recorded('POST', uri, { ...ncpHeaders('POST', uri), 'content-type': contentType }, JSON.stringify(body)));
  }

  describe('NCP API Gateway authentication', () => {
    const uri = checkHashUri(MALICIOUS_SHA1[0], 'sha1');
    const authFailed = { error: { errorCode: '200', message: 'Authentication Failed', details: expect.any(String) } };

    it('accepts a correct signature over the query exactly as sent', async () => {
      expect((await signedGet(simulator(), uri)).status).toBe(200);
    });

    it('answers 401 when the signature covers something else (the query in another order)', async () => {
      const reordered = `${FILESAFER_BASE_PATH}/checkHash?hashType=sha1&hashCode=${MALICIOUS_SHA1[0]}`;
      const reply = await call(simulator(), recorded('GET', uri, ncpHeaders('GET', reordered)));
      expect(reply).toEqual({ status: 401, body: authFailed });
    });

    it('answers 401 for a signature made with the wrong secret', async () => {
      const reply = await call(simulator(), recorded('GET', uri, ncpHeaders('GET', uri, { secretKey: 'not-the-secret' })));
      expect(reply).toEqual({ status: 401, body: authFailed });
    });

    it('answers 401 for a timestamp more than 5 minutes off either way, and accepts exactly 5 minutes', async () => {
      for (const offset of [NCP_TIMESTAMP_TOLERANCE_MS + 1, -(NCP_TIMESTAMP_TOLERANCE_MS + 1)]) {
        const reply = await call(simulator(), recorded('GET', uri, ncpHeaders('GET', uri, { timestamp: NOW_MS - offset })));
        expect(reply).toEqual({ status: 401, body: authFailed });
      }
      const edge = await call(simulator(), recorded('GET', uri, ncpHeaders('GET', uri, { timestamp: NOW_MS - NCP_TIMESTAMP_TOLERANCE_MS })));
      expect(edge.status).toBe(200);
    });

    it('answers 401 for an unknown access key, even when signed consistently with it', async () => {
      const reply = await call(simulator(), recorded('GET', uri, ncpHeaders('GET', uri, { accessKey: 'UNKNOWNACCESSKEY0001' })));
      expect(reply).toEqual({ status: 401, body: authFailed });
    });

    it.each(['x-ncp-apigw-timestamp', 'x-ncp-iam-access-key', 'x-ncp-apigw-signature-v2'])('answers 401 without %s', async (name) => {
      const headers: Record<string, string> = ncpHeaders('GET', uri);
      delete headers[name];
      expect((await call(simulator(), recorded('GET', uri, headers))).status).toBe(401);
    });

    it('answers 403 without the API key it is configured with, and needs none when configured without', async () => {
      const reply = await call(simulator(), recorded('GET', uri, ncpHeaders('GET', uri, { apiKey: null })));
      expect(reply).toEqual({ status: 403, body: { error: { errorCode: '230', message: 'Forbidden', details: expect.any(String) } } });
      expect((await call(simulator(), recorded('GET', uri, ncpHeaders('GET', uri, { apiKey: 'wrong' })))).status).toBe(403);
      const keyless = createFileSaferSimulator({ apiKey: null, now: () => NOW_MS });
      expect((await call(keyless, recorded('GET', uri, ncpHeaders('GET', uri, { apiKey: null })))).status).toBe(200);
    });

    it('answers the gateway 404 for an unknown resource or the wrong method', async () => {
      const unknown = await signedGet(simulator(), `${FILESAFER_BASE_PATH}/nothingHere`);
      expect(unknown).toEqual({ status: 404, body: { error: { errorCode: '300', message: 'Not Found Exception', details: expect.any(String) } } });
      expect((await signedGet(simulator(), `${FILESAFER_BASE_PATH}/getThresholdNotiConfig`)).status).toBe(404);
    });
  });

  describe('checkHash', () => {
    it('answers a known SHA-1 as malware with its group', async () => {
      const reply = await signedGet(simulator(), checkHashUri(MALICIOUS_SHA1[0], 'sha1'));
      expect(reply).toEqual({
        status: 200,
        body: {
          returnCode: '0',
          returnMessage: 'success',
          totalRows: 1,
          hashCheckResultList: [{ hashType: 'sha1', hashCode: MALICIOUS_SHA1[0], group: expect.any(String), result: 'malware' }],
        },
      });
    });

    it('matches an MD5 whatever its case', async () => {
      const upper = MALICIOUS_MD5[1].toUpperCase();
      const reply = await signedGet(simulator(), checkHashUri(upper, 'md5'));
      expect(reply.body.hashCheckResultList).toEqual([{ hashType: 'md5', hashCode: upper, group: expect.any(String), result: 'malware' }]);
    });

    it('answers an unknown hash with an empty list', async () => {
      const reply = await signedGet(simulator(), checkHashUri('0'.repeat(40), 'sha1'));
      expect(reply).toEqual({ status: 200, body: { returnCode: '0', returnMessage: 'success', totalRows: 0, hashCheckResultList: [] } });
    });

    it.each([
      ['an MD5 type with 40 hex digits', checkHashUri(MALICIOUS_SHA1[0], 'md5')],
      ['a SHA-1 type with 32 hex digits', checkHashUri(MALICIOUS_MD5[0], 'sha1')],
      ['an unsupported type', checkHashUri('a'.repeat(64), 'sha256')],
      ['non-hex digits', checkHashUri('z'.repeat(40), 'sha1')],
      ['no hashType', `${FILESAFER_BASE_PATH}/checkHash?hashCode=${MALICIOUS_SHA1[0]}`],
      ['a repeated hashCode', `${checkHashUri(MALICIOUS_SHA1[0], 'sha1')}&hashCode=${MALICIOUS_SHA1[1]}`],
    ])('answers HTTP 200 with returnCode 140001 for %s', async (_name, uri) => {
      expect(await signedGet(simulator(), uri)).toEqual({ status: 200, body: { returnCode: '140001', returnMessage: 'Parameter is invalid' } });
    });
  });

  describe('threshold notification settings', () => {
    it('starts with one MAL setting, replaces per type, and removes all', async () => {
      const handler = simulator();
      const get = async () => (await signedPost(handler, 'getThresholdNotiConfig', {})).body;
      expect(await get()).toEqual({
        returnCode: '0',
        returnMessage: 'success',
        thresholdNotificationInfoList: [{ notificationType: 'MAL', referenceTime: 5, thresholdValue: 1 }],
      });

      expect((await signedPost(handler, 'setThresholdNotiConfig', { notificationType: 'ERR', referenceTime: 10, thresholdValue: 100 })).body).toEqual({
        returnCode: '0',
        returnMessage: 'success',
      });
      expect((await signedPost(handler, 'setThresholdNotiConfig', { notificationType: 'MAL', referenceTime: 30, thresholdValue: 1000 })).body.returnCode).toBe(
        '0',
      );
      expect((await get()).thresholdNotificationInfoList).toEqual([
        { notificationType: 'MAL', referenceTime: 30, thresholdValue: 1000 },
        { notificationType: 'ERR', referenceTime: 10, thresholdValue: 100 },
      ]);
      expect(handler.thresholdSettings()).toHaveLength(2);

      expect((await signedPost(handler, 'removeThresholdNotiConfig', {})).body).toEqual({ returnCode: '0', returnMessage: 'success' });
      expect((await get()).thresholdNotificationInfoList).toEqual([]);
      expect(handler.thresholdSettings()).toEqual([]);
    });

    it('reads the settings with no body at all, as the vendor curl example does', async () => {
      const uri = `${FILESAFER_BASE_PATH}/getThresholdNotiConfig`;
      const reply = await call(simulator(), recorded('POST', uri, ncpHeaders('POST', uri)));
      expect(reply.body.thresholdNotificationInfoList).toHaveLength(1);
    });

    it.each([
      ['an unknown type', { notificationType: 'WARN', referenceTime: 5, thresholdValue: 1 }],
      ['a referenceTime off the 5-minute step', { notificationType: 'MAL', referenceTime: 7, thresholdValue: 1 }],
      ['a referenceTime over 30', { notificationType: 'MAL', referenceTime: 35, thresholdValue: 1 }],
      ['a referenceTime of 0', { notificationType: 'MAL', referenceTime: 0, thresholdValue: 1 }],
      ['a thresholdValue of 0', { notificationType: 'MAL', referenceTime: 5, thresholdValue: 0 }],
      ['a thresholdValue over 1000', { notificationType: 'MAL', referenceTime: 5, thresholdValue: 1001 }],
      ['numbers sent as strings', { notificationType: 'MAL', referenceTime: '5', thresholdValue: '1' }],
      ['a missing field', { notificationType: 'MAL', referenceTime: 5 }],
    ])('refuses %s with HTTP 200 and returnCode 140001, keeping the old setting', async (_name, body) => {
      const handler = simulator();
      expect(await signedPost(handler, 'setThresholdNotiConfig', body)).toEqual({
        status: 200,
        body: { returnCode: '140001', returnMessage: 'Parameter is invalid' },
      });
      expect(handler.thresholdSettings()).toEqual([{ notificationType: 'MAL', referenceTime: 5, thresholdValue: 1 }]);
    });

    it('answers the gateway 400 for a POST body that is not JSON-typed', async () => {
      const reply = await signedPost(simulator(), 'setThresholdNotiConfig', { notificationType: 'MAL', referenceTime: 5, thresholdValue: 1 }, 'text/plain');
      expect(reply).toEqual({ status: 400, body: { error: { errorCode: '100', message: 'Bad Request Exception', details: expect.any(String) } } });
    });
  });

  it('accepts the project signing module over real HTTP, query string included', async () => {
    const server = await serve(createFileSaferSimulator());
    const uri = checkHashUri(MALICIOUS_MD5[0], 'md5');
    const answer = await fetch(`${server.url}${uri}`, { headers: ncpAuthHeaders({ method: 'GET', uri, accessKey, secretKey, apiKey }) });
    expect(answer.status).toBe(200);
    expect(((await answer.json()) as { totalRows: number }).totalRows).toBe(1);
    const stale = ncpAuthHeaders({ method: 'GET', uri, accessKey, secretKey, apiKey, now: () => Date.now() - NCP_TIMESTAMP_TOLERANCE_MS - 60_000 });
    expect((await fetch(`${server.url}${uri}`, { headers: stale })).status).toBe(401);
    expect(server.requests.map((request) => request.rawQuery)).toEqual([uri.split('?')[1], uri.split('?')[1]]);
  });
});

// ---------------------------------------------------------------------------------------------
describe('Apex Central simulator', () => {
  const { applicationId, apiKey } = DEMO_APEX_CREDENTIALS;
  const ADD_PATH = `${APEX_UDSO_PATH}/`;
  const simulator = () => createApexSimulator({ now: () => NOW_MS });

  function bearer(method: string, pathAndQuery: string, body = '', overrides: { issuedAt?: number; apiKey?: string; applicationId?: string } = {}) {
    const token = createApexToken({
      applicationId: overrides.applicationId ?? applicationId,
      apiKey: overrides.apiKey ?? apiKey,
      method,
      pathAndQuery,
      body,
      issuedAt: overrides.issuedAt ?? NOW_SECONDS,
    });
    return `Bearer ${token}`;
  }

  function signed(handler: SimulatorHandler, method: string, pathAndQuery: string, body = '') {
    const headers: Record<string, string> = { authorization: bearer(method, pathAndQuery, body) };
    if (method === 'PUT') headers['content-type'] = 'application/json;charset=utf-8';
    return call(handler, recorded(method, pathAndQuery, headers, body));
  }

  const addBody = (param: Record<string, unknown>) => JSON.stringify({ param });
  const list = (handler: SimulatorHandler, query = '') => signed(handler, 'GET', `${APEX_UDSO_PATH}${query}`);

  function meta(reply: { body: any }) {
    return reply.body.Meta as { Result: string; ErrorCode: string; ErrorMsg: string };
  }

  describe('authentication', () => {
    const listPath = `${APEX_UDSO_PATH}?type=ip`;
    const expectFailure = (reply: { status: number; body: any }, errorCode: string) => {
      expect(reply.status).toBe(401);
      expect(reply.body).toEqual({ Meta: { Result: '0', ErrorCode: errorCode, ErrorMsg: expect.any(String) } });
    };

    it('answers 401 ErrorCode 19 without a bearer token', async () => {
      expectFailure(await call(simulator(), recorded('GET', listPath)), APEX_ERROR_CODES.invalidToken);
      expectFailure(await call(simulator(), recorded('GET', listPath, { authorization: 'Basic abc' })), '19');
    });

    it('answers 401 ErrorCode 19 for a token signed with another key, or for another application', async () => {
      expectFailure(await call(simulator(), recorded('GET', listPath, { authorization: bearer('GET', listPath, '', { apiKey: 'not-the-key' }) })), '19');
      expectFailure(
        await call(simulator(), recorded('GET', listPath, { authorization: bearer('GET', listPath, '', { applicationId: 'someone-else' }) })),
        '19',
      );
    });

    it('answers 401 ErrorCode 19 for an unsigned ("alg": "none") token', async () => {
      const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
      const claims = { appid: applicationId, iat: NOW_SECONDS, version: 'V1', checksum: 'x' };
      const token = `${encode({ alg: 'none', typ: 'JWT' })}.${encode(claims)}.${encode({})}`;
      expectFailure(await call(simulator(), recorded('GET', listPath, { authorization: `Bearer ${token}` })), '19');
    });

    it('answers 401 ErrorCode 18 for a token over 5 minutes old or issued in the future', async () => {
      expectFailure(
        await call(simulator(), recorded('GET', listPath, { authorization: bearer('GET', listPath, '', { issuedAt: NOW_SECONDS - 301 }) })),
        APEX_ERROR_CODES.tokenExpired,
      );
      expectFailure(await call(simulator(), recorded('GET', listPath, { authorization: bearer('GET', listPath, '', { issuedAt: NOW_SECONDS + 120 }) })), '18');
      const recent = await call(simulator(), recorded('GET', listPath, { authorization: bearer('GET', listPath, '', { issuedAt: NOW_SECONDS - 299 }) }));
      expect(recent.status).toBe(200);
    });

    it('answers 401 ErrorCode 20 when the body changed after signing', async () => {
      const signedBody = addBody({ type: 'ip', content: '10.0.0.1', scan_action: 'log' });
      const sentBody = addBody({ type: 'ip', content: '10.0.0.1', scan_action: 'block' });
      const headers = { authorization: bearer('PUT', ADD_PATH, signedBody), 'content-type': 'application/json' };
      expectFailure(await call(simulator(), recorded('PUT', ADD_PATH, headers, sentBody)), APEX_ERROR_CODES.checksumMismatch);
    });

    it('answers 401 ErrorCode 20 when the query or the method differs from the signed one', async () => {
      expectFailure(await call(simulator(), recorded('GET', `${APEX_UDSO_PATH}?type=url`, { authorization: bearer('GET', listPath) })), '20');
      const deletePath = `${APEX_UDSO_PATH}?type=ip&content=185.220.101.45`;
      expectFailure(await call(simulator(), recorded('DELETE', deletePath, { authorization: bearer('GET', deletePath) })), '20');
    });

    it('accepts a path in another case: the checksum and the routes ignore case', async () => {
      const upper = '/WEBAPP/API/SuspiciousObjects/UserDefinedSO?type=ip';
      const reply = await call(simulator(), recorded('GET', upper, { authorization: bearer('GET', upper) }));
      expect(reply.status).toBe(200);
    });
  });

  describe('list', () => {
    it('lists the pre-blocked objects with the success envelope, naming SHA-1 objects "file"', async () => {
      const reply = await list(simulator());
      expect(reply.status).toBe(200);
      expect(reply.body).toMatchObject({
        Meta: { Result: '1', ErrorCode: '0', ErrorMsg: '' },
        PermissionCtrl: { permission: '255', elements: null },
        FeatureCtrl: { mode: expect.any(String) },
        SystemCtrl: { TmcmSoDist_Role: expect.any(String) },
      });
      expect(reply.body.Data).toEqual(
        PREBLOCKED_OBJECTS.map((object) => ({
          type: object.type === 'file_sha1' ? 'file' : object.type,
          content: object.content,
          notes: object.notes,
          scan_action: object.scanAction,
          expiration_utc_date: null,
        })),
      );
    });

    it('filters by type "file" and by a content substring', async () => {
      const handler = simulator();
      expect((await list(handler, '?type=file')).body.Data.map((row: { content: string }) => row.content)).toEqual([MALICIOUS_SHA1[0]]);
      expect((await list(handler, '?contentFilter=malware-cdn')).body.Data.map((row: { type: string }) => row.type)).toEqual(['url']);
      expect((await list(handler, '?type=ip&contentFilter=malware-cdn')).body.Data).toEqual([]);
    });

    it('refuses the add/delete name "file_sha1" as a list type', async () => {
      const reply = await list(simulator(), '?type=file_sha1');
      expect(reply.status).toBe(400);
      expect(meta(reply)).toMatchObject({ Result: '0', ErrorCode: APEX_ERROR_CODES.invalidParameter });
    });
  });

  describe('add, list and delete', () => {
    it('adds an object, updates it when added again, and deletes it', async () => {
      const handler = simulator();
      const url = 'https://evil.example.net/login?next=%2Fhome';
      const first = await signed(
        handler,
        'PUT',
        ADD_PATH,
        addBody({ type: 'url', content: url, notes: '不審なURL', scan_action: 'log', expiration_utc_date: '2026-12-31T23:59:59Z' }),
      );
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ Meta: { Result: '1', ErrorCode: '0', ErrorMsg: '' }, PermissionCtrl: { permission: '255' } });

      expect((await signed(handler, 'PUT', ADD_PATH, addBody({ type: 'url', content: url, scan_action: 'block' }))).status).toBe(200);
      const rows = (await list(handler, '?type=url&contentFilter=evil.example')).body.Data;
      expect(rows).toEqual([{ type: 'url', content: url, notes: '', scan_action: 'block', expiration_utc_date: null }]);
      expect(handler.objects()).toHaveLength(PREBLOCKED_OBJECTS.length + 1);

      const deletePath = `${APEX_UDSO_PATH}?${new URLSearchParams({ type: 'url', content: url })}`;
      const removed = await signed(handler, 'DELETE', deletePath);
      expect(removed.status).toBe(200);
      expect(meta(removed)).toEqual({ Result: '1', ErrorCode: '0', ErrorMsg: '' });
      expect((await list(handler, '?type=url&contentFilter=evil.example')).body.Data).toEqual([]);
    });

    it('answers a delete of an absent object with HTTP 404 and ErrorCode 4', async () => {
      const reply = await signed(simulator(), 'DELETE', `${APEX_UDSO_PATH}?type=ip&content=10.9.9.9`);
      expect(reply).toEqual({ status: 404, body: { Meta: { Result: '0', ErrorCode: APEX_ERROR_CODES.objectNotFound, ErrorMsg: expect.any(String) } } });
    });

    it('deletes a SHA-1 object as "file_sha1", whatever the case, and refuses "file"', async () => {
      const handler = simulator();
      expect((await signed(handler, 'DELETE', `${APEX_UDSO_PATH}?type=file&content=${MALICIOUS_SHA1[0]}`)).status).toBe(400);
      const removed = await signed(handler, 'DELETE', `${APEX_UDSO_PATH}?type=file_sha1&content=${MALICIOUS_SHA1[0].toUpperCase()}`);
      expect(meta(removed).Result).toBe('1');
      expect((await list(handler, '?type=file')).body.Data).toEqual([]);
    });

    it.each([
      ['a url without a scheme', { type: 'url', content: 'evil.example.net/x', scan_action: 'log' }],
      ['a url over 2047 characters', { type: 'url', content: `https://e.example/${'a'.repeat(2030)}`, scan_action: 'log' }],
      ['a SHA-1 of 39 hex digits', { type: 'file_sha1', content: 'a'.repeat(39), scan_action: 'log' }],
      ['an MD5 as file_sha1', { type: 'file_sha1', content: MALICIOUS_MD5[0], scan_action: 'log' }],
      ['an ip out of range', { type: 'ip', content: '256.1.1.1', scan_action: 'log' }],
      ['an IPv6 ip', { type: 'ip', content: '2001:db8::1', scan_action: 'log' }],
      ['a domain with a space', { type: 'domain', content: 'bad domain.example', scan_action: 'log' }],
      ['notes over 256 characters', { type: 'ip', content: '10.0.0.1', scan_action: 'log', notes: 'n'.repeat(257) }],
      ['a scan_action other than log or block', { type: 'ip', content: '10.0.0.1', scan_action: 'quarantine' }],
      ['no scan_action', { type: 'ip', content: '10.0.0.1' }],
      ['an MD5 type', { type: 'file_md5', content: MALICIOUS_MD5[0], scan_action: 'log' }],
      ['an expiration with a space', { type: 'ip', content: '10.0.0.1', scan_action: 'log', expiration_utc_date: '2026-12-31 23:59:59' }],
      ['an expiration in month 13', { type: 'ip', content: '10.0.0.1', scan_action: 'log', expiration_utc_date: '2026-13-01T00:00:00Z' }],
    ])('refuses %s with HTTP 400 and Meta Result "0"', async (_name, param) => {
      const handler = simulator();
      const reply = await signed(handler, 'PUT', ADD_PATH, addBody(param));
      expect(reply).toEqual({ status: 400, body: { Meta: { Result: '0', ErrorCode: APEX_ERROR_CODES.invalidParameter, ErrorMsg: expect.any(String) } } });
      expect(handler.objects()).toHaveLength(PREBLOCKED_OBJECTS.length);
    });

    it('accepts the limits themselves: a 2047-character url and 256-character unicode notes', async () => {
      const handler = simulator();
      const url = `https://e.example/${'a'.repeat(2047 - 'https://e.example/'.length)}`;
      expect((await signed(handler, 'PUT', ADD_PATH, addBody({ type: 'url', content: url, scan_action: 'log', notes: '監'.repeat(256) }))).status).toBe(200);
    });

    it('refuses a body that is not {"param": ...} or not JSON-typed', async () => {
      expect((await signed(simulator(), 'PUT', ADD_PATH, JSON.stringify({ type: 'ip', content: '10.0.0.1', scan_action: 'log' }))).status).toBe(400);
      const body = addBody({ type: 'ip', content: '10.0.0.1', scan_action: 'log' });
      const reply = await call(simulator(), recorded('PUT', ADD_PATH, { authorization: bearer('PUT', ADD_PATH, body), 'content-type': 'text/plain' }, body));
      expect(reply.status).toBe(400);
    });

    it('serves PUT only with the trailing slash, GET and DELETE only without (ErrorCode 3)', async () => {
      const body = addBody({ type: 'ip', content: '10.0.0.1', scan_action: 'log' });
      const put = await signed(simulator(), 'PUT', APEX_UDSO_PATH, body);
      expect(put).toEqual({ status: 404, body: { Meta: { Result: '0', ErrorCode: APEX_ERROR_CODES.apiNotFound, ErrorMsg: expect.any(String) } } });
      expect((await signed(simulator(), 'GET', ADD_PATH)).status).toBe(404);
    });
  });

  it('accepts the project token over real HTTP: add, list and delete with an encoded query', async () => {
    const server = await serve(createApexSimulator());
    const send = (method: string, pathAndQuery: string, body = '') => {
      const token = createApexToken({ applicationId, apiKey, method, pathAndQuery, body, issuedAt: Math.floor(Date.now() / 1000) });
      return fetch(`${server.url}${pathAndQuery}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json;charset=utf-8' } : {}) },
        ...(body ? { body } : {}),
      });
    };
    const url = 'http://dropper.example.org/a b.exe';
    expect((await send('PUT', ADD_PATH, JSON.stringify({ param: { type: 'url', content: url, notes: 'テスト', scan_action: 'block' } }))).status).toBe(200);
    const listed = (await (await send('GET', `${APEX_UDSO_PATH}?type=url&contentFilter=dropper`)).json()) as { Data: { content: string; notes: string }[] };
    expect(listed.Data).toEqual([expect.objectContaining({ content: url, notes: 'テスト' })]);
    const removed = await send('DELETE', `${APEX_UDSO_PATH}?${new URLSearchParams({ type: 'url', content: url })}`);
    expect(removed.status).toBe(200);
    expect(((await removed.json()) as { Meta: { Result: string } }).Meta.Result).toBe('1');
  });
});
