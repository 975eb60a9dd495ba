import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config.js';
import { bearerToken } from '../../src/security/caller.js';
import { loadSecurityConfig } from '../../src/security/config.js';
import { boundedUpstreamText, createRedactor, MAX_UPSTREAM_TEXT } from '../../src/redaction.js';
import { loadTrustedDocuments, sha256Hex } from '../../src/security/trusted-documents.js';

const SECRET = 'x'.repeat(32);

function problems(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('loadSecurityConfig', () => {
  it('runs the demo with authentication off and documented defaults', () => {
    const security = loadSecurityConfig('demo', {});
    expect(security.authentication).toEqual({ enabled: false });
    expect(security.limits).toEqual({
      maxDepth: 12,
      maxCost: 20_000,
      maxAliases: 15,
      maxDirectives: 50,
      maxTokens: 2_000,
      maxBodyBytes: 1_048_576,
      maxRows: 20_000,
      maxUpstreamCalls: 100,
    });
    expect(security.rateLimit).toEqual({ perMinute: 600, burst: 60 });
    expect(security.trustedDocuments).toBeNull();
    expect(security.warnings).toEqual([]);
  });

  it('refuses live mode with no token verifier, naming both variables and the way out', () => {
    expect(problems(() => loadSecurityConfig('live', {}))).toEqual([
      expect.stringMatching(/GATEWAY_JWT_SECRET or GATEWAY_JWKS_URL is required.*GATEWAY_AUTH=off/),
    ]);
    expect(problems(() => loadSecurityConfig('demo', { GATEWAY_AUTH: 'on' }))).toHaveLength(1);
  });

  it('runs live mode without authentication only when told, and warns', () => {
    const security = loadSecurityConfig('live', { GATEWAY_AUTH: 'off' });
    expect(security.authentication.enabled).toBe(false);
    expect(security.warnings[0]).toMatch(/OFF in live mode/);
  });

  it('takes an HS256 secret or a JWKS URL, with issuer and audience', () => {
    expect(loadSecurityConfig('live', { GATEWAY_JWT_SECRET: SECRET, GATEWAY_JWT_ISSUER: 'https://idp', GATEWAY_JWT_AUDIENCE: 'gw' }).authentication).toEqual({
      enabled: true,
      verification: { kind: 'secret', secret: SECRET },
      issuer: 'https://idp',
      audience: 'gw',
      clockToleranceSeconds: 5,
    });
    expect(loadSecurityConfig('live', { GATEWAY_JWKS_URL: 'https://idp.example/jwks.json' }).authentication).toMatchObject({
      enabled: true,
      verification: { kind: 'jwks', url: 'https://idp.example/jwks.json' },
    });
    expect(loadSecurityConfig('demo', { GATEWAY_JWT_SECRET: SECRET }).secrets).toEqual([SECRET]);
  });

  it('names every malformed variable at once', () => {
    const found = problems(() =>
      loadSecurityConfig('live', {
        GATEWAY_JWT_SECRET: 'short',
        GATEWAY_JWKS_URL: 'ftp://x',
        GATEWAY_MAX_DEPTH: '0',
        GATEWAY_RATE_LIMIT_PER_MINUTE: '-1',
        GATEWAY_AUTH: 'maybe',
      }),
    );
    expect(found.map((problem) => problem.split(' ')[0])).toEqual(
      expect.arrayContaining(['GATEWAY_JWT_SECRET', 'GATEWAY_JWKS_URL', 'GATEWAY_MAX_DEPTH', 'GATEWAY_RATE_LIMIT_PER_MINUTE', 'GATEWAY_AUTH']),
    );
    expect(problems(() => loadSecurityConfig('live', { GATEWAY_JWT_SECRET: SECRET, GATEWAY_JWKS_URL: 'https://idp/jwks' }))).toEqual([
      expect.stringMatching(/both set/),
    ]);
  });

  it('turns the rate limit off with 0, and reads the limits', () => {
    const security = loadSecurityConfig('demo', { GATEWAY_RATE_LIMIT_PER_MINUTE: '0', GATEWAY_MAX_ROWS: '500', GATEWAY_MAX_BODY_BYTES: '2048' });
    expect(security.rateLimit).toBeNull();
    expect(security.limits).toMatchObject({ maxRows: 500, maxBodyBytes: 2048 });
  });

  it('reports a trusted-documents manifest that cannot be used', () => {
    expect(problems(() => loadSecurityConfig('demo', { GATEWAY_TRUSTED_DOCUMENTS: '/nonexistent/manifest.json' }))).toEqual([
      expect.stringMatching(/^GATEWAY_TRUSTED_DOCUMENTS cannot read/),
    ]);
  });
});

describe('trusted-documents manifest', () => {
  const write = (content: string) => {
    const path = join(mkdtempSync(join(tmpdir(), 'manifest-')), 'm.json');
    writeFileSync(path, content);
    return path;
  };

  it('loads documents by bare hash, checking each hash', () => {
    const document = 'query A { __typename }';
    const manifest = loadTrustedDocuments(write(JSON.stringify({ [`sha256:${sha256Hex(document)}`]: document })));
    expect([...manifest.documents]).toEqual([[sha256Hex(document), document]]);
    expect(() => loadTrustedDocuments(write(JSON.stringify({ [`sha256:${'0'.repeat(64)}`]: document })))).toThrow(/does not hash/);
    expect(() => loadTrustedDocuments(write('[]'))).toThrow(/JSON object/);
    expect(() => loadTrustedDocuments(write('{'))).toThrow(/not JSON/);
    expect(() => loadTrustedDocuments(write('{}'))).toThrow(/no document/);
    expect(() => loadTrustedDocuments(write(JSON.stringify({ md5: document })))).toThrow(/not a SHA-256/);
  });
});

describe('bearerToken', () => {
  it('takes one bearer token, case-insensitive scheme', () => {
    expect(bearerToken('Bearer abc.def.ghi')).toBe('abc.def.ghi');
    expect(bearerToken('bearer abc.def.ghi')).toBe('abc.def.ghi');
  });

  it.each([null, '', 'Basic dXNlcg==', 'Bearer', 'Bearer a b', 'Token abc', 'Bearer <script>'])('refuses %j with UNAUTHENTICATED, not echoing it', (header) => {
    let thrown: unknown;
    try {
      bearerToken(header);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(GraphQLError);
    expect((thrown as GraphQLError).extensions['code']).toBe('UNAUTHENTICATED');
    if (header) expect((thrown as GraphQLError).message).not.toContain(header.split(' ').slice(1).join(' ') || '\u0000');
  });
});

describe('createRedactor', () => {
  it('removes known secrets and anything credential-shaped', () => {
    const redact = createRedactor(['s3cret-value-123', undefined, 'abc']);
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl';
    const text = `password=s3cret-value-123 auth=Bearer ${jwt} basic=Basic dXNlcjpwYXNz token ${jwt} abc`;
    const redacted = redact(text);
    expect(redacted).not.toContain('s3cret-value-123');
    expect(redacted).not.toContain(jwt);
    expect(redacted).not.toContain('dXNlcjpwYXNz');
    // Too short to be told from ordinary words: left alone.
    expect(redacted).toContain('abc');
  });
});

describe('boundedUpstreamText', () => {
  const redact = createRedactor(['configured-secret-1']);

  it("redacts the configured secrets and the request's own credentials, then cuts to the bound", () => {
    const text = `refused configured-secret-1 with token 0123456789abcdef0123456789abcdef ${'x'.repeat(500)}`;
    const quoted = boundedUpstreamText(redact, text, ['0123456789abcdef0123456789abcdef']);
    expect(quoted).not.toContain('configured-secret-1');
    expect(quoted).not.toContain('0123456789abcdef0123456789abcdef');
    expect(quoted).toHaveLength(MAX_UPSTREAM_TEXT);
    expect(quoted.endsWith('…')).toBe(true);
  });

  it('never keeps part of a secret that straddles the bound', () => {
    const secret = 'a-long-secret-value-that-straddles';
    const text = `${'y'.repeat(MAX_UPSTREAM_TEXT - 10)}${secret}`;
    expect(boundedUpstreamText(redact, text, [secret])).not.toContain(secret.slice(0, 9));
  });
});

describe('JWKS over plain HTTP', () => {
  it('warns in live mode unless the key set is on this host', () => {
    expect(loadSecurityConfig('live', { GATEWAY_JWKS_URL: 'http://idp.example/jwks.json' }).warnings).toEqual([expect.stringMatching(/without TLS/)]);
    expect(loadSecurityConfig('live', { GATEWAY_JWKS_URL: 'http://127.0.0.1:8080/jwks.json' }).warnings).toEqual([]);
    expect(loadSecurityConfig('live', { GATEWAY_JWKS_URL: 'https://idp.example/jwks.json' }).warnings).toEqual([]);
  });
});
