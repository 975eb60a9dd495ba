import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/** The Dockerfile's shape, checked without a Docker engine: what the issue of a clean stop depends on. */

const dockerfile = readFileSync(new URL('../../Dockerfile', import.meta.url), 'utf8');
const instructions = dockerfile
  .split('\n')
  .map((line) => line.trim())
  .filter((line) => line !== '' && !line.startsWith('#'));
const stages = instructions.filter((line) => line.startsWith('FROM '));
const runtime = instructions.slice(instructions.lastIndexOf(stages.at(-1)!));
const nodeImage = /^ARG NODE_IMAGE=node:(\d+)-/.exec(instructions.find((line) => line.startsWith('ARG NODE_IMAGE=')) ?? '');

describe('the Dockerfile', () => {
  it('builds in two stages from one Node LTS image (an even major, 22 or later: Node 20 is past its end of life)', () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the Dockerfile's own ARG reference, not a template
    expect(stages).toEqual(['FROM ${NODE_IMAGE} AS build', 'FROM ${NODE_IMAGE} AS runtime']);
    const major = Number(nodeImage?.[1]);
    expect(major).toBeGreaterThanOrEqual(22);
    expect(major % 2).toBe(0);
  });

  it('runs node itself, as the unprivileged node user, so SIGTERM reaches the gateway', () => {
    const cmd = runtime.filter((line) => line.startsWith('CMD '));
    expect(cmd).toEqual(['CMD ["node", "dist/main.js", "live"]']);
    const user = runtime.findIndex((line) => line.startsWith('USER '));
    expect(runtime[user]).toBe('USER node');
    expect(user).toBeLessThan(runtime.indexOf(cmd[0]!));
  });

  it('checks /health, and carries the trusted-documents manifest it points at', () => {
    expect(runtime.find((line) => line.startsWith('HEALTHCHECK '))).toMatch(/CMD \["node", "-e", .*\/health/);
    expect(runtime).toContain('COPY schema/generated/persisted-documents.json ./schema/generated/persisted-documents.json');
    expect(runtime).toContain('ENV GATEWAY_TRUSTED_DOCUMENTS=/app/schema/generated/persisted-documents.json');
    expect(runtime.some((line) => /^RUN npm ci --omit=dev\b/.test(line))).toBe(true);
  });

  it('has a .dockerignore keeping dependencies, builds and tests out of the context', () => {
    const ignored = readFileSync(new URL('../../.dockerignore', import.meta.url), 'utf8').split('\n');
    for (const entry of ['node_modules', 'dist', '.git', 'test']) expect(ignored).toContain(entry);
  });
});
