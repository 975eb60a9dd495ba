import { beforeEach, describe, expect, it } from 'vitest';
import {
  FileSaferThresholdsDocument,
  HashChecksDocument,
  RemoveThresholdNotificationDocument,
  SetThresholdNotificationDocument,
} from '../../schema/generated/graphql.js';
import {
  CLEAN_DOMAINS,
  DEMO_NCP_CREDENTIALS,
  MALICIOUS_DOMAINS,
  MALICIOUS_IPS,
  MALICIOUS_MD5,
  MALICIOUS_SHA1,
  MALICIOUS_SHA256,
} from '../../src/simulators/demo-seed.js';
import { createFileSaferSimulator } from '../../src/simulators/filesafer.js';
import { startSimulator, type RecordedRequest, type RunningSimulator, type SimulatorHandler } from '../../src/simulators/harness.js';
import { useTestGateway, withTestGateway } from '../support/gateway.js';

/** Hashes the Hash Filter does not know (MD5 and SHA-1 of "test" and of "hello"). */
const UNKNOWN_MD5 = '098f6bcd4621d373cade4e832627b4f6';
const UNKNOWN_SHA1 = 'a94a8fe5ccb19ba61c4c0873d391e987982fbbd3';

const gw = useTestGateway();
beforeEach(() => gw.simulators.reset());

const fileSaferRequests = () => gw.simulators.filesafer.requests;
const checkedHashes = (requests: RecordedRequest[]) =>
  requests.filter((request) => request.path === '/hashfilter/v1/checkHash').map((request) => request.query.get('hashCode'));

/** A File Safer on loopback that passes to the strict simulator, except where `override` answers first. */
async function startFileSaferWith(override: (request: RecordedRequest) => ReturnType<SimulatorHandler> | undefined): Promise<RunningSimulator> {
  const strict = createFileSaferSimulator();
  return startSimulator((request) => override(request) ?? strict(request));
}

describe('Indicator.hashCheck (File Safer Hash Filter)', () => {
  it('answers malicious and unknown MD5 and SHA-1 hashes, with signed GET requests', async () => {
    const values = [MALICIOUS_MD5[0], MALICIOUS_SHA1[0].toUpperCase(), UNKNOWN_MD5, UNKNOWN_SHA1];
    const result = await gw.execute(HashChecksDocument, { values });
    expect(result.errors).toBeUndefined();
    const [maliciousMd5, maliciousSha1, unknownMd5, unknownSha1] = result.data!.indicators;
    expect(maliciousMd5).toMatchObject({ value: MALICIOUS_MD5[0], kind: 'MD5', hashCheck: { malicious: true } });
    expect(maliciousMd5!.hashCheck!.matches).toEqual([{ hashType: 'md5', hashCode: MALICIOUS_MD5[0], group: expect.any(String), result: 'malware' }]);
    expect(maliciousSha1).toMatchObject({ value: MALICIOUS_SHA1[0], kind: 'SHA1', hashCheck: { malicious: true } });
    expect(maliciousSha1!.hashCheck!.matches).toEqual([{ hashType: 'sha1', hashCode: MALICIOUS_SHA1[0], group: expect.any(String), result: 'malware' }]);
    expect(unknownMd5).toMatchObject({ kind: 'MD5', hashCheck: { malicious: false, matches: [] } });
    expect(unknownSha1).toMatchObject({ kind: 'SHA1', hashCheck: { malicious: false, matches: [] } });

    const requests = fileSaferRequests();
    expect(requests).toHaveLength(4);
    for (const request of requests) {
      expect(request.method).toBe('GET');
      expect(request.rawQuery).toMatch(/^hashCode=[0-9a-f]+&hashType=(md5|sha1)$/);
      expect(request.headers['x-ncp-iam-access-key']).toBe(DEMO_NCP_CREDENTIALS.accessKey);
      expect(request.headers['x-ncp-apigw-api-key']).toBe(DEMO_NCP_CREDENTIALS.apiKey);
      expect(request.headers['x-ncp-apigw-signature-v2']).toEqual(expect.any(String));
    }
    expect(requests.map((request) => `${request.query.get('hashType')}:${request.query.get('hashCode')}`).sort()).toEqual(
      [`md5:${MALICIOUS_MD5[0]}`, `sha1:${MALICIOUS_SHA1[0]}`, `md5:${UNKNOWN_MD5}`, `sha1:${UNKNOWN_SHA1}`].sort(),
    );
  });

  it('is null for other kinds, with no request', async () => {
    const values = [MALICIOUS_IPS[0], MALICIOUS_DOMAINS[0], `http://${CLEAN_DOMAINS[0]}/index.html`, MALICIOUS_SHA256[0], 'not an indicator'];
    const result = await gw.execute(HashChecksDocument, { values });
    expect(result.errors).toBeUndefined();
    expect(result.data!.indicators.map((indicator) => [indicator.kind, indicator.hashCheck])).toEqual([
      ['IPV4', null],
      ['DOMAIN', null],
      ['URL', null],
      ['SHA256', null],
      ['UNKNOWN', null],
    ]);
    expect(fileSaferRequests()).toHaveLength(0);
  });

  it('checks each distinct hash once, whatever its spelling, and answers every value in order', async () => {
    const values = [
      MALICIOUS_MD5[0],
      UNKNOWN_MD5,
      MALICIOUS_MD5[0].toUpperCase(),
      ` ${MALICIOUS_SHA1[1]} `,
      UNKNOWN_MD5,
      MALICIOUS_SHA1[1],
      MALICIOUS_MD5[1],
      UNKNOWN_SHA1,
      MALICIOUS_MD5[0],
      UNKNOWN_SHA1.toUpperCase(),
      MALICIOUS_IPS[1],
    ];
    const result = await gw.execute(HashChecksDocument, { values });
    expect(result.errors).toBeUndefined();
    expect(result.data!.indicators.map((indicator) => indicator.hashCheck?.malicious ?? null)).toEqual([
      true,
      false,
      true,
      true,
      false,
      true,
      true,
      false,
      true,
      false,
      null,
    ]);
    const checked = checkedHashes(fileSaferRequests());
    expect(checked).toHaveLength(5);
    expect([...checked].sort()).toEqual([MALICIOUS_MD5[0], UNKNOWN_MD5, MALICIOUS_SHA1[1], MALICIOUS_MD5[1], UNKNOWN_SHA1].sort());
  });

  it('keeps at most 4 checks in flight, and more than one', async () => {
    let inFlight = 0;
    let mostInFlight = 0;
    const strict = createFileSaferSimulator();
    const slow = await startSimulator(async (request) => {
      inFlight += 1;
      mostInFlight = Math.max(mostInFlight, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 40));
      inFlight -= 1;
      return strict(request);
    });
    try {
      const values = Array.from({ length: 12 }, (_, index) => index.toString(16).padStart(32, 'a'));
      await withTestGateway({ env: { FILESAFER_BASE_URL: slow.url } }, async (gateway) => {
        const result = await gateway.execute(HashChecksDocument, { values });
        expect(result.errors).toBeUndefined();
        expect(result.data!.indicators.every((indicator) => indicator.hashCheck?.malicious === false)).toBe(true);
      });
      expect(slow.requests).toHaveLength(12);
      expect(mostInFlight).toBeLessThanOrEqual(4);
      expect(mostInFlight).toBeGreaterThan(1);
    } finally {
      await slow.close();
    }
  });

  it('nulls only the hash File Safer refuses (non-zero returnCode), with the code in the error', async () => {
    const refused = await startFileSaferWith((request) =>
      request.query.get('hashCode') === UNKNOWN_MD5 ? { status: 200, body: { returnCode: '140001', returnMessage: 'Parameter is invalid' } } : undefined,
    );
    try {
      await withTestGateway({ env: { FILESAFER_BASE_URL: refused.url } }, async (gateway) => {
        const result = await gateway.execute(HashChecksDocument, { values: [UNKNOWN_MD5, MALICIOUS_MD5[0], UNKNOWN_SHA1] });
        expect(result.data!.indicators.map((indicator) => indicator.hashCheck?.malicious ?? null)).toEqual([null, true, false]);
        expect(result.errors).toHaveLength(1);
        expect(result.errors![0]!.path).toEqual(['indicators', 0, 'hashCheck']);
        expect(result.errors![0]!.extensions).toMatchObject({ code: 'UPSTREAM_ERROR', upstream: 'filesafer', upstreamCode: '140001' });
        expect(result.errors![0]!.message).toMatch(/140001/);
      });
    } finally {
      await refused.close();
    }
  });
});

describe('File Safer threshold notifications', () => {
  it('sets, reads and removes settings, one per trigger, sending the vendor fields', async () => {
    const seeded = await gw.execute(FileSaferThresholdsDocument);
    expect(seeded.errors).toBeUndefined();
    expect(seeded.data!.fileSafer.thresholdNotifications).toEqual([{ trigger: 'MALWARE', referenceTimeMinutes: 5, threshold: 1 }]);

    const setMalware = await gw.execute(SetThresholdNotificationDocument, { input: { trigger: 'MALWARE', referenceTimeMinutes: 10, threshold: 50 } });
    expect(setMalware.errors).toBeUndefined();
    expect(setMalware.data!.setThresholdNotification!.fileSafer.thresholdNotifications).toEqual([
      { trigger: 'MALWARE', referenceTimeMinutes: 10, threshold: 50 },
    ]);

    const setLookupError = await gw.execute(SetThresholdNotificationDocument, {
      input: { trigger: 'LOOKUP_ERROR', referenceTimeMinutes: 30, threshold: 1000 },
    });
    expect(setLookupError.errors).toBeUndefined();

    const both = await gw.execute(FileSaferThresholdsDocument);
    expect(both.data!.fileSafer.thresholdNotifications).toEqual(
      expect.arrayContaining([
        { trigger: 'MALWARE', referenceTimeMinutes: 10, threshold: 50 },
        { trigger: 'LOOKUP_ERROR', referenceTimeMinutes: 30, threshold: 1000 },
      ]),
    );
    expect(both.data!.fileSafer.thresholdNotifications).toHaveLength(2);

    const removed = await gw.execute(RemoveThresholdNotificationDocument);
    expect(removed.errors).toBeUndefined();
    expect(removed.data!.removeThresholdNotification!.fileSafer.thresholdNotifications).toEqual([]);

    const sent = fileSaferRequests().map((request) => [request.method, request.path, request.body]);
    expect(sent).toEqual([
      ['POST', '/hashfilter/v1/getThresholdNotiConfig', '{}'],
      ['POST', '/hashfilter/v1/setThresholdNotiConfig', JSON.stringify({ notificationType: 'MAL', referenceTime: 10, thresholdValue: 50 })],
      ['POST', '/hashfilter/v1/getThresholdNotiConfig', '{}'],
      ['POST', '/hashfilter/v1/setThresholdNotiConfig', JSON.stringify({ notificationType: 'ERR', referenceTime: 30, thresholdValue: 1000 })],
      ['POST', '/hashfilter/v1/getThresholdNotiConfig', '{}'],
      ['POST', '/hashfilter/v1/getThresholdNotiConfig', '{}'],
      ['POST', '/hashfilter/v1/removeThresholdNotiConfig', '{}'],
      ['POST', '/hashfilter/v1/getThresholdNotiConfig', '{}'],
    ]);
  });

  it('reaching Query.fileSafer alone makes no call', async () => {
    const result = await gw.post({ query: '{ fileSafer { __typename } }' });
    expect(result.json.data).toEqual({ fileSafer: { __typename: 'FileSafer' } });
    expect(fileSaferRequests()).toHaveLength(0);
  });

  it.each([
    [{ referenceTimeMinutes: 0, threshold: 10 }, /referenceTimeMinutes: must be 5 to 30 in steps of 5/],
    [{ referenceTimeMinutes: 3, threshold: 10 }, /referenceTimeMinutes: must be 5 to 30 in steps of 5/],
    [{ referenceTimeMinutes: 12, threshold: 10 }, /referenceTimeMinutes: must be 5 to 30 in steps of 5/],
    [{ referenceTimeMinutes: 35, threshold: 10 }, /referenceTimeMinutes: must be 5 to 30 in steps of 5/],
    [{ referenceTimeMinutes: 5, threshold: 0 }, /threshold: must be 1 to 1000/],
    [{ referenceTimeMinutes: 5, threshold: 1001 }, /threshold: must be 1 to 1000/],
  ])('refuses %o before any call', async (input, message) => {
    const result = await gw.execute(SetThresholdNotificationDocument, { input: { trigger: 'MALWARE', ...input } });
    expect(result.data?.setThresholdNotification ?? null).toBeNull();
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(result.errors?.[0]?.message).toMatch(message);
    expect(fileSaferRequests()).toHaveLength(0);
  });

  it('turns a non-zero returnCode on HTTP 200 into an error, never data', async () => {
    const refused = await startFileSaferWith((request) =>
      request.path.endsWith('/getThresholdNotiConfig')
        ? { status: 200, body: { returnCode: '140001', returnMessage: 'Parameter is invalid', thresholdNotificationInfoList: [] } }
        : undefined,
    );
    try {
      await withTestGateway({ env: { FILESAFER_BASE_URL: refused.url } }, async (gateway) => {
        const result = await gateway.execute(FileSaferThresholdsDocument);
        expect(result.data).toEqual({ fileSafer: { thresholdNotifications: null } });
        expect(result.errors?.[0]?.path).toEqual(['fileSafer', 'thresholdNotifications']);
        expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_ERROR', upstream: 'filesafer', upstreamCode: '140001' });
      });
    } finally {
      await refused.close();
    }
  });
});

describe('File Safer failures', () => {
  it('reports an API Gateway refusal (bad signature) without echoing the secret', async () => {
    const secretKey = 'a-wrong-secret-key-that-must-not-leak';
    await withTestGateway({ env: { NCP_SECRET_KEY: secretKey } }, async (gateway) => {
      const result = await gateway.execute(SetThresholdNotificationDocument, { input: { trigger: 'LOOKUP_ERROR', referenceTimeMinutes: 5, threshold: 3 } });
      expect(result.data).toEqual({ setThresholdNotification: null });
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_ERROR', upstream: 'filesafer', status: 401 });
      expect(JSON.stringify(result)).not.toContain(secretKey);
      expect(result.errors?.[0]?.message).toMatch(/HTTP 401/);
      expect(gateway.simulators.filesafer.requests).toHaveLength(1);
    });
  });

  it('reports a missing API key as the API Gateway’s 403', async () => {
    await withTestGateway({ env: { NCP_API_KEY: 'not-the-demo-api-key' } }, async (gateway) => {
      const result = await gateway.execute(HashChecksDocument, { values: [MALICIOUS_MD5[0]] });
      expect(result.data!.indicators[0]!.hashCheck).toBeNull();
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_ERROR', upstream: 'filesafer', status: 403 });
      expect(JSON.stringify(result)).not.toContain('not-the-demo-api-key');
    });
  });

  it('nulls only File Safer fields when it cannot be reached, and the rest arrives', async () => {
    await withTestGateway({ env: { FILESAFER_BASE_URL: 'http://127.0.0.1:1' } }, async (down) => {
      const result = await down.post({
        query: `query {
          indicators(values: ["${MALICIOUS_MD5[0]}", "${MALICIOUS_DOMAINS[0]}"]) { value kind hashCheck { malicious } reputation { verdict } }
          fileSafer { thresholdNotifications { trigger } }
        }`,
      });
      expect(result.status).toBe(200);
      expect(result.json.data).toEqual({
        indicators: [
          { value: MALICIOUS_MD5[0], kind: 'MD5', hashCheck: null, reputation: { verdict: 'DETECTED' } },
          { value: MALICIOUS_DOMAINS[0], kind: 'DOMAIN', hashCheck: null, reputation: { verdict: 'DETECTED' } },
        ],
        fileSafer: { thresholdNotifications: null },
      });
      expect(result.json.errors?.map((error) => error.path)).toEqual(
        expect.arrayContaining([
          ['indicators', 0, 'hashCheck'],
          ['fileSafer', 'thresholdNotifications'],
        ]),
      );
      expect(result.json.errors).toHaveLength(2);
      for (const error of result.json.errors ?? []) expect(error.extensions).toMatchObject({ code: 'UPSTREAM_ERROR', upstream: 'filesafer' });

      const mutation = await down.execute(RemoveThresholdNotificationDocument);
      expect(mutation.data).toEqual({ removeThresholdNotification: null });
      expect(mutation.errors?.[0]?.extensions).toMatchObject({ upstream: 'filesafer' });
    });
  });
});
