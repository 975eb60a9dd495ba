import { randomBytes } from 'node:crypto';
import { SignJWT } from 'jose';
import { BENCH_TENANT_ID, LARGE_TENANT } from './workload.js';

/**
 * How the gateway runs under the bench: as deployed in live mode (caller authentication on, with
 * an HS256 secret made for this run and a read token for the bench tenant; query limits at their
 * defaults), except for two settings that would change what is measured: the rate limit (the load
 * would measure its 429s) and, unless asked for, the answer cache (the gateway must make the same
 * upstream calls as the baseline for the ratio to show its own cost).
 */

export interface GatewaySettings {
  /** GATEWAY_* variables for the gateway process. */
  environment: Record<string, string>;
  /** Headers every gateway request carries. */
  headers: Record<string, string>;
  /** What the results should say about these settings. */
  description: string;
}

export async function createGatewaySettings(options: { withCache: boolean; tokenValidForSeconds: number }): Promise<GatewaySettings> {
  const secret = randomBytes(32).toString('hex');
  const token = await new SignJWT({ sub: 'bench', tenants: [BENCH_TENANT_ID, LARGE_TENANT], scope: 'read' })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + options.tokenValidForSeconds)
    .sign(new TextEncoder().encode(secret));
  return {
    environment: {
      GATEWAY_JWT_SECRET: secret,
      GATEWAY_RATE_LIMIT_PER_MINUTE: '0',
      ...(options.withCache ? {} : { GATEWAY_CACHE_TTL_SECONDS: '0' }),
    },
    headers: { authorization: `Bearer ${token}` },
    description: [
      'Gateway settings: as deployed in live mode (caller authentication on, with an HS256 token made for the run; query limits at their defaults; introspection and GraphiQL off; NODE_ENV=production)',
      'except the rate limit, off so that the load is not answered 429',
      options.withCache
        ? 'and with its answer cache at its default (--with-cache): it then makes fewer upstream calls than the baseline.'
        : 'and the answer cache, off so that it makes the same upstream calls as the baseline (--with-cache keeps it).',
    ].join(', '),
  };
}
