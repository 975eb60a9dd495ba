import type { GatewayConfig } from './config.js';

/**
 * The one redaction of the gateway, for log lines and for upstream text that reaches a caller
 * (error messages, `Reputation.errorReason`, upstream codes): every known secret, and anything
 * shaped like a bearer or basic credential or a JWT, is replaced before the text goes anywhere.
 */

/** Replaces secrets in a text; `moreSecrets` adds the credentials of one request (what was sent with it). */
export type Redactor = (text: string, moreSecrets?: readonly string[]) => string;

const CREDENTIAL_PATTERNS: [RegExp, string][] = [
  [/\b(Bearer|Basic)\s+[A-Za-z0-9\-_.~+/]+=*/gi, '$1 [redacted]'],
  [/eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g, '[redacted token]'],
];

/** Secrets shorter than this are not matched, to keep text readable (and they are not secrets worth the name). */
const MIN_SECRET_LENGTH = 6;

const usable = (secrets: readonly (string | undefined)[]): string[] =>
  secrets.filter((secret): secret is string => typeof secret === 'string' && secret.length >= MIN_SECRET_LENGTH);

export function createRedactor(secrets: readonly (string | undefined)[]): Redactor {
  // Longest first, so a secret that contains another is replaced whole.
  const longestFirst = (all: string[]) => [...new Set(all)].sort((a, b) => b.length - a.length);
  // The configured secrets are ordered once; only a request's own credentials are merged in per call.
  const known = longestFirst(usable(secrets));
  return (text, moreSecrets = []) => {
    let redacted = text;
    const extra = moreSecrets.length === 0 ? [] : usable(moreSecrets);
    for (const secret of extra.length === 0 ? known : longestFirst([...known, ...extra]))
      if (redacted.includes(secret)) redacted = redacted.split(secret).join('[redacted]');
    for (const [pattern, replacement] of CREDENTIAL_PATTERNS) redacted = redacted.replace(pattern, replacement);
    return redacted;
  };
}

/** The longest piece of upstream text put in an answer; the rest is cut. */
export const MAX_UPSTREAM_TEXT = 200;

/** Upstream text as a caller may see it: redacted first (so no secret is cut in half and kept), then bounded. */
export function boundedUpstreamText(redact: Redactor, text: string, moreSecrets: readonly string[] = [], maxLength = MAX_UPSTREAM_TEXT): string {
  const redacted = redact(text, moreSecrets);
  return redacted.length <= maxLength ? redacted : `${redacted.slice(0, maxLength - 1)}…`;
}

/** The upstream credentials and keys of a configuration: never in a log line, never in an answer. */
export function configuredSecrets(config: GatewayConfig): (string | undefined)[] {
  return [
    config.sign.authToken,
    config.cybertrace.password,
    config.filesafer.accessKey,
    config.filesafer.secretKey,
    config.filesafer.apiKey,
    config.apex.apiKey,
    config.cursorSecret,
    ...redisCredentials(config.cache.redisUrl),
  ];
}

/** A REDIS_URL may carry a password: the URL and the password are redacted like every other credential. */
function redisCredentials(redisUrl: string | undefined): string[] {
  if (redisUrl === undefined) return [];
  const { password } = new URL(redisUrl);
  return password === '' ? [redisUrl] : [redisUrl, decodeURIComponent(password)];
}
