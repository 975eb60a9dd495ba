/**
 * UTC date-time to the second, `YYYY-MM-DDTHH:mm:ssZ`: the form SIGN and Apex Central both take
 * (neither accepts milliseconds).
 */
export function formatUtcSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
