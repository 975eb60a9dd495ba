import { badUserInput } from '../../errors.js';
import type { CursorCodec, CursorPayload } from './cursor-codec.js';
import { MAX_PAGE_SIZE } from './upstream-page.js';

/** Rows in a page when the client asks for neither `first` nor `last`. */
export const DEFAULT_PAGE_ROWS = 20;

export interface ConnectionArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

export interface ResolvedConnectionArgs {
  /** Exactly one of first/last is set; first defaults to DEFAULT_PAGE_ROWS. */
  first?: number;
  last?: number;
  afterOffset?: number;
  beforeOffset?: number;
  /** The pin carried by the cursors, if any. */
  pin?: string;
  /** The total the cursors saw, a hint for planning only. */
  totalHint?: number;
}

function checkRowCount(name: 'first' | 'last', value: number): number {
  if (!Number.isInteger(value) || value < 0 || value > MAX_PAGE_SIZE) {
    throw badUserInput(`\`${name}\` must be an integer from 0 to ${MAX_PAGE_SIZE}, got ${value}.`);
  }
  return value;
}

function decodeArg(name: 'after' | 'before', cursor: string, bindingKey: string, codec: CursorCodec): CursorPayload {
  try {
    return codec.decode(cursor, bindingKey);
  } catch (error) {
    throw badUserInput(`Invalid \`${name}\`: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * Validates first/last/after/before before any upstream call (throws badUserInput). Neither
 * first nor last means first = DEFAULT_PAGE_ROWS.
 */
export function resolveConnectionArgs(args: ConnectionArgs, bindingKey: string, codec: CursorCodec): ResolvedConnectionArgs {
  const { first, last, after, before } = args;
  const hasFirst = first !== undefined && first !== null;
  const hasLast = last !== undefined && last !== null;
  if (hasFirst && hasLast) throw badUserInput('Pass either `first` or `last`, not both.');
  const resolved: ResolvedConnectionArgs = hasLast
    ? { last: checkRowCount('last', last) }
    : { first: hasFirst ? checkRowCount('first', first) : DEFAULT_PAGE_ROWS };

  const afterCursor = after === undefined || after === null ? undefined : decodeArg('after', after, bindingKey, codec);
  const beforeCursor = before === undefined || before === null ? undefined : decodeArg('before', before, bindingKey, codec);
  if (afterCursor && beforeCursor && afterCursor.pin !== beforeCursor.pin) {
    throw badUserInput('The `after` and `before` cursors come from different reads of this list; take both from the same one.');
  }
  if (afterCursor) resolved.afterOffset = afterCursor.offset;
  if (beforeCursor) resolved.beforeOffset = beforeCursor.offset;
  const pin = afterCursor?.pin ?? beforeCursor?.pin;
  if (pin !== undefined) resolved.pin = pin;
  const totals = [afterCursor?.total, beforeCursor?.total].filter((t): t is number => t !== undefined);
  // A larger hint clamps less: safer if rows were added since.
  if (totals.length > 0) resolved.totalHint = Math.max(...totals);
  return resolved;
}
