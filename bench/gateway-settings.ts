import { randomBytes } from 'node:crypto';
import { SignJWT } from 'jose';
import { BENCH_TENANT_ID, LARGE_TENANT } from './workload.js';

/**
 * How the gateway runs under the bench: as deployed in live mode (caller authentication on, with
 * an HS256 secret made for this run and read tokens for the bench tenant; query limits at their
 * defaults), except for two settings that would change what is measured: the rate limit (the load
 * would measure its 429s) and, unless asked for, the answer cache (the gateway must make the same
 * upstream calls as the baseline for the ratio to show its own cost).
 *
 * Each connection of the load is a caller of its own (its own token's `sub`), as each analyst or
 * app is: with one token for every connection, the per-caller share of each upstream
 * (UPSTREAM_MAX_CONCURRENCY_PER_CALLER, 8 by default) would hold half of (a)'s 16 operations in
 * its queue, and the bench would measure that one caller's share rather than what the gateway
 * costs (bench/README.md, "Nineteenth pass"). The issue's own measurement ran without
 * authentication, where each operation is its own caller.
 */

/** Callers in a run: one per connection at the bench's highest concurrency. */
const BENCH_CALLERS = 32;

export interface GatewaySettings {
  /** GATEWAY_* variables for the gateway process. */
  environment: Record<string, string>;
  /** Each caller's headers (its token); a gateway request carries one of them. */
  callers: Record<string, string>[];
  /** What the results should say about these settings. */
  description: string;
}

export async function createGatewaySettings(options: { withCache: boolean; tokenValidForSeconds: number }): Promise<GatewaySettings> {
  const secret = randomBytes(32).toString('hex');
  const key = new TextEncoder().encode(secret);
  const expiresAt = Math.floor(Date.now() / 1000) + options.tokenValidForSeconds;
  const tokens = await Promise.all(
    Array.from({ length: BENCH_CALLERS }, (_, index) =>
      new SignJWT({ sub: `bench-${index + 1}`, tenants: [BENCH_TENANT_ID, LARGE_TENANT], scope: 'read' })
        .setProtectedHeader({ alg: 'HS256' })
        .setIssuedAt()
        .setExpirationTime(expiresAt)
        .sign(key),
    ),
  );
  return {
    environment: {
      GATEWAY_JWT_SECRET: secret,
      GATEWAY_RATE_LIMIT_PER_MINUTE: '0',
      ...(options.withCache ? {} : { GATEWAY_CACHE_TTL_SECONDS: '0' }),
    },
    callers: tokens.map((token) => ({ authorization: `Bearer ${token}` })),
    description: [
      `Gateway settings: as deployed in live mode (caller authentication on, with HS256 tokens made for the run, each connection a caller of its own (${BENCH_CALLERS} callers); query limits at their defaults; introspection and GraphiQL off; NODE_ENV=production)`,
      'except the rate limit, off so that the load is not answered 429',
      options.withCache
        ? 'and with its answer cache at its default (--with-cache): it then makes fewer upstream calls than the baseline.'
        : 'and the answer cache, off so that it makes the same upstream calls as the baseline (--with-cache keeps it).',
    ].join(', '),
  };
}
