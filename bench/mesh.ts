import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { freezable, running, waitForHealth, type LoadTarget } from './target-process.js';

/**
 * The anchor of scenario (a): GraphQL Mesh's OpenAPI source over SIGN (bench/sign-openapi.json,
 * bench/mesh.config.ts), composed with `mesh-compose` at bench time against the bench's SIGN
 * simulator, served by Hive Gateway from npm as its documentation has it for production
 * (`hive-gateway supergraph`, NODE_ENV=production, its default worker count: one on 2 cores;
 * no `--jit`, which answered this query `Unexpected error`).
 */

const require = createRequire(import.meta.url);
const benchDir = dirname(fileURLToPath(import.meta.url));
const COMPOSE_LIMIT_MS = 120_000;
const STOP_LIMIT_MS = 5_000;

/** `<package>/<bin>`: run with this node, not through npx, so the bench needs nothing on PATH. */
function binOf(packageName: string, bin: string): string {
  const manifestPath = require.resolve(`${packageName}/package.json`);
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { bin: Record<string, string> };
  return join(dirname(manifestPath), manifest.bin[bin]!);
}

export interface MeshSupergraph {
  path: string;
  remove(): void;
}

/** Composes the supergraph for the SIGN simulator at `signBaseUrl`. */
export async function composeMeshSupergraph(environment: { SIGN_BASE_URL: string; SIGN_AUTH_TOKEN: string }): Promise<MeshSupergraph> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-mesh-'));
  const path = join(dir, 'supergraph.graphql');
  await promisify(execFile)(process.execPath, [binOf('@graphql-mesh/compose-cli', 'mesh-compose'), '--config-path', 'mesh.config.ts', '--output', path], {
    cwd: benchDir,
    env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', ...environment },
    timeout: COMPOSE_LIMIT_MS,
  });
  return { path, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** The process's peak resident set (VmHWM) from /proc, as the kernel counts it; NaN where there is no /proc. */
function peakRssBytes(pid: number): number {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

/** Starts Hive Gateway over the supergraph, in its own process, and waits for its health check. */
export async function startMeshGateway(supergraph: MeshSupergraph): Promise<LoadTarget> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [binOf('@graphql-hive/gateway', 'hive-gateway'), 'supergraph', supergraph.path, '--host', '127.0.0.1', '--port', String(port)],
    {
      env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', NODE_ENV: 'production' },
      // Its logs are its own business; errors still show.
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  running.add(child);
  child.once('exit', () => running.delete(child));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    // A frozen process (freeze) takes SIGTERM only once it runs again.
    child.kill('SIGCONT');
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_LIMIT_MS);
    await exited;
    clearTimeout(timer);
  };
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHealth(url, child, '/healthcheck');
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    kind: 'mesh',
    url,
    // Its heap is not sampled (it has no channel to the bench): only the kernel's peak RSS is read.
    resetMemory: () => {},
    readMemory: async () => ({ peakRssBytes: peakRssBytes(child.pid!), peakHeapUsedBytes: Number.NaN, rssBytes: Number.NaN }),
    ...freezable(child),
    stop,
  };
}
