import { spawn, type ChildProcess } from 'node:child_process';
import { freePort } from './free-port.js';

/** A gateway as its own process (`src/main.ts live`), as a load balancer would see it. */
export interface GatewayProcess {
  url: string;
  /** What it printed so far (for a failing test's message). */
  output(): string;
  fetch(path: string, init?: RequestInit): Promise<Response>;
  /** SIGKILL: no shutdown, no lease released, as when a machine dies. */
  kill(): Promise<void>;
}

export async function startGatewayProcess(env: Record<string, string>): Promise<GatewayProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let output = '';
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', 'live'], {
    env: { PATH: process.env['PATH'] ?? '', ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const gatewayProcess: GatewayProcess = {
    url,
    output: () => output,
    fetch: (path, init) => fetch(new URL(path, url), init),
    kill: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
  // Up when /health answers; a process that exits first fails with what it said.
  for (let attempt = 0; attempt < 600; attempt += 1) {
    if (child.exitCode !== null) throw new Error(`the gateway process exited: ${output}`);
    try {
      if ((await fetch(`${url}/health`)).status === 200) return gatewayProcess;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await gatewayProcess.kill();
  throw new Error(`the gateway process did not start: ${output}`);
}
