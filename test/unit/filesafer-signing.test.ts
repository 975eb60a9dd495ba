/**
 * NCP API Gateway signature v2, pinned by fixed vectors. The expected values below were computed
 * independently of this project's code, with Python's standard library (hmac, hashlib, base64),
 * by `python3 test/vectors/compute-vectors.py` (section "ncpSignatures"), and pasted here as literals.
 */
import { describe, expect, it } from 'vitest';
import { ncpAuthHeaders, signNcpRequest } from '../../src/upstreams/filesafer/signing.js';

const DEMO_ACCESS_KEY = 'DEMOACCESSKEY0000001';
const DEMO_SECRET_KEY = 'demo-ncp-secret-key-0123456789abcdef';

const VECTORS = [
  {
    method: 'GET',
    uri: '/hashfilter/v1/checkHash?hashCode=3395856ce81f2b7382dee72602f798b642f14140&hashType=sha1',
    timestamp: '1763596800000',
    accessKey: DEMO_ACCESS_KEY,
    secretKey: DEMO_SECRET_KEY,
    signature: 'HtyMH2DipPquh4fGLCHNeCHPs24T5g+snqfnRfz9Sqc=',
  },
  {
    method: 'GET',
    uri: '/hashfilter/v1/checkHash?hashCode=44d88612fea8a8f36de82e1278abb02f&hashType=md5',
    timestamp: '1763596800123',
    accessKey: DEMO_ACCESS_KEY,
    secretKey: DEMO_SECRET_KEY,
    signature: '05yS+IEP+/n6uehNaTp2o1RRRnh5n73WnMoyggPdOxc=',
  },
  {
    method: 'POST',
    uri: '/hashfilter/v1/getThresholdNotiConfig',
    timestamp: '1763596800000',
    accessKey: DEMO_ACCESS_KEY,
    secretKey: DEMO_SECRET_KEY,
    signature: 'eU55mCEu+ozrwW/tsQUqpTKdtgP8YZGp8w0OeiMKoMM=',
  },
  {
    method: 'POST',
    uri: '/hashfilter/v1/setThresholdNotiConfig',
    timestamp: '1763596861000',
    accessKey: 'OTHERACCESSKEY000002',
    secretKey: 'another-secret',
    signature: 'IJbtwI7tq3Kqum0MJ3swQf9yCQkPqWdhALGNuRSPg+U=',
  },
] as const;

describe('signNcpRequest', () => {
  it.each(VECTORS)('matches the independent vector for $method $uri', ({ signature, ...input }) => {
    expect(signNcpRequest(input)).toBe(signature);
  });

  it('signs the query string as sent: reordering the parameters changes the signature', () => {
    const [first] = VECTORS;
    const reordered = { ...first, uri: '/hashfilter/v1/checkHash?hashType=sha1&hashCode=3395856ce81f2b7382dee72602f798b642f14140' };
    expect(signNcpRequest(reordered)).not.toBe(first.signature);
  });

  it('treats the method name case-insensitively (HTTP methods go out upper-case)', () => {
    const [first] = VECTORS;
    expect(signNcpRequest({ ...first, method: 'get' })).toBe(first.signature);
  });
});

describe('ncpAuthHeaders', () => {
  it('gives the timestamp, access key and the signature over that same timestamp', () => {
    const [first] = VECTORS;
    const headers = ncpAuthHeaders({ method: 'GET', uri: first.uri, accessKey: DEMO_ACCESS_KEY, secretKey: DEMO_SECRET_KEY, now: () => 1763596800000 });
    expect(headers).toEqual({
      'x-ncp-apigw-timestamp': '1763596800000',
      'x-ncp-iam-access-key': DEMO_ACCESS_KEY,
      'x-ncp-apigw-signature-v2': first.signature,
    });
  });

  it('adds x-ncp-apigw-api-key only when an API key is configured', () => {
    const base = {
      method: 'POST',
      uri: '/hashfilter/v1/getThresholdNotiConfig',
      accessKey: DEMO_ACCESS_KEY,
      secretKey: DEMO_SECRET_KEY,
      now: () => 1763596800000,
    };
    expect(ncpAuthHeaders(base)).not.toHaveProperty('x-ncp-apigw-api-key');
    const withKey = ncpAuthHeaders({ ...base, apiKey: 'demo-ncp-api-key' });
    expect(withKey['x-ncp-apigw-api-key']).toBe('demo-ncp-api-key');
    expect(withKey['x-ncp-apigw-signature-v2']).toBe('eU55mCEu+ozrwW/tsQUqpTKdtgP8YZGp8w0OeiMKoMM=');
  });

  it('uses the real clock by default, in epoch milliseconds', () => {
    const before = Date.now();
    const stamp = Number(ncpAuthHeaders({ method: 'GET', uri: '/', accessKey: 'a', secretKey: 's' })['x-ncp-apigw-timestamp']);
    expect(stamp).toBeGreaterThanOrEqual(before);
    expect(stamp).toBeLessThanOrEqual(Date.now());
  });
});
