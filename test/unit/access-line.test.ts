/**
 * The access line is built by the logger itself, not by pino (logger.ts, accessLineJson): it must
 * read as the line pino writes for the same entry, field for field and in the same order, with the
 * caller's texts redacted and valid JSON whatever they hold.
 */
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { createGatewayLogger } from '../../src/observability/logger.js';

const SECRET = 'configured-secret-0123';

function capture(): { lines: string[]; destination: { write: (line: string) => void } } {
  const lines: string[] = [];
  return { lines, destination: { write: (line) => lines.push(line) } };
}

/** What pino itself writes for these fields at info, with the gateway's base and time format. */
function pinoLine(fields: Record<string, string | number>): string {
  const { lines, destination } = capture();
  pino({ level: 'debug', base: { service: 'secops-gateway' }, timestamp: pino.stdTimeFunctions.isoTime }, destination).info(fields, 'request');
  return lines[0]!;
}

const withoutTime = (line: string) => line.replace(/"time":"[^"]+"/, '"time":"T"');

describe('the access line', () => {
  it('is the line pino writes for the same entry, the time aside', () => {
    const { lines, destination } = capture();
    const logger = createGatewayLogger({ secrets: [SECRET], destination });
    logger.request({ requestId: 'trace-0123456789', callerChoseRequestId: true, operation: 'SimThreats', outcome: 'partial', status: 200, durationMs: 12.6 });
    logger.request({ requestId: undefined, callerChoseRequestId: false, operation: 'anonymous', outcome: 'error', status: 400, durationMs: 0.4 });

    expect(lines).toHaveLength(2);
    expect(withoutTime(lines[0]!)).toBe(
      withoutTime(pinoLine({ requestId: 'trace-0123456789', operation: 'SimThreats', outcome: 'partial', status: 200, durationMs: 13 })),
    );
    expect(withoutTime(lines[1]!)).toBe(withoutTime(pinoLine({ operation: 'anonymous', outcome: 'error', status: 400, durationMs: 0 })));
    const time = (JSON.parse(lines[0]!) as { time: string }).time;
    expect(new Date(time).toISOString()).toBe(time);
  });

  it('redacts what the caller chose and stays one line of valid JSON whatever the texts hold', () => {
    const { lines, destination } = capture();
    const logger = createGatewayLogger({ secrets: [SECRET], destination });
    const operation = `Op"${SECRET}\\\n\u2028é`;
    logger.request({ requestId: `id-${SECRET}`, callerChoseRequestId: true, operation, outcome: 'success', status: 200, durationMs: 1 });

    expect(lines[0]!.endsWith('\n')).toBe(true);
    expect(lines[0]!.slice(0, -1)).not.toContain('\n');
    expect(lines[0]).not.toContain(SECRET);
    expect(JSON.parse(lines[0]!)).toMatchObject({
      level: 30,
      service: 'secops-gateway',
      requestId: 'id-[redacted]',
      operation: 'Op"[redacted]\\\n\u2028é',
      msg: 'request',
    });
  });

  it('writes an id the gateway made as it is, and redacts the same text when the caller chose it', () => {
    const { lines, destination } = capture();
    // A made id never holds a secret; here one does, to tell the two paths apart.
    const logger = createGatewayLogger({ secrets: [SECRET], destination });
    logger.request({ requestId: `made-${SECRET}`, callerChoseRequestId: false, operation: 'Page', outcome: 'success', status: 200, durationMs: 1 });
    logger.request({ requestId: `made-${SECRET}`, callerChoseRequestId: true, operation: 'Page', outcome: 'success', status: 200, durationMs: 1 });
    expect(lines.map((line) => (JSON.parse(line) as { requestId: string }).requestId)).toEqual([`made-${SECRET}`, 'made-[redacted]']);
  });
});
