/** Wire formats of time: RFC 3339 date-times with a zone, and calendar dates. */

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function validCalendarDate(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** Epoch milliseconds of an RFC 3339 date-time with a zone (`Z` or `±HH:MM`), or undefined. */
export function parseDateTime(text: string): number | undefined {
  const match = DATE_TIME.exec(text);
  if (!match) return undefined;
  const [y, mo, d, h, mi, s] = match.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const fraction = match[7] ?? '';
  const zone = match[8] ?? 'Z';
  if (!validCalendarDate(y, mo, d) || h > 23 || mi > 59 || s > 59) return undefined;
  let offsetMinutes = 0;
  if (zone !== 'Z') {
    const offsetHours = Number(zone.slice(1, 3));
    const offsetRest = Number(zone.slice(4, 6));
    if (offsetHours > 23 || offsetRest > 59) return undefined;
    offsetMinutes = (zone.startsWith('-') ? -1 : 1) * (offsetHours * 60 + offsetRest);
  }
  const millis = Number(fraction.padEnd(3, '0').slice(0, 3));
  return Date.UTC(y, mo - 1, d, h, mi, s, millis) - offsetMinutes * MINUTE_MS;
}

/** Epoch milliseconds of the UTC midnight starting a `YYYY-MM-DD` date, or undefined. */
export function parseDate(text: string): number | undefined {
  const match = DATE.exec(text);
  if (!match) return undefined;
  const [y, mo, d] = match.slice(1).map(Number) as [number, number, number];
  return validCalendarDate(y, mo, d) ? Date.UTC(y, mo - 1, d) : undefined;
}

/** `2021-08-01T00:00:00.000Z`: how the vendor writes receive times and flow times. */
export function formatMillis(epochMs: number): string {
  return new Date(epochMs).toISOString();
}

/** `2025-12-01T10:50:25Z`: how the vendor writes time-series timestamps and startAt. */
export function formatSeconds(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/\.000Z$/, 'Z');
}
