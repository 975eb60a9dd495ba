/**
 * The bench freezes the sides it is not measuring (bench/target-process.ts, `freezable`), so one
 * side's timers and idle-time collections do not run during another side's round. Checked on a
 * real child process by the state the kernel reports for it, not by time.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { freezable } from '../../bench/target-process.js';

let child: ChildProcess | undefined;
afterEach(() => {
  child?.kill('SIGKILL');
  child = undefined;
});

/** The process state from /proc/<pid>/stat: `T` is stopped by a signal. */
function stateOf(pid: number): string {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
}

/** Polls (a bounded number of times) until the state is as wanted; returns the last state seen. */
async function settledState(pid: number, wanted: (state: string) => boolean): Promise<string> {
  let state = stateOf(pid);
  for (let poll = 0; poll < 200 && !wanted(state); poll++) {
    await new Promise((resolve) => setTimeout(resolve, 10));
    state = stateOf(pid);
  }
  return state;
}

describe.runIf(process.platform === 'linux')('freezable', () => {
  it('stops a side while another is measured and lets it run again before its own round', async () => {
    child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
    const pid = child.pid!;
    const side = freezable(child);
    expect(await settledState(pid, (state) => state !== 'T')).not.toBe('T');
    side.freeze();
    expect(await settledState(pid, (state) => state === 'T')).toBe('T');
    await side.thaw();
    expect(await settledState(pid, (state) => state !== 'T')).not.toBe('T');
  });

  it('leaves a side that has exited alone', async () => {
    child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
    await new Promise((resolve) => child!.once('exit', resolve));
    const side = freezable(child);
    expect(() => side.freeze()).not.toThrow();
    await expect(side.thaw()).resolves.toBeUndefined();
  });
});
