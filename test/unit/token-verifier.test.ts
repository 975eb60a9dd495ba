import { SignJWT } from 'jose';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createTokenVerifier } from '../../src/security/caller.js';

/** The verifier keeps tokens it has verified; what can change with time is checked again on every use. */

const SECRET = 'unit-test-secret-0123456789abcdef0123456789abcdef';
const verifier = () => createTokenVerifier({ enabled: true, verification: { kind: 'secret', secret: SECRET }, clockToleranceSeconds: 5 });
const sign = (claims: { exp: number; nbf?: number }) =>
  new SignJWT({ sub: 'analyst', tenants: '*', scope: 'read', ...claims }).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(SECRET));
const seconds = () => Math.floor(Date.now() / 1000);

afterEach(() => {
  vi.useRealTimers();
});

describe('createTokenVerifier: verified tokens kept', () => {
  it('answers the same caller for a token sent again, and refuses it once it has expired', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-30T00:00:00Z'));
    const verify = verifier();
    const token = await sign({ exp: seconds() + 30 });
    const first = await verify(token);
    expect(first).toMatchObject({ subject: 'analyst', authenticated: true });
    // Sent again: answered at once, with no promise (the request's hooks stay synchronous).
    expect(verify(token)).toBe(first);
    // Past exp and the 5 s tolerance: the kept entry no longer answers; jose refuses it.
    vi.setSystemTime(new Date('2026-11-30T00:00:36Z'));
    await expect(verify(token)).rejects.toThrow(/expired/);
  });

  it('does not let a token in before its nbf, kept or not', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-30T00:00:00Z'));
    const verify = verifier();
    const token = await sign({ exp: seconds() + 600, nbf: seconds() + 60 });
    await expect(verify(token)).rejects.toThrow();
    vi.setSystemTime(new Date('2026-11-30T00:01:00Z'));
    expect(await verify(token)).toMatchObject({ subject: 'analyst' });
  });

  it('never keeps a refusal: a token with a wrong signature is refused every time', async () => {
    const verify = verifier();
    const good = await sign({ exp: seconds() + 600 });
    const forged = `${good.slice(0, good.lastIndexOf('.'))}.${'A'.repeat(43)}`;
    await expect(verify(forged)).rejects.toThrow(/signature/);
    await expect(verify(forged)).rejects.toThrow(/signature/);
    expect(await verify(good)).toMatchObject({ subject: 'analyst' });
  });
});
