/**
 * UTC date-time to the second, `YYYY-MM-DDTHH:mm:ssZ`: the form SIGN and Apex Central both take
 * (neither accepts milliseconds).
 */
export function formatUtcSeconds(date: Date): string {
  const iso = date.toISOString();
  // Four-digit years, every time SIGN or Apex is asked about: the milliseconds cut by position, not by a regular expression.
  return iso.length === 24 ? `${iso.slice(0, 19)}Z` : iso.replace(/\.\d{3}Z$/, 'Z');
}

const ZERO = 48;

/** The two decimal digits at `at` as a number, or -1 when either is not a digit. */
function twoDigitsAt(text: string, at: number): number {
  const tens = text.charCodeAt(at) - ZERO;
  const ones = text.charCodeAt(at + 1) - ZERO;
  return tens >= 0 && tens <= 9 && ones >= 0 && ones <= 9 ? tens * 10 + ones : -1;
}

/**
 * The calendar day of a time written in `toISOString`'s form, SIGN's own form of a time
 * (`YYYY-MM-DDTHH:mm:ss.sssZ`, a month 01-12, a day 01-31, hours, minutes and seconds in range), as
 * the number YYYYMMDD (the day not checked against its month: 02-30 passes); -1 for any other text.
 * Read by character codes, with no match array or object: it runs for every time of every row
 * twice (the row's check and the answer's scalar), and the regular expression it replaces was 7%
 * of a 500-row page's CPU.
 */
export function isoUtcMillisDay(text: string): number {
  if (text.length !== 24) return -1;
  const separatorsInPlace =
    text.charCodeAt(4) === 45 /* - */ &&
    text.charCodeAt(7) === 45 /* - */ &&
    text.charCodeAt(10) === 84 /* T */ &&
    text.charCodeAt(13) === 58 /* : */ &&
    text.charCodeAt(16) === 58 /* : */ &&
    text.charCodeAt(19) === 46 /* . */ &&
    text.charCodeAt(23) === 90; /* Z */
  if (!separatorsInPlace) return -1;
  const century = twoDigitsAt(text, 0);
  const yearOfCentury = twoDigitsAt(text, 2);
  const month = twoDigitsAt(text, 5);
  const day = twoDigitsAt(text, 8);
  const hour = twoDigitsAt(text, 11);
  const minute = twoDigitsAt(text, 14);
  const second = twoDigitsAt(text, 17);
  const lastMilliDigit = text.charCodeAt(22) - ZERO;
  const inRange = month >= 1 && month <= 12 && day >= 1 && day <= 31 && hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59 && second >= 0 && second <= 59;
  if (!inRange || century < 0 || yearOfCentury < 0 || twoDigitsAt(text, 20) < 0 || lastMilliDigit < 0 || lastMilliDigit > 9) return -1;
  const year = century * 100 + yearOfCentury;
  return year * 10_000 + month * 100 + day;
}
