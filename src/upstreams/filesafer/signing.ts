import { createHmac } from 'node:crypto';

/**
 * NCP API Gateway signature v2, as File Safer requires on every call. Pure: the caller passes
 * the exact request line it will send, so the signature covers what goes on the wire.
 */

export interface NcpSignatureInput {
  method: string;
  /** Path from the host root plus `?query` exactly as sent, e.g. `/hashfilter/v1/checkHash?hashCode=..&hashType=sha1`. */
  uri: string;
  /** Epoch milliseconds, as the decimal string sent in x-ncp-apigw-timestamp. */
  timestamp: string;
  accessKey: string;
  secretKey: string;
}

/** Base64(HMAC-SHA256(secretKey, `METHOD uri\ntimestamp\naccessKey`)). */
export function signNcpRequest(input: NcpSignatureInput): string {
  const message = `${input.method.toUpperCase()} ${input.uri}\n${input.timestamp}\n${input.accessKey}`;
  return createHmac('sha256', input.secretKey).update(message, 'utf8').digest('base64');
}

export interface NcpAuthInput {
  method: string;
  uri: string;
  accessKey: string;
  secretKey: string;
  /** Sent as x-ncp-apigw-api-key only when the product is set up with an API key. */
  apiKey?: string;
  /** Clock in epoch milliseconds; injectable so tests can pin the timestamp. */
  now?: () => number;
}

/** The headers NCP's gateway checks, computed for one request (a fresh timestamp each time). */
export function ncpAuthHeaders(input: NcpAuthInput): Record<string, string> {
  const timestamp = String(Math.trunc((input.now ?? Date.now)()));
  const headers: Record<string, string> = {
    'x-ncp-apigw-timestamp': timestamp,
    'x-ncp-iam-access-key': input.accessKey,
    'x-ncp-apigw-signature-v2': signNcpRequest({ method: input.method, uri: input.uri, timestamp, accessKey: input.accessKey, secretKey: input.secretKey }),
  };
  if (input.apiKey) headers['x-ncp-apigw-api-key'] = input.apiKey;
  return headers;
}
