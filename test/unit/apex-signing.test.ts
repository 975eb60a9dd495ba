/**
 * Apex Central checksum and JWT, pinned by fixed vectors. The expected checksums and whole tokens
 * below were computed independently of this project's code, with Python's standard library
 * (hashlib, hmac, base64, json with compact separators and the same claim order), by
 * `python3 test/vectors/compute-vectors.py` (sections "apexChecksums" and "apexTokens"), and pasted
 * here as literals.
 */
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { apexChecksum, createApexToken } from '../../src/upstreams/apex/signing.js';

const DEMO_APPLICATION_ID = 'b5a1c3d2-0e4f-4a6b-8c7d-9e0f1a2b3c4d';
const DEMO_API_KEY = 'demo-apex-api-key-fedcba9876543210';
const UNICODE_PUT_BODY = '{"param":{"type":"ip","content":"45.155.205.233","notes":"不審なIP — 要監視","scan_action":"block"}}';

const CHECKSUM_VECTORS = [
  {
    method: 'GET',
    pathAndQuery: '/WebApp/api/SuspiciousObjects/UserDefinedSO?type=file&contentFilter=3395',
    body: '',
    checksum: 'B+dEa9VdkvqZPmgKe49sR3b7QutBLnlcnQ6woNzDnZY=',
  },
  {
    method: 'GET',
    pathAndQuery: '/WebApp/API/SuspiciousObjects/UserDefinedSO?type=URL&contentFilter=Malware-CDN',
    body: '',
    checksum: 'YS5co5O/UusMpZYMASo/e1aYkZJCvdG7jSS8axExW5g=',
  },
  {
    method: 'DELETE',
    pathAndQuery: '/WebApp/api/SuspiciousObjects/UserDefinedSO?type=url&content=http%3A%2F%2Fupdate.malware-cdn.org%2Fpayload.bin',
    body: '',
    checksum: 'pZWVuQnJ3ZnfYRp7I1DvfXZK6u4QxO8gvT+MYN9GQW8=',
  },
  {
    method: 'PUT',
    pathAndQuery: '/WebApp/api/SuspiciousObjects/UserDefinedSO/',
    body: UNICODE_PUT_BODY,
    checksum: 'jYfBCSJpC9azkun1X0tDcESRYnNczet4URNW2uUu3pA=',
  },
] as const;

const TOKEN_VECTORS = [
  {
    method: 'PUT',
    pathAndQuery: '/WebApp/api/SuspiciousObjects/UserDefinedSO/',
    body: UNICODE_PUT_BODY,
    issuedAt: 1763596800,
    checksum: 'jYfBCSJpC9azkun1X0tDcESRYnNczet4URNW2uUu3pA=',
    token:
      'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJhcHBpZCI6ImI1YTFjM2QyLTBlNGYtNGE2Yi04YzdkLTllMGYxYTJiM2M0ZCIsImlhdCI6MTc2MzU5NjgwMCwidmVyc2lvbiI6IlYxIiwiY2hlY2tzdW0iOiJqWWZCQ1NKcEM5YXprdW4xWDB0RGNFU1JZbk5jemV0NFVSTlcydVV1M3BBPSJ9.aZagZXL3_ClXFdpw1PkCrPNyryaRHfpouT3Vv97e7Pc',
  },
  {
    method: 'GET',
    pathAndQuery: '/WebApp/api/SuspiciousObjects/UserDefinedSO?type=file&contentFilter=3395',
    body: '',
    issuedAt: 1763596800,
    checksum: 'B+dEa9VdkvqZPmgKe49sR3b7QutBLnlcnQ6woNzDnZY=',
    token:
      'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJhcHBpZCI6ImI1YTFjM2QyLTBlNGYtNGE2Yi04YzdkLTllMGYxYTJiM2M0ZCIsImlhdCI6MTc2MzU5NjgwMCwidmVyc2lvbiI6IlYxIiwiY2hlY2tzdW0iOiJCK2RFYTlWZGt2cVpQbWdLZTQ5c1IzYjdRdXRCTG5sY25RNndvTnpEblpZPSJ9.IgNcrDEe_VME37ZvqMj82qHzsTDFHNgw7naqyQsRfT0',
  },
] as const;

function decodeSegment(segment: string | undefined): unknown {
  return JSON.parse(Buffer.from(segment ?? '', 'base64url').toString('utf8'));
}

describe('apexChecksum', () => {
  it.each(CHECKSUM_VECTORS)('matches the independent vector for $method $pathAndQuery', ({ method, pathAndQuery, body, checksum }) => {
    expect(apexChecksum(method, pathAndQuery, body)).toBe(checksum);
  });

  it('lowercases path and query (the vendor does), but upper-cases the method', () => {
    const mixed = CHECKSUM_VECTORS[1];
    expect(apexChecksum('get', mixed.pathAndQuery.toLowerCase(), '')).toBe(mixed.checksum);
  });

  it('covers the body: one changed character changes the checksum', () => {
    const put = CHECKSUM_VECTORS[3];
    expect(apexChecksum(put.method, put.pathAndQuery, put.body.replace('block', 'log'))).not.toBe(put.checksum);
  });

  it('the PUT vector body is exactly what JSON.stringify sends (unicode left unescaped)', () => {
    const sent = JSON.stringify({ param: { type: 'ip', content: '45.155.205.233', notes: '不審なIP — 要監視', scan_action: 'block' } });
    expect(sent).toBe(UNICODE_PUT_BODY);
  });
});

describe('createApexToken', () => {
  it.each(TOKEN_VECTORS)('builds the byte-exact token for $method $pathAndQuery', ({ method, pathAndQuery, body, issuedAt, token }) => {
    expect(createApexToken({ applicationId: DEMO_APPLICATION_ID, apiKey: DEMO_API_KEY, method, pathAndQuery, body, issuedAt })).toBe(token);
  });

  it.each(TOKEN_VECTORS)('decodes to the HS256 header and the expected claims ($method)', ({ method, pathAndQuery, body, issuedAt, checksum }) => {
    const token = createApexToken({ applicationId: DEMO_APPLICATION_ID, apiKey: DEMO_API_KEY, method, pathAndQuery, body, issuedAt });
    const [header, claims, signature] = token.split('.');
    expect(decodeSegment(header)).toEqual({ alg: 'HS256', typ: 'JWT' });
    expect(decodeSegment(claims)).toEqual({ appid: DEMO_APPLICATION_ID, iat: issuedAt, version: 'V1', checksum });
    expect(Object.keys(decodeSegment(claims) as object)).toEqual(['appid', 'iat', 'version', 'checksum']);
    const expected = createHmac('sha256', DEMO_API_KEY).update(`${header}.${claims}`).digest('base64url');
    expect(signature).toBe(expected);
  });
});
