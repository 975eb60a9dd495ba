import { execFile, spawn } from 'node:child_process';
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';

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

/** Runs the built main.js with `args` until it exits, or until its output matches `until` (then SIGTERM). */
function runBuilt(args: string[], env: Record<string, string>, until: RegExp): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [`${outDir}main.js`, ...args], {
      env: { PATH: process.env['PATH'] ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const timer = setTimeout(() => child.kill('SIGTERM'), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (until.test(output)) child.kill('SIGTERM');
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
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
    const { code, output } = await runBuilt(['demo'], { PORT: '0' }, /$^/);
    expect(code).toBe(2);
    expect(output).toMatch(/This build has no demo: the simulators are left out of dist\/\. Run the demo from the sources \(npm start\)/);
    expect(output).not.toMatch(/SecOps gateway/);
  });

  it('runs live', async () => {
    const live = {
      CYBERTRACE_BASE_URL: 'https://ct.example.test',
      CYBERTRACE_USERNAME: 'u',
      CYBERTRACE_PASSWORD: 'p',
      NCP_ACCESS_KEY: 'a',
      NCP_SECRET_KEY: 's',
      APEX_BASE_URL: 'https://apex.example.test',
      APEX_APPLICATION_ID: 'i',
      APEX_API_KEY: 'k',
      GATEWAY_AUTH: 'off',
      PORT: '0',
      HOST: '127.0.0.1',
    };
    const { code, output } = await runBuilt(['live'], live, /SecOps gateway \(live\) at/);
    expect(output).toMatch(/SecOps gateway \(live\) at http:\/\/127\.0\.0\.1:\d+\/graphql/);
    expect(code).toBe(0);
  });
});
