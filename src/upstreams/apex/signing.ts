import { createHash, createHmac } from 'node:crypto';

/**
 * Apex Central Automation API tokens: an HS256 JWT per request whose `checksum` claim binds the
 * token to one method, URL and body. Built with node:crypto alone so nothing else can change
 * the bytes (claim order and compact JSON are part of what the tests pin).
 */

/**
 * Base64(SHA-256(`METHOD|pathandquery||body`)). Canonical headers are empty (hence two pipes);
 * the vendor lowercases the whole path and query before hashing.
 */
export function apexChecksum(method: string, pathAndQuery: string, body: string): string {
  const text = `${method.toUpperCase()}|${pathAndQuery.toLowerCase()}||${body}`;
  return createHash('sha256').update(text, 'utf8').digest('base64');
}

export interface ApexTokenInput {
  applicationId: string;
  apiKey: string;
  method: string;
  /** URL path from the host root plus `?query` when there is one, exactly as sent. */
  pathAndQuery: string;
  /** The exact JSON text sent; empty for GET and DELETE. */
  body: string;
  /** Unix seconds. */
  issuedAt: number;
}

function base64Url(data: string | Buffer): string {
  return Buffer.from(data).toString('base64url');
}

const JWT_HEADER = base64Url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));

/** A compact HS256 JWT with claims `{appid, iat, version: "V1", checksum}`, in that order. */
export function createApexToken(input: ApexTokenInput): string {
  const claims = {
    appid: input.applicationId,
    iat: input.issuedAt,
    version: 'V1',
    checksum: apexChecksum(input.method, input.pathAndQuery, input.body),
  };
  const signingInput = `${JWT_HEADER}.${base64Url(JSON.stringify(claims))}`;
  const signature = createHmac('sha256', input.apiKey).update(signingInput, 'utf8').digest('base64url');
  return `${signingInput}.${signature}`;
}
