import { SIGN_ERROR, SignFailure, type SignErrorCode, type SignIssue } from './errors.js';
import { parseDate, parseDateTime } from './time.js';

/** 32 characters 0-9a-f: the vendor's format for tenant IDs and X-Auth-Token. */
export const HEX32 = /^[0-9a-f]{32}$/;

const IPV4_OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const IPV4 = new RegExp(`^${IPV4_OCTET}(?:\\.${IPV4_OCTET}){3}$`);
const INTEGER = /^-?\d+$/;

export function isIpv4(text: string): boolean {
  return IPV4.test(text);
}

/** An IPv4 address as an unsigned 32-bit number (callers check isIpv4 first). */
export function ipv4ToNumber(address: string): number {
  return address.split('.').reduce((value, octet) => value * 256 + Number(octet), 0);
}

export interface Cidr {
  network: number;
  prefixLength: number;
}

export function parseCidr(text: string): Cidr | undefined {
  const [address, prefix, extra] = text.split('/');
  if (address === undefined || prefix === undefined || extra !== undefined) return undefined;
  if (!isIpv4(address) || !/^(?:3[0-2]|[12]?\d)$/.test(prefix)) return undefined;
  const prefixLength = Number(prefix);
  return { network: maskAddress(ipv4ToNumber(address), prefixLength), prefixLength };
}

function maskAddress(address: number, prefixLength: number): number {
  const hostBits = 32 - prefixLength;
  return Math.floor(address / 2 ** hostBits) * 2 ** hostBits;
}

export function cidrContains(cidr: Cidr, address: string): boolean {
  return maskAddress(ipv4ToNumber(address), cidr.prefixLength) === cidr.network;
}

export interface IntegerRange {
  min: number;
  max: number;
}

/**
 * Reads a query string the way the vendor checks it. Each reader records what is wrong and
 * returns a placeholder, so one request reports every problem at once; `done()` throws
 * before a placeholder can be used, and also rejects any key no reader asked for.
 */
export class QueryReader {
  private readonly issues: (SignIssue & { parameter: string })[] = [];
  private readonly known = new Set<string>();

  constructor(private readonly query: URLSearchParams) {}

  fail(parameter: string, code: SignErrorCode, message: string): void {
    this.issues.push({ parameter, code, message });
  }

  /** True when every named parameter was read without a problem (for cross-field checks). */
  valid(...parameters: string[]): boolean {
    return !this.issues.some((issue) => parameters.includes(issue.parameter));
  }

  done(): void {
    for (const key of new Set(this.query.keys())) {
      if (!this.known.has(key)) this.fail(key, SIGN_ERROR.unknownParameter, `Unknown query parameter '${key}'.`);
    }
    if (this.issues.length > 0) throw new SignFailure(400, this.issues);
  }

  /** The single raw value: undefined when absent (an issue when required), repeats and empties refused. */
  private single(name: string, required: boolean): string | undefined {
    this.known.add(name);
    const values = this.query.getAll(name);
    if (values.length === 0) {
      if (required) this.fail(name, SIGN_ERROR.missingParameter, `Query parameter '${name}' is required.`);
      return undefined;
    }
    if (values.length > 1) {
      this.fail(name, SIGN_ERROR.repeatedParameter, `Query parameter '${name}' may be given only once.`);
      return undefined;
    }
    const [value] = values;
    if (value === '') {
      this.fail(name, SIGN_ERROR.invalidParameter, `Query parameter '${name}' must not be empty.`);
      return undefined;
    }
    return value;
  }

  private invalid(name: string, value: string, expectation: string): void {
    this.fail(name, SIGN_ERROR.invalidParameter, `Query parameter '${name}' must be ${expectation} (got '${value}').`);
  }

  /** Each value of a parameter that may be repeated, keeping only those that pass `accept`. */
  private each<T>(name: string, expectation: string, accept: (value: string) => T | undefined): T[] {
    this.known.add(name);
    const accepted: T[] = [];
    for (const value of this.query.getAll(name)) {
      const parsed = accept(value);
      if (parsed === undefined) this.invalid(name, value, expectation);
      else accepted.push(parsed);
    }
    return accepted;
  }

  requiredString(name: string): string {
    return this.single(name, true) ?? '';
  }

  optionalString(name: string): string | undefined {
    return this.single(name, false);
  }

  requiredDateTime(name: string): number {
    return this.parsed(name, true, 'an RFC 3339 date-time with a zone, e.g. 2025-12-01T10:50:25Z', parseDateTime) ?? 0;
  }

  /** UTC midnight of a `YYYY-MM-DD` date. */
  requiredDate(name: string): number {
    return this.parsed(name, true, 'a date YYYY-MM-DD, e.g. 2024-06-10', parseDate) ?? 0;
  }

  requiredOneOf<T extends string>(name: string, allowed: readonly T[]): T {
    return this.oneOf(name, allowed, true) ?? (allowed[0] as T);
  }

  optionalOneOf<T extends string>(name: string, allowed: readonly T[]): T | undefined {
    return this.oneOf(name, allowed, false);
  }

  private oneOf<T extends string>(name: string, allowed: readonly T[], required: boolean): T | undefined {
    return this.parsed(name, required, `one of ${allowed.join(', ')}`, (value) => allowed.find((candidate) => candidate === value));
  }

  listOf<T extends string>(name: string, allowed: readonly T[]): T[] {
    return this.each(name, `one of ${allowed.join(', ')}`, (value) => allowed.find((candidate) => candidate === value));
  }

  integer(name: string, range: IntegerRange, fallback: number): number;
  integer(name: string, range: IntegerRange): number | undefined;
  integer(name: string, range: IntegerRange, fallback?: number): number | undefined {
    return this.parsed(name, false, describeRange(range), (value) => parseInteger(value, range)) ?? fallback;
  }

  integers(name: string, range: IntegerRange): number[] {
    return this.each(name, describeRange(range), (value) => parseInteger(value, range));
  }

  optionalIpv4(name: string): string | undefined {
    return this.parsed(name, false, 'an IPv4 address, e.g. 192.168.1.89', (value) => (isIpv4(value) ? value : undefined));
  }

  ipv4s(name: string): string[] {
    return this.each(name, 'an IPv4 address, e.g. 192.168.0.1', (value) => (isIpv4(value) ? value : undefined));
  }

  cidrs(name: string): Cidr[] {
    return this.each(name, 'an IPv4 network in CIDR form, e.g. 192.168.0.0/24', parseCidr);
  }

  private parsed<T>(name: string, required: boolean, expectation: string, parse: (value: string) => T | undefined): T | undefined {
    const raw = this.single(name, required);
    if (raw === undefined) return undefined;
    const value = parse(raw);
    if (value === undefined) this.invalid(name, raw, expectation);
    return value;
  }
}

function describeRange({ min, max }: IntegerRange): string {
  return max === Number.MAX_SAFE_INTEGER ? `an integer >= ${min}` : `an integer from ${min} to ${max}`;
}

function parseInteger(text: string, { min, max }: IntegerRange): number | undefined {
  if (!INTEGER.test(text)) return undefined;
  const value = Number(text);
  return Number.isSafeInteger(value) && value >= min && value <= max ? value : undefined;
}

/** Reads a JSON request body: an object whose every field is known. */
export class BodyReader {
  private readonly issues: (SignIssue & { field: string })[] = [];
  private readonly fields: Record<string, unknown>;

  constructor(body: string, allowed: readonly string[]) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      throw SignFailure.of(400, SIGN_ERROR.invalidBody, 'The request body must be a JSON object.');
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw SignFailure.of(400, SIGN_ERROR.invalidBody, 'The request body must be a JSON object.');
    }
    this.fields = parsed as Record<string, unknown>;
    for (const key of Object.keys(this.fields)) {
      if (!allowed.includes(key)) this.issues.push({ field: key, code: SIGN_ERROR.unknownParameter, message: `Unknown body field '${key}'.` });
    }
  }

  requiredBoolean(name: string): boolean {
    const value = this.fields[name];
    if (value === undefined) {
      this.issues.push({ field: name, code: SIGN_ERROR.missingParameter, message: `Body field '${name}' is required.` });
      return false;
    }
    if (typeof value !== 'boolean') {
      this.issues.push({ field: name, code: SIGN_ERROR.invalidParameter, message: `Body field '${name}' must be a boolean (true or false).` });
      return false;
    }
    return value;
  }

  optionalOneOf<T extends string | number>(name: string, allowed: readonly T[]): T | undefined {
    const value = this.fields[name];
    if (value === undefined) return undefined;
    const match = allowed.find((candidate) => candidate === value);
    if (match === undefined) {
      const shown = allowed.map((candidate) => JSON.stringify(candidate)).join(', ');
      this.issues.push({
        field: name,
        code: SIGN_ERROR.invalidParameter,
        message: `Body field '${name}' must be one of ${shown} (got ${JSON.stringify(value)}).`,
      });
    }
    return match;
  }

  done(): void {
    if (this.issues.length > 0) throw new SignFailure(400, this.issues);
  }
}
