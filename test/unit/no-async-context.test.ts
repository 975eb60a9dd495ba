import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The gateway passes its request id and each operation's call budget explicitly (the context, the
 * clients' `UpstreamHttp.for`): on Node 20 one AsyncLocalStorage in use turns on promise hooks for
 * every promise of the process, ~10% of a small page's throughput (bench/README.md, "Fifth pass").
 * Tracing (OpenTelemetry's context manager) still uses one, when it is switched on.
 */
const srcRoot = fileURLToPath(new URL('../../src/', import.meta.url));
const modules = readdirSync(srcRoot, { recursive: true, encoding: 'utf8' }).filter((path) => path.endsWith('.ts'));

describe('async context', () => {
  it('is not kept by any module of the gateway', () => {
    const users = modules.filter((module) =>
      /\bnode:async_hooks\b|\bAsyncLocalStorage\b|\bAsyncResource\b|\bcreateHook\b/.test(
        readFileSync(`${srcRoot}${module}`, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, ''),
      ),
    );
    expect(users).toEqual([]);
  });
});
