import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { Redis } from 'ioredis';
import { freePort } from './free-port.js';

/** A real redis-server for the test run, on a free loopback port, with nothing written to disk. */
export interface TestRedis {
  url: string;
  /** Resolves once `count` other clients are connected. */
  waitForClients(count: number): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Why the Redis suite cannot run here, or null when `redis-server` is on the PATH. Without it the
 * suite is skipped rather than failed: `.ci/run` installs the package, so CI always runs it.
 */
export function redisUnavailableReason(): string | null {
  const probe = spawnSync('redis-server', ['--version'], { stdio: 'ignore' });
  return probe.error === undefined
    ? null
    : 'redis-server is not on the PATH: install the Debian package redis-server (apt-get install redis-server) to run the Redis cache tests';
}

export async function startRedis(): Promise<TestRedis> {
  const port = await freePort();
  let output = '';
  const child: ChildProcess = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const spawned = new Promise<never>((_resolve, reject) =>
    child.on('error', (error) => reject(new Error(`redis-server could not start (install it: apt-get install redis-server): ${error.message}`))),
  );
  const url = `redis://127.0.0.1:${port}`;
  const ready = (async () => {
    for (let attempt = 0; attempt < 100; attempt += 1) {
      const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
      client.on('error', () => {});
      try {
        await client.connect();
        if ((await client.ping()) === 'PONG') return;
      } catch {
        // not up yet
      } finally {
        client.disconnect();
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`redis-server did not answer: ${output}`);
  })();
  await Promise.race([ready, spawned]);
  return {
    url,
    waitForClients: async (count) => {
      const observer = new Redis(url);
      try {
        for (let attempt = 0; attempt < 100; attempt += 1) {
          const clients = ((await observer.client('LIST')) as string).trim().split('\n').length - 1;
          if (clients >= count) return;
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        throw new Error(`fewer than ${count} clients connected to redis`);
      } finally {
        observer.disconnect();
      }
    },
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
