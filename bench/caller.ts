import { randomBytes } from 'node:crypto';
import { SignJWT } from 'jose';
import { BENCH_TENANT_ID } from './workload.js';

/**
 * The gateway is measured as it is deployed: caller authentication on (an HS256 secret made for
 * this run, a read token for the bench tenant), query limits at their defaults. Only the rate
 * limit is off: the load would otherwise measure its 429s.
 */

export interface BenchCaller {
  /** GATEWAY_* variables for the gateway process. */
  environment: Record<string, string>;
  /** Headers every gateway request carries. */
  headers: Record<string, string>;
}

export async function createBenchCaller(validForSeconds: number): Promise<BenchCaller> {
  const secret = randomBytes(32).toString('hex');
  const token = await new SignJWT({ sub: 'bench', tenants: [BENCH_TENANT_ID], scope: 'read' })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + validForSeconds)
    .sign(new TextEncoder().encode(secret));
  return {
    environment: { GATEWAY_JWT_SECRET: secret, GATEWAY_RATE_LIMIT_PER_MINUTE: '0' },
    headers: { authorization: `Bearer ${token}` },
  };
}
