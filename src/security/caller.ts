import { webcrypto } from 'node:crypto';
import type { GraphQLError } from 'graphql';
import { createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTVerifyGetKey, type JWTVerifyOptions } from 'jose';
import { z } from 'zod';
import { serviceUnavailableRequest, unauthenticated } from '../errors.js';
import type { AuthenticationConfig } from './config.js';

/**
 * Who is calling: verified from `Authorization: Bearer <JWT>` (HS256 with GATEWAY_JWT_SECRET, or
 * RS256 with keys from GATEWAY_JWKS_URL, cached by jose). The claims say which SIGN tenants the
 * caller may read (`tenants`: IDs or "*") and what it may do (`scope`: "read", "write", "router").
 */

/** `router`: a federation router's own token, which may use the subgraph endpoint (README, "Behind a federation router"). */
export type Scope = 'read' | 'write' | 'router';

export interface Caller {
  /** The token's `sub`; absent when authentication is off. */
  subject?: string;
  /** SIGN tenant IDs this caller may read and change, or every tenant. */
  tenants: 'all' | ReadonlySet<string>;
  scopes: ReadonlySet<string>;
  authenticated: boolean;
}

/** The caller of a gateway running with authentication off (the demo, or GATEWAY_AUTH=off): everything is allowed. */
export const UNAUTHENTICATED_CALLER: Caller = Object.freeze({ tenants: 'all', scopes: new Set<string>(['read', 'write']), authenticated: false });

const TENANT_ID = /^[0-9a-f]{32}$/;

const callerClaims = z.object({
  sub: z.string().min(1).max(256).optional(),
  tenants: z.union([z.literal('*'), z.array(z.string().regex(TENANT_ID, 'each tenant must be 32 characters 0-9a-f')).max(100_000)]).optional(),
  scope: z.string().max(1_000).optional(),
  // Checked by jose already (exp is required); read here for how long the verification is kept.
  exp: z.number(),
  nbf: z.number().optional(),
});

/** A refusal of the caller's credentials: HTTP 401, `extensions.code` UNAUTHENTICATED. */
export function authenticationError(message: string): GraphQLError {
  return unauthenticated(message, { 'www-authenticate': 'Bearer realm="secops-gateway"' });
}

/** The token of an `Authorization` header; refuses anything but one `Bearer <token>`. Never echoes the header. */
export function bearerToken(header: string | null): string {
  if (header === null || header.trim() === '') throw authenticationError('Authentication required: send Authorization: Bearer <token>.');
  const match = /^Bearer +([A-Za-z0-9\-_.~+/]+=*)$/i.exec(header.trim());
  if (match === null) {
    const scheme = /^\S+/.exec(header.trim())?.[0] ?? '';
    throw authenticationError(
      /^bearer$/i.test(scheme)
        ? 'The Authorization header holds no well-formed bearer token.'
        : 'Unsupported Authorization scheme: send Authorization: Bearer <token>.',
    );
  }
  return match[1]!;
}

/** The caller a token names; a token verified before (and still valid) is answered synchronously. */
export type TokenVerifier = (token: string) => Caller | Promise<Caller>;

/** Builds the verifier once per gateway: a JWKS endpoint is fetched lazily and its keys cached. */
export function createTokenVerifier(config: Extract<AuthenticationConfig, { enabled: true }>): TokenVerifier {
  const options: JWTVerifyOptions = {
    requiredClaims: ['exp'],
    clockTolerance: config.clockToleranceSeconds,
    ...(config.issuer === undefined ? {} : { issuer: config.issuer }),
    ...(config.audience === undefined ? {} : { audience: config.audience }),
  };
  let verify: (token: string) => Promise<{ payload: unknown }>;
  if (config.verification.kind === 'secret') {
    // Imported once: handing jose the raw bytes would import the key again for every request.
    const key = webcrypto.subtle.importKey('raw', new TextEncoder().encode(config.verification.secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);
    verify = async (token) => jwtVerify(token, await key, { ...options, algorithms: ['HS256'] });
  } else {
    const keys: JWTVerifyGetKey = createRemoteJWKSet(new URL(config.verification.url), {
      timeoutDuration: 5_000,
      cooldownDuration: 30_000,
      cacheMaxAge: 600_000,
    });
    verify = (token) => jwtVerify(token, keys, { ...options, algorithms: ['RS256'] });
  }

  const verified = new VerifiedTokens(config.clockToleranceSeconds);
  const verifyAnew = async (token: string): Promise<Caller> => {
    let payload: unknown;
    try {
      ({ payload } = await verify(token));
    } catch (error) {
      throw tokenRefusal(error, config.verification.kind === 'jwks');
    }
    const claims = callerClaims.safeParse(payload);
    if (!claims.success) {
      throw authenticationError(
        `Invalid token claims: ${claims.error.issues.map((issue) => `${issue.path.join('.') || 'token'} ${issue.message}`).join('; ')}.`,
      );
    }
    const { sub, tenants, scope } = claims.data;
    const caller: Caller = Object.freeze({
      ...(sub === undefined ? {} : { subject: sub }),
      tenants: tenants === '*' ? ('all' as const) : new Set(tenants ?? []),
      scopes: new Set((scope ?? '').split(' ').filter(Boolean)),
      authenticated: true,
    });
    verified.add(token, caller, claims.data);
    return caller;
  };
  // A token verified before is answered at once: no promise, so the request's hooks stay synchronous.
  return (token) => verified.get(token) ?? verifyAnew(token);
}

/**
 * Tokens whose signature and claims were verified, by their exact text, so a client sending the
 * same token again costs no second WebCrypto job. What could change is checked again on every
 * use: `exp` and `nbf` against the clock, as jose checks them. An entry is kept for at most
 * VERIFIED_TOKEN_MS (a key withdrawn from a key set stops its tokens within that), and at most
 * VERIFIED_TOKEN_LIMIT are kept.
 */
const VERIFIED_TOKEN_MS = 60_000;
const VERIFIED_TOKEN_LIMIT = 10_000;

class VerifiedTokens {
  private readonly entries = new Map<string, { caller: Caller; exp: number; nbf: number | undefined; keptUntil: number }>();

  constructor(private readonly toleranceSeconds: number) {}

  get(token: string): Caller | undefined {
    const entry = this.entries.get(token);
    if (entry === undefined) return undefined;
    const now = Date.now();
    const seconds = Math.floor(now / 1000);
    if (now < entry.keptUntil && entry.exp > seconds - this.toleranceSeconds && (entry.nbf === undefined || entry.nbf <= seconds + this.toleranceSeconds))
      return entry.caller;
    // Expired, or kept long enough: verified again from scratch, with jose's own refusal.
    this.entries.delete(token);
    return undefined;
  }

  add(token: string, caller: Caller, claims: { exp: number; nbf?: number }): void {
    if (this.entries.size >= VERIFIED_TOKEN_LIMIT) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(token, {
      caller,
      exp: claims.exp,
      nbf: typeof claims.nbf === 'number' ? claims.nbf : undefined,
      keptUntil: Date.now() + VERIFIED_TOKEN_MS,
    });
  }
}

/** How long a caller refused because the key set is unreachable waits before trying again (retry-after). */
const KEY_SET_RETRY_AFTER_SECONDS = 30;

/** Says why a token was refused, without repeating it. A key set that cannot be fetched is the gateway's problem (503), not the caller's. */
function tokenRefusal(error: unknown, usesKeySet: boolean): GraphQLError {
  if (error instanceof joseErrors.JWTExpired) return authenticationError('The token has expired.');
  if (error instanceof joseErrors.JWTClaimValidationFailed) {
    return authenticationError(
      error.claim === 'exp'
        ? 'The token has no expiry (exp).'
        : `The token's ${error.claim} claim is not accepted (${error.reason === 'missing' ? 'missing' : 'wrong value'}).`,
    );
  }
  if (error instanceof joseErrors.JOSEAlgNotAllowed) return authenticationError('The token is signed with an algorithm this gateway does not accept.');
  if (error instanceof joseErrors.JWSSignatureVerificationFailed || error instanceof joseErrors.JWKSNoMatchingKey)
    return authenticationError('The token signature is not valid.');
  if (usesKeySet && (error instanceof joseErrors.JWKSTimeout || error instanceof joseErrors.JWKSInvalid || !(error instanceof joseErrors.JOSEError))) {
    return serviceUnavailableRequest('Caller tokens cannot be verified right now (the key set is unreachable); try again later.', KEY_SET_RETRY_AFTER_SECONDS);
  }
  return authenticationError('The token is malformed.');
}

export function hasScope(caller: Caller, scope: Scope): boolean {
  return caller.scopes.has(scope);
}
