import { AsyncLocalStorage } from 'node:async_hooks';
import type { YogaLogger } from 'graphql-yoga';

/**
 * The gateway's log: one line per entry, the request id in front, every known secret and every
 * credential-shaped value (bearer and basic credentials, JWTs) redacted before it is written.
 */

/** The request being handled, for log lines and masked errors written deep inside it. */
export const requestScope = new AsyncLocalStorage<{ requestId: string }>();

export function currentRequestId(): string | undefined {
  return requestScope.getStore()?.requestId;
}

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogSink = (level: LogLevel, line: string) => void;

const consoleSink: LogSink = (level, line) => (level === 'error' ? console.error(line) : level === 'warn' ? console.warn(line) : console.log(line));

const CREDENTIAL_PATTERNS: [RegExp, string][] = [
  [/\b(Bearer|Basic)\s+[A-Za-z0-9\-_.~+/]+=*/gi, '$1 [redacted]'],
  [/eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g, '[redacted token]'],
];

/** Replaces each secret (and anything credential-shaped) in a text; short secrets are not matched, to keep text readable. */
export function createRedactor(secrets: readonly (string | undefined)[]): (text: string) => string {
  const known = [...new Set(secrets.filter((secret): secret is string => typeof secret === 'string' && secret.length >= 6))].sort((a, b) => b.length - a.length);
  return (text) => {
    let redacted = text;
    for (const secret of known) redacted = redacted.split(secret).join('[redacted]');
    for (const [pattern, replacement] of CREDENTIAL_PATTERNS) redacted = redacted.replace(pattern, replacement);
    return redacted;
  };
}

function describe(value: unknown): string {
  if (value instanceof Error) {
    const cause = (value as Error & { originalError?: unknown }).originalError;
    const own = value.stack ?? `${value.name}: ${value.message}`;
    return cause instanceof Error ? `${own}\nCaused by: ${describe(cause)}` : own;
  }
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}

const LEVELS: LogLevel[] = ['debug', 'info', 'warn', 'error'];

export function createGatewayLogger({ secrets, sink = consoleSink, level = 'warn' }: { secrets: readonly (string | undefined)[]; sink?: LogSink; level?: LogLevel }): YogaLogger {
  const redact = createRedactor(secrets);
  const threshold = LEVELS.indexOf(level);
  const write = (entryLevel: LogLevel) => (...args: unknown[]) => {
    if (LEVELS.indexOf(entryLevel) < threshold) return;
    const requestId = currentRequestId();
    sink(entryLevel, redact(`${new Date().toISOString()} ${entryLevel.toUpperCase()}${requestId === undefined ? '' : ` request=${requestId}`} ${args.map(describe).join(' ')}`));
  };
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}
