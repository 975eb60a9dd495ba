import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoSimulators, type DemoSimulators } from '../../src/simulators/index.js';
import { DATA_WINDOW_FOR_DEMO, DEMO_TENANT_ID } from '../../src/simulators/demo-seed.js';
import { freePort } from '../support/free-port.js';

/**
 * The real gateway process (node, as the container's CMD runs it) over the simulators in this
 * process: SIGTERM while an upstream call is held open must let that request finish, refuse new
 * connections meanwhile, and end the process with exit code 0.
 */

const SIGN_ONLY = {
  query: `query($t: String!, $from: DateTime!, $to: DateTime!) { tenant(tenantId: $t) { threatSummaries(kind: OTHER, lineType: INT, from: $from, to: $to, first: 1) { totalCount } } }`,
  variables: { t: DEMO_TENANT_ID, ...DATA_WINDOW_FOR_DEMO },
};

let simulators: DemoSimulators;
let gateway: ChildProcess | undefined;

beforeAll(async () => {
  simulators = await startDemoSimulators();
});
afterAll(async () => {
  if (gateway?.exitCode === null) gateway.kill('SIGKILL');
  await simulators?.close();
});

/** Starts `node src/main.ts live` (through tsx's loader) and resolves once it listens; `output` collects stdout and stderr. */
async function startGatewayProcess(port: number): Promise<{ child: ChildProcess; output: () => string; waitFor: (text: string) => Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', 'live'], {
    env: {
      PATH: process.env['PATH'],
      ...simulators.environment,
      PORT: String(port),
      HOST: '127.0.0.1',
      GATEWAY_AUTH: 'off',
      GATEWAY_RATE_LIMIT_PER_MINUTE: '0',
      GATEWAY_CACHE_TTL_SECONDS: '0',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const waiters: { text: string; resolve: () => void }[] = [];
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
    for (const waiter of waiters.filter((candidate) => output.includes(candidate.text))) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const waitFor = (text: string) =>
    output.includes(text)
      ? Promise.resolve()
      : new Promise<void>((resolve, reject) => {
          waiters.push({ text, resolve });
          child.once('exit', (code) => reject(new Error(`the gateway exited (${code}) before printing "${text}":\n${output}`)));
        });
  await waitFor('SecOps gateway (live) at');
  return { child, output: () => output, waitFor };
}

describe('SIGTERM', () => {
  it('finishes the request in flight, refuses new connections, and exits 0', async () => {
    const port = await freePort();
    const started = await startGatewayProcess(port);
    gateway = started.child;
    const exited = once(started.child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
    const url = `http://127.0.0.1:${port}/graphql`;

    // SIGN holds the call; the request is in flight once SIGN has received it.
    simulators.sign.inject({ kind: 'latency', ms: 3_000, times: 1 });
    const inFlight = fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(SIGN_ONLY) });
    while (simulators.sign.requests.length === 0) await new Promise((resolve) => setImmediate(resolve));

    started.child.kill('SIGTERM');
    await started.waitFor('SIGTERM: not accepting new connections');
    // The request is still held by SIGN; a new connection is refused meanwhile.
    await expect(
      fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', connection: 'close' }, body: JSON.stringify(SIGN_ONLY) }),
    ).rejects.toThrow();

    const response = await inFlight;
    expect(response.status).toBe(200);
    const body = (await response.json()) as { data?: { tenant: { threatSummaries: { totalCount: number } | null } }; errors?: unknown[] };
    expect(body.errors).toBeUndefined();
    expect(body.data?.tenant.threatSummaries?.totalCount).toBeGreaterThan(0);
    expect(simulators.sign.requests).toHaveLength(1);

    const [code, signal] = await exited;
    expect({ code, signal }).toEqual({ code: 0, signal: null });
  }, 120_000);
});
