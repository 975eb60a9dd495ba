import { Kind } from 'graphql';
import { badUserInput } from '../errors.js';
import { builder } from './builder.js';

/** RFC 3339 with a zone; a date-time without one is ambiguous for a UTC-only upstream, so it is refused. */
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;
const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function parseDateTime(value: unknown): Date {
  if (typeof value !== 'string' || !RFC3339.test(value) || Number.isNaN(Date.parse(value))) {
    throw badUserInput(`DateTime must be RFC 3339 with a zone, such as 2026-11-01T09:00:00Z; got ${JSON.stringify(value)}`);
  }
  return new Date(value);
}

export function parseCalendarDate(value: unknown): string {
  const match = typeof value === 'string' ? CALENDAR_DATE.exec(value) : null;
  const valid = match && new Date(`${value as string}T00:00:00Z`).toISOString().startsWith(value as string);
  if (!valid) throw badUserInput(`Date must be a calendar date YYYY-MM-DD, such as 2026-11-01; got ${JSON.stringify(value)}`);
  return value as string;
}

builder.scalarType('DateTime', {
  description: 'An RFC 3339 date-time with a zone, such as 2026-11-01T09:00:00Z.',
  serialize: (value) => (value instanceof Date ? value.toISOString() : new Date(value).toISOString()),
  parseValue: parseDateTime,
  parseLiteral: (ast) => parseDateTime(ast.kind === Kind.STRING ? ast.value : undefined),
});

builder.scalarType('Date', {
  description: 'A calendar date, YYYY-MM-DD.',
  serialize: (value) => value,
  parseValue: parseCalendarDate,
  parseLiteral: (ast) => parseCalendarDate(ast.kind === Kind.STRING ? ast.value : undefined),
});
