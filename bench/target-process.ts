import { fork, type ChildProcess } from 'node:child_process';
import type { ChildMessage, MemoryReport, ParentMessage, ProfileKind, TargetKind } from './protocol.js';

/** The parent's handle on a load target process: start it, wait until it serves, read its memory, stop it. */

const STARTUP_LIMIT_MS = 30_000;
const HEALTH_POLL_MS = 100;
const MEMORY_REPLY_LIMIT_MS = 5_000;
const STOP_LIMIT_MS = 5_000;
const PROFILE_WRITE_LIMIT_MS = 30_000;

/** Every child still running: killed when the bench exits, however it exits (mesh.ts adds its own). */
export const running = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** What the bench needs of any load target: the gateway, the direct baseline, or Mesh + Hive Gateway (mesh.ts). */
export interface LoadTarget {
  kind: TargetKind;
  /** `http://127.0.0.1:<port>` */
  url: string;
  resetMemory(): void;
  readMemory(): Promise<MemoryReport>;
  /** Frozen (SIGSTOP) while another side is measured: its timers and idle-time collections cannot run on that side's CPU. */
  freeze(): void;
  /** Running again, and given a moment to take in what happened while it was frozen, before its load starts. */
  thaw(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * After SIGCONT a process first handles what arrived while it was stopped (upstream keep-alive
 * connections the simulators closed, timers that fell due): not inside its measured round.
 */
const THAW_SETTLE_MS = 250;

/** freeze and thaw of a child process; a child that has exited is left alone. */
export function freezable(child: ChildProcess): Pick<LoadTarget, 'freeze' | 'thaw'> {
  const alive = () => child.exitCode === null && child.signalCode === null;
  return {
    freeze: () => {
      if (alive()) child.kill('SIGSTOP');
    },
    thaw: async () => {
      if (!alive()) return;
      child.kill('SIGCONT');
      await new Promise((resolve) => setTimeout(resolve, THAW_SETTLE_MS));
    },
  };
}

export interface RunningTarget extends LoadTarget {
  pid: number;
  /** Profiling (CPU, or where the heap is allocated) of what happens from now until `stopProfile`, which writes it to `path`. */
  startProfile(kind: ProfileKind): Promise<void>;
  stopProfile(path: string): Promise<void>;
}

/** The variables a target may read: the bench's own, nothing inherited that could change the gateway's config. */
function targetEnvironment(config: Record<string, string>): NodeJS.ProcessEnv {
  const inherited = ['PATH', 'HOME', 'TMPDIR', 'TEMP', 'TMP', 'SystemRoot'].flatMap((name) =>
    process.env[name] === undefined ? [] : [[name, process.env[name]]],
  );
  return { ...Object.fromEntries(inherited), NODE_ENV: 'production', ...config, PORT: '0', HOST: '127.0.0.1' };
}

/** The child's next message of `type`; fails when it ends first or `limitMs` pass. */
export function nextMessage<T extends ChildMessage['type']>(
  child: ChildProcess,
  type: T,
  limitMs: number,
  what: string,
): Promise<Extract<ChildMessage, { type: T }>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => finish(new Error(`${what}: no answer within ${limitMs} ms`)), limitMs);
    const onMessage = (message: ChildMessage) => {
      if (message.type === type) finish(undefined, message as Extract<ChildMessage, { type: T }>);
    };
    const onExit = (code: number | null, signal: string | null) => finish(new Error(`${what}: the process ended (${signal ?? `exit code ${code}`})`));
    function finish(error?: Error, message?: Extract<ChildMessage, { type: T }>) {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      if (error) reject(error);
      else resolve(message!);
    }
    child.on('message', onMessage);
    child.on('exit', onExit);
  });
}

/** Polls `url + path` until it answers 200; fails when the process ends first or it takes too long. */
export async function waitForHealth(url: string, child: ChildProcess, path = '/health'): Promise<void> {
  const deadline = Date.now() + STARTUP_LIMIT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${url}${path}: the process ended (exit code ${child.exitCode})`);
    try {
      const response = await fetch(`${url}${path}`, { signal: AbortSignal.timeout(1_000) });
      await response.arrayBuffer();
      if (response.ok) return;
    } catch {
      // Not serving yet.
    }
    await new Promise((resolve) => setTimeout(resolve, HEALTH_POLL_MS));
  }
  throw new Error(`${url}${path} did not answer 200 within ${STARTUP_LIMIT_MS} ms`);
}

/** Starts the compiled target (see build.ts) on bare node with the given config variables and waits for its `/health`. */
export async function startTarget(targetScript: string, kind: TargetKind, config: Record<string, string>): Promise<RunningTarget> {
  const child = fork(targetScript, [kind], {
    execArgv: [],
    env: targetEnvironment(config),
    // stdout: the gateway's access log, a JSON line per request, as a log shipper would take it (not onto the bench's terminal).
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  const send = (message: ParentMessage) => {
    if (child.connected) child.send(message);
  };
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    // A frozen process (freeze) hears nothing until it runs again.
    child.kill('SIGCONT');
    // Closing the channel asks it to end (see target.ts); SIGKILL if it does not.
    child.disconnect();
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_LIMIT_MS);
    await exited;
    clearTimeout(timer);
  };
  try {
    const { port } = await nextMessage(child, 'listening', STARTUP_LIMIT_MS, `${kind} start`);
    const url = `http://127.0.0.1:${port}`;
    await waitForHealth(url, child);
    return {
      kind,
      url,
      resetMemory: () => send({ type: 'reset-memory' }),
      readMemory: async () => {
        const reply = nextMessage(child, 'memory', MEMORY_REPLY_LIMIT_MS, `${kind} memory report`);
        send({ type: 'read-memory' });
        const { type: _type, ...report } = await reply;
        return report;
      },
      startProfile: async (profileKind) => {
        const started = nextMessage(child, 'profile-started', MEMORY_REPLY_LIMIT_MS, `${kind} profiler start`);
        send({ type: 'start-profile', kind: profileKind });
        await started;
      },
      stopProfile: async (path) => {
        const written = nextMessage(child, 'profile-written', PROFILE_WRITE_LIMIT_MS, `${kind} profile`);
        send({ type: 'stop-profile', path });
        await written;
      },
      ...freezable(child),
      stop,
      pid: child.pid!,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
