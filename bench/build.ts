import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

/**
 * Compiles the load targets (bench/target.ts and the gateway it serves) to plain JavaScript, so
 * they run on bare node as `npm run start:live` does: under tsx, its loader thread alone adds
 * some 90 MB to every process and would swamp the memory figures.
 */

const projectRoot = fileURLToPath(new URL('..', import.meta.url));
/** Inside node_modules so the compiled files resolve the project's packages, and ignored by git. */
const outDir = fileURLToPath(new URL('../node_modules/.cache/secops-gateway-bench/', import.meta.url));
const BUILD_LIMIT_MS = 180_000;

/** Builds afresh and answers the compiled target's path. */
export async function buildTargets(): Promise<string> {
  rmSync(outDir, { recursive: true, force: true });
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  // Types are the typecheck's job (`npm run typecheck` covers bench/): only emit here.
  await promisify(execFile)(process.execPath, [tsc, '-p', fileURLToPath(new URL('./tsconfig.json', import.meta.url)), '--noCheck', '--outDir', outDir], {
    cwd: projectRoot,
    timeout: BUILD_LIMIT_MS,
  });
  // Node stops looking for package.json at node_modules: say here that these are ES modules.
  writeFileSync(`${outDir}package.json`, `${JSON.stringify({ type: 'module' })}\n`);
  // src/server.ts reads GraphiQL's example operations and their variables from ../schema/operations.
  mkdirSync(`${outDir}schema`, { recursive: true });
  cpSync(`${projectRoot}schema/operations`, `${outDir}schema/operations`, { recursive: true });
  return `${outDir}bench/target.js`;
}
