import { spawn } from 'node:child_process';

/**
 * Runs `node <args>` (a gateway's main, from the sources or a build) until it exits, or until its
 * output matches `until`, then stops it with SIGTERM (after 30 s in any case). Answers its exit
 * code and everything it printed.
 */
export function runUntil(args: string[], env: Record<string, string>, until: RegExp): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { env: { PATH: process.env['PATH'] ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
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

/** The live-mode variables that pass the configuration, every upstream unreachable (a start-up calls none). */
export const UNREACHABLE_LIVE_UPSTREAMS = {
  CYBERTRACE_BASE_URL: 'https://ct.example.test',
  CYBERTRACE_USERNAME: 'u',
  CYBERTRACE_PASSWORD: 'p',
  NCP_ACCESS_KEY: 'a',
  NCP_SECRET_KEY: 's',
  APEX_BASE_URL: 'https://apex.example.test',
  APEX_APPLICATION_ID: 'i',
  APEX_API_KEY: 'k',
};
