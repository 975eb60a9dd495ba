import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Every `extensions.code` is written once, in src/errors.ts: elsewhere errors come from its
 * builders and codes are asked with its predicates. The simulators are left out: their codes are
 * the vendors' wire formats, not the gateway's answers.
 */

const SRC = new URL('../../src/', import.meta.url).pathname;
const ERRORS = join(SRC, 'errors.ts');

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return entry.name === 'simulators' ? [] : sourceFiles(path);
    return path.endsWith('.ts') && path !== ERRORS ? [path] : [];
  });
}

/** The codes errors.ts writes: `code: 'X'` and the constants `const X = 'X'` its builders use. */
function gatewayCodes(): string[] {
  const text = readFileSync(ERRORS, 'utf8');
  return [...text.matchAll(/code: '([A-Z_]+)'|const ([A-Z_]+) = '\2'/g)].map((match) => match[1] ?? match[2]!);
}

describe('error codes', () => {
  it('finds the codes errors.ts writes', () => {
    expect(gatewayCodes()).toEqual(
      expect.arrayContaining(['BAD_USER_INPUT', 'FORBIDDEN', 'UPSTREAM_TIMEOUT', 'INTERNAL_SERVER_ERROR', 'PERSISTED_QUERY_ONLY']),
    );
  });

  it('are written nowhere else in src/', () => {
    const codes = gatewayCodes();
    const quoted = new RegExp(`(['"\`])(${codes.join('|')})\\1`);
    const offenders = sourceFiles(SRC).flatMap((path) =>
      readFileSync(path, 'utf8')
        .split('\n')
        .flatMap((line, index) => (quoted.test(line) ? [`${relative(SRC, path)}:${index + 1}: ${line.trim()}`] : [])),
    );
    expect(offenders).toEqual([]);
  });
});
