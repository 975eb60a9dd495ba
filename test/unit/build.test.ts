import { execFile } from 'node:child_process';
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { runUntil, UNREACHABLE_LIVE_UPSTREAMS } from '../support/main-process.js';

/**
 * What `npm run build` ships (tsconfig.build.json): the gateway without the simulators, which are
 * test plumbing (fault injection included). Built here as the build does it, types left to the
 * typecheck, into node_modules so the compiled files resolve the project's packages.
 */

const projectRoot = fileURLToPath(new URL('../../', import.meta.url));
const outDir = fileURLToPath(new URL('../../node_modules/.cache/secops-gateway-build-check/', import.meta.url));

function filesUnder(root: string, extension: string): string[] {
  return readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((path) => path.endsWith(extension))
    .map((path) => path.split('\\').join('/'))
    .sort();
}

beforeAll(async () => {
  rmSync(outDir, { recursive: true, force: true });
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  await promisify(execFile)(process.execPath, [tsc, '-p', 'tsconfig.build.json', '--noCheck', '--outDir', outDir], { cwd: projectRoot });
  // Node stops looking for package.json at node_modules: say here that these are ES modules.
  writeFileSync(`${outDir}package.json`, `${JSON.stringify({ type: 'module' })}\n`);
}, 120_000);

describe('the build (npm run build)', () => {
  it('compiles every module of src/ but the simulators', () => {
    const built = filesUnder(outDir, '.js');
    expect(built.filter((path) => path.startsWith('simulators/'))).toEqual([]);
    const sources = filesUnder(`${projectRoot}src`, '.ts').filter((path) => !path.startsWith('simulators/'));
    expect(built).toEqual(sources.map((path) => path.replace(/\.ts$/, '.js')));
  });

  it('refuses the demo, saying where it runs', async () => {
    const { code, output } = await runUntil([`${outDir}main.js`, 'demo'], { PORT: '0' }, /$^/);
    expect(code).toBe(2);
    expect(output).toMatch(/This build has no demo: the simulators are left out of dist\/\. Run the demo from the sources \(npm start\)/);
    expect(output).not.toMatch(/SecOps gateway/);
  });

  it('runs live', async () => {
    const live = { ...UNREACHABLE_LIVE_UPSTREAMS, GATEWAY_AUTH: 'off', PORT: '0', HOST: '127.0.0.1' };
    const { code, output } = await runUntil([`${outDir}main.js`, 'live'], live, /SecOps gateway \(live\) at/);
    expect(output).toMatch(/SecOps gateway \(live\) at http:\/\/127\.0\.0\.1:\d+\/graphql/);
    expect(code).toBe(0);
  });
});
