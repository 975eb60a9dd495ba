import { z } from 'zod';
import { ConfigError, type Mode } from '../config.js';
import { loadTrustedDocuments, type TrustedDocuments } from './trusted-documents.js';

/**
 * The gateway's protections, parsed once from the `GATEWAY_*` variables: who may call (caller
 * tokens), how much one operation may ask (query limits), how often (rate limit) and which
 * operations at all (trusted documents). Every problem is reported at once, as in config.ts.
 */

const count = (fallback: number, max = 1_000_000_000) => z.coerce.number().int().min(1).max(max).default(fallback);
const onOff = z.enum(['on', 'off']);

const securityEnvironment = z.object({
  GATEWAY_AUTH: onOff.optional(),
  GATEWAY_JWT_SECRET: z.string().min(32, 'must be at least 32 characters (an HS256 key of 256 bits)').optional(),
  GATEWAY_JWKS_URL: z
    .string()
    .trim()
    .refine((value) => /^https?:\/\/[^\s/]+/.test(value) && URL.canParse(value), 'must be an http:// or https:// URL')
    .optional(),
  GATEWAY_JWT_ISSUER: z.string().trim().min(1).optional(),
  GATEWAY_JWT_AUDIENCE: z.string().trim().min(1).optional(),
  GATEWAY_JWT_CLOCK_TOLERANCE_SECONDS: z.coerce.number().int().min(0).max(300).default(5),
  GATEWAY_MAX_DEPTH: count(12, 1000),
  GATEWAY_MAX_COST: count(20_000),
  GATEWAY_MAX_ALIASES: count(15, 10_000),
  GATEWAY_MAX_DIRECTIVES: count(50, 10_000),
  GATEWAY_MAX_TOKENS: count(2_000),
  GATEWAY_MAX_BODY_BYTES: count(1_048_576),
  GATEWAY_MAX_ROWS: count(20_000),
  GATEWAY_MAX_UPSTREAM_CALLS: count(100, 100_000),
  GATEWAY_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).max(1_000_000).default(600),
  GATEWAY_RATE_LIMIT_BURST: z.coerce.number().int().min(1).max(1_000_000).optional(),
  GATEWAY_AUTH_FAILURES_PER_MINUTE: z.coerce.number().int().min(0).max(1_000_000).default(30),
  GATEWAY_CORS_ORIGINS: z
    .string()
    .transform((value) =>
      value
        .split(',')
        .map((origin) => origin.trim())
        .filter((origin) => origin !== ''),
    )
    .refine(
      (origins) => origins.every((origin) => URL.canParse(origin) && new URL(origin).origin === origin),
      'must be origins such as https://console.example.com, separated by commas',
    )
    .optional(),
  GATEWAY_TRUSTED_DOCUMENTS: z.string().trim().min(1).optional(),
});

export type SecurityEnvironment = Partial<Record<keyof z.input<typeof securityEnvironment>, string>>;

/** How caller tokens are checked: an HS256 shared secret, or RS256 keys from a JWKS endpoint. */
export type TokenVerification = { kind: 'secret'; secret: string } | { kind: 'jwks'; url: string };

export type AuthenticationConfig =
  | { enabled: false }
  | { enabled: true; verification: TokenVerification; issuer?: string; audience?: string; clockToleranceSeconds: number };

export interface QueryLimits {
  maxDepth: number;
  /** graphql-armor's cost: objects 2, scalars 1, times 1.5 per level. */
  maxCost: number;
  maxAliases: number;
  maxDirectives: number;
  maxTokens: number;
  maxBodyBytes: number;
  /** Rows one operation may read: connection page sizes multiplied through nesting (see operation-budget.ts). */
  maxRows: number;
  /** Calls one operation may make to any one upstream (see operation-budget.ts); counted again as they are made. */
  maxUpstreamCalls: number;
}

export interface RateLimitConfig {
  /** Requests per minute per caller, refilled continuously. */
  perMinute: number;
  /** How many requests a caller may make at once after being idle. */
  burst: number;
}

export interface SecurityConfig {
  authentication: AuthenticationConfig;
  limits: QueryLimits;
  /** Null: no rate limit (GATEWAY_RATE_LIMIT_PER_MINUTE=0). */
  rateLimit: RateLimitConfig | null;
  /** Failed authentications per minute per client address, bursts of a third; null: not limited (GATEWAY_AUTH_FAILURES_PER_MINUTE=0). */
  failedAuthentications: RateLimitConfig | null;
  /** Origins whose pages may call the gateway (CORS); any other Origin is refused. */
  corsOrigins: string[];
  /** Null: any operation text runs; otherwise only the manifest's documents, by hash. */
  trustedDocuments: TrustedDocuments | null;
  /** Values that must never appear in a response or a log line. */
  secrets: string[];
  /** What the operator must hear at start (authentication switched off in live mode, ...). */
  warnings: string[];
}

/** Parses the GATEWAY_* security variables; throws ConfigError naming every problem. */
export function loadSecurityConfig(mode: Mode, env: Record<string, string | undefined>): SecurityConfig {
  const source = Object.fromEntries(Object.entries(env).map(([key, value]) => [key, value === '' ? undefined : value]));
  const parsed = securityEnvironment.safeParse(source);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`));
  }
  const e = parsed.data;
  const problems: string[] = [];
  const warnings: string[] = [];

  const verification: TokenVerification | undefined =
    e.GATEWAY_JWT_SECRET !== undefined
      ? { kind: 'secret', secret: e.GATEWAY_JWT_SECRET }
      : e.GATEWAY_JWKS_URL !== undefined
        ? { kind: 'jwks', url: e.GATEWAY_JWKS_URL }
        : undefined;
  if (e.GATEWAY_JWT_SECRET !== undefined && e.GATEWAY_JWKS_URL !== undefined) {
    problems.push('GATEWAY_JWT_SECRET and GATEWAY_JWKS_URL are both set: set one (HS256 secret or RS256 key set)');
  }

  let authentication: AuthenticationConfig;
  if (e.GATEWAY_AUTH === 'off') {
    authentication = { enabled: false };
    if (mode === 'live') {
      warnings.push(
        'GATEWAY_AUTH=off: caller authentication is OFF in live mode. Anyone who reaches this port can read and change every tenant. Use this only behind another authenticating proxy.',
      );
    }
    if (verification !== undefined) warnings.push('GATEWAY_AUTH=off: the configured token verifier is ignored.');
  } else if (verification === undefined) {
    authentication = { enabled: false };
    if (mode === 'live' || e.GATEWAY_AUTH === 'on') {
      problems.push(
        'GATEWAY_JWT_SECRET or GATEWAY_JWKS_URL is required (caller token verification); set GATEWAY_AUTH=off to run without caller authentication',
      );
    }
  } else {
    if (
      mode === 'live' &&
      verification.kind === 'jwks' &&
      new URL(verification.url).protocol === 'http:' &&
      !/^(localhost|127\.[\d.]+|\[::1\])$/.test(new URL(verification.url).hostname)
    ) {
      warnings.push('GATEWAY_JWKS_URL is http://: the key set travels without TLS, and whoever can change it on the way can sign tokens this gateway accepts.');
    }
    authentication = {
      enabled: true,
      verification,
      ...(e.GATEWAY_JWT_ISSUER === undefined ? {} : { issuer: e.GATEWAY_JWT_ISSUER }),
      ...(e.GATEWAY_JWT_AUDIENCE === undefined ? {} : { audience: e.GATEWAY_JWT_AUDIENCE }),
      clockToleranceSeconds: e.GATEWAY_JWT_CLOCK_TOLERANCE_SECONDS,
    };
  }

  let trustedDocuments: TrustedDocuments | null = null;
  if (e.GATEWAY_TRUSTED_DOCUMENTS !== undefined) {
    try {
      trustedDocuments = loadTrustedDocuments(e.GATEWAY_TRUSTED_DOCUMENTS);
    } catch (error) {
      problems.push(`GATEWAY_TRUSTED_DOCUMENTS ${(error as Error).message}`);
    }
  }

  if (problems.length > 0) throw new ConfigError(problems);

  return {
    authentication,
    limits: {
      maxDepth: e.GATEWAY_MAX_DEPTH,
      maxCost: e.GATEWAY_MAX_COST,
      maxAliases: e.GATEWAY_MAX_ALIASES,
      maxDirectives: e.GATEWAY_MAX_DIRECTIVES,
      maxTokens: e.GATEWAY_MAX_TOKENS,
      maxBodyBytes: e.GATEWAY_MAX_BODY_BYTES,
      maxRows: e.GATEWAY_MAX_ROWS,
      maxUpstreamCalls: e.GATEWAY_MAX_UPSTREAM_CALLS,
    },
    rateLimit:
      e.GATEWAY_RATE_LIMIT_PER_MINUTE === 0
        ? null
        : { perMinute: e.GATEWAY_RATE_LIMIT_PER_MINUTE, burst: e.GATEWAY_RATE_LIMIT_BURST ?? Math.max(1, Math.ceil(e.GATEWAY_RATE_LIMIT_PER_MINUTE / 10)) },
    failedAuthentications:
      e.GATEWAY_AUTH_FAILURES_PER_MINUTE === 0
        ? null
        : { perMinute: e.GATEWAY_AUTH_FAILURES_PER_MINUTE, burst: Math.max(1, Math.ceil(e.GATEWAY_AUTH_FAILURES_PER_MINUTE / 3)) },
    corsOrigins: e.GATEWAY_CORS_ORIGINS ?? [],
    trustedDocuments,
    secrets: e.GATEWAY_JWT_SECRET === undefined ? [] : [e.GATEWAY_JWT_SECRET],
    warnings,
  };
}
