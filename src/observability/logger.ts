import type { YogaLogger } from 'graphql-yoga';
import { pino, type DestinationStream, type Logger } from 'pino';
import { createRedactor } from '../redaction.js';
import { isoUtcMillis } from '../utc-text.js';

/**
 * The gateway's log: one JSON line per entry (pino) with the request id, every known secret and
 * every credential-shaped value (bearer and basic credentials, JWTs) redacted before it is written
 * (redaction.ts, the same redaction as upstream text in answers).
 * A `LogSink` (tests) gets the same entries as plain text lines instead.
 */

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogSink = (level: LogLevel, line: string) => void;

/** Fields of the one line written per GraphQL request. */
export interface RequestLogEntry {
  requestId: string | undefined;
  /** The request id is the caller's text (request-scope.ts), redacted; one the gateway made is written as it is. */
  callerChoseRequestId: boolean;
  operation: string;
  outcome: 'success' | 'error' | 'partial';
  status: number;
  durationMs: number;
}

export interface GatewayLogger extends YogaLogger {
  /** The request's summary line: written whatever the level, as an access log is. */
  request(entry: RequestLogEntry): void;
  /** The same logger, its lines marked with this request's id (request-scope.ts: nothing finds it implicitly). */
  forRequest(requestId: string | undefined): YogaLogger;
}

type LogFields = Record<string, string | number>;
/** `fields`: the line's fields, redacted, the request id first when there is one. */
type LogWriter = (level: LogLevel, message: string, fields: LogFields) => void;

function textWriter(sink: LogSink): LogWriter {
  return (level, message, { requestId, ...fields }) => {
    const pairs = Object.entries(fields)
      .map(([key, value]) => ` ${key}=${value}`)
      .join('');
    sink(level, `${isoUtcMillis(Date.now())} ${level.toUpperCase()}${requestId === undefined ? '' : ` request=${requestId}`} ${message}${pairs}`);
  };
}

/** The fields object goes to pino as it is: spreading it into another (and the request id into a third) was most of an access line's cost. */
function pinoWriter(logger: Logger): LogWriter {
  return (level, message, fields) => logger[level](fields, message);
}

/** Every JSON line names the service (pino's `base`). */
const SERVICE = 'secops-gateway';

/** JSON lines, ISO times; levels are filtered before pino, so it passes everything. */
function jsonLines(destination: DestinationStream): Logger {
  return pino({ level: 'debug', base: { service: SERVICE }, timestamp: pino.stdTimeFunctions.isoTime }, destination);
}

/**
 * stdout, written asynchronously (buffered, flushed on exit): a synchronous write per request would stall the event loop on a slow log reader.
 * Lines are gathered up to 4 KB, and written at least every 250 ms: one write per request was ~2% of a small page's CPU.
 */
function stdoutLines(): DestinationStream {
  return pino.destination({ dest: 1, sync: false, minLength: 4_096, periodicFlush: 250 });
}

const INFO = pino.levels.values.info;

/**
 * The access line as pino writes a line (its level, time and service, the fields in order, then
 * `msg`), built here: passed through pino, its per-line serialisation was ~3% of a small page's CPU
 * (bench/README.md, "Eighteenth pass"). The fields are the gateway's own words and numbers and the
 * caller's texts already redacted; their keys are the gateway's own names.
 */
function accessLineJson(fields: LogFields): string {
  let line = `{"level":${INFO},"time":"${isoUtcMillis(Date.now())}","service":"${SERVICE}"`;
  for (const key in fields) {
    const value = fields[key] as string | number;
    line += `,"${key}":${typeof value === 'number' ? value : JSON.stringify(value)}`;
  }
  return `${line},"msg":"request"}\n`;
}

/** Text lines to a sink (the access line among them), else JSON lines to `destination` (stdout by default), the access line's built here. */
function writersFor(
  sink: LogSink | undefined,
  destination: DestinationStream | undefined,
): { writer: LogWriter; writeAccessLine: (fields: LogFields) => void } {
  if (sink !== undefined) {
    const writer = textWriter(sink);
    return { writer, writeAccessLine: (fields) => writer('info', 'request', fields) };
  }
  const stream = destination ?? stdoutLines();
  return { writer: pinoWriter(jsonLines(stream)), writeAccessLine: (fields) => stream.write(accessLineJson(fields)) };
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

/**
 * The process's one logger (main.ts builds it before the upstreams and the gateway, and passes it to both).
 * Entries go to `sink` as text when given, else as JSON lines to `destination` (stdout by default).
 */
export function createGatewayLogger({
  secrets,
  sink,
  destination,
  level = 'warn',
}: {
  secrets: readonly (string | undefined)[];
  sink?: LogSink;
  destination?: DestinationStream;
  level?: LogLevel;
}): GatewayLogger {
  const redact = createRedactor(secrets);
  const threshold = LEVELS.indexOf(level);
  const { writer, writeAccessLine } = writersFor(sink, destination);
  // A line's fields start with its request id, redacted when the caller may have chosen it (a UUID
  // the gateway made holds nothing to redact: request-scope.ts, `callerChoseRequestId`).
  const startFields = (requestId: string | undefined, callerMayHaveChosen = true): LogFields =>
    requestId === undefined ? {} : { requestId: callerMayHaveChosen ? redact(requestId) : requestId };
  const emit = (entryLevel: LogLevel, message: string, fields: LogFields, requestId: string | undefined) => {
    const redacted = startFields(requestId);
    for (const key in fields) {
      const value = fields[key] as string | number;
      redacted[key] = typeof value === 'string' ? redact(value) : value;
    }
    writer(entryLevel, redact(message), redacted);
  };
  const write =
    (entryLevel: LogLevel, requestId: string | undefined) =>
    (...args: unknown[]) => {
      if (LEVELS.indexOf(entryLevel) < threshold) return;
      emit(entryLevel, args.map(describe).join(' '), {}, requestId);
    };
  const levels = (requestId: string | undefined): YogaLogger => ({
    debug: write('debug', requestId),
    info: write('info', requestId),
    warn: write('warn', requestId),
    error: write('error', requestId),
  });
  return {
    ...levels(undefined),
    request: ({ requestId, callerChoseRequestId, operation, outcome, status, durationMs }) => {
      // The operation name is the caller's text too, redacted; the rest is the gateway's own words and numbers.
      const fields = startFields(requestId, callerChoseRequestId);
      fields.operation = redact(operation);
      fields.outcome = outcome;
      fields.status = status;
      fields.durationMs = Math.round(durationMs);
      writeAccessLine(fields);
    },
    forRequest: levels,
  };
}
