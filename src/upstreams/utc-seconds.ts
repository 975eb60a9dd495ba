/**
 * UTC date-time to the second, `YYYY-MM-DDTHH:mm:ssZ`: the form SIGN and Apex Central both take
 * (neither accepts milliseconds).
 */
export function formatUtcSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** What `toISOString` writes, SIGN's own form of a time: `YYYY-MM-DDTHH:mm:ss.sssZ`, hours, minutes and seconds in range. */
const ISO_UTC_MILLIS = /^(\d{4})-(\d{2})-(\d{2})T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{3}Z$/;

/** The year, month and day of a time written in `toISOString`'s form (the day not checked against the calendar); undefined for any other text. */
export function isoUtcMillisDate(text: string): { year: number; month: number; day: number } | undefined {
  const match = ISO_UTC_MILLIS.exec(text);
  return match === null ? undefined : { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
}
