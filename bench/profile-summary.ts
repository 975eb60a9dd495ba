import { readFileSync } from 'node:fs';

/**
 * Where a V8 CPU profile spent its time: self time per function and per area (an npm package, a
 * gateway source file, a part of node, GC; native code counts toward the JavaScript calling it),
 * as shares of the busy time.
 * Idle time is left out: the shares say where the work went, not how loaded the process was.
 */

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}

interface CpuProfile {
  nodes: { id: number; callFrame: CallFrame; children?: number[] }[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileShare {
  name: string;
  selfMs: number;
  /** Of the busy (non-idle) time. */
  share: number;
}

export interface ProfileSummary {
  busyMs: number;
  idleMs: number;
  functions: ProfileShare[];
  areas: ProfileShare[];
}

/** `node_modules/@scope/pkg/...` → `@scope/pkg`; the gateway's own files by their path from src/ or bench/. */
export function areaOf(frame: CallFrame): string {
  const { url, functionName } = frame;
  if (url === '') return functionName.startsWith('(') ? functionName : '(native)';
  // node:internal/streams/writable → node streams/writable: which part of node is busy (HTTP, streams, URL, crypto).
  if (url.startsWith('node:')) return `node ${url.replace(/^node:(internal\/)?/, '')}`;
  const modules = url.lastIndexOf('/node_modules/');
  if (modules >= 0) {
    const rest = url.slice(modules + '/node_modules/'.length).split('/');
    // The compiled gateway lives under node_modules/.cache (see build.ts): that is our code.
    if (rest[0] !== '.cache') return rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  const own = /\/((?:src|bench)\/.*)$/.exec(url);
  return own ? own[1]!.replace(/\.js$/, '.ts') : url;
}

export function summariseProfile(path: string, top = 25): ProfileSummary {
  const profile = JSON.parse(readFileSync(path, 'utf8')) as CpuProfile;
  const frames = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
  const parents = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);
  /** Native code (JSON.stringify, a socket write, a regexp) counts toward the JavaScript that called it. */
  const areaOfSample = (id: number): string => {
    const own = areaOf(frames.get(id)!);
    if (own !== '(native)') return own;
    for (let parent = parents.get(id); parent !== undefined; parent = parents.get(parent)) {
      const frame = frames.get(parent)!;
      if (frame.url !== '') return areaOf(frame);
    }
    return own;
  };
  const byFunction = new Map<string, number>();
  const byArea = new Map<string, number>();
  let idle = 0;
  let busy = 0;
  profile.samples.forEach((id, index) => {
    const micros = profile.timeDeltas[index] ?? 0;
    const frame = frames.get(id);
    if (frame === undefined) return;
    if (frame.functionName === '(idle)') {
      idle += micros;
      return;
    }
    busy += micros;
    const area = areaOfSample(id);
    const name = `${frame.functionName || '(anonymous)'} ${frame.url === '' ? `(native, from ${area})` : `${area}:${frame.lineNumber + 1}`}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + micros);
    byArea.set(area, (byArea.get(area) ?? 0) + micros);
  });
  const ranked = (totals: Map<string, number>) =>
    [...totals]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, micros]) => ({ name, selfMs: Math.round(micros / 1000), share: busy === 0 ? 0 : micros / busy }));
  return { busyMs: Math.round(busy / 1000), idleMs: Math.round(idle / 1000), functions: ranked(byFunction), areas: ranked(byArea) };
}

export function formatProfileSummary(summary: ProfileSummary, operations: number): string {
  const perOperation = operations > 0 ? ` (${((summary.busyMs * 1000) / operations).toFixed(0)} µs of CPU per operation over ${operations} operations)` : '';
  const table = (title: string, rows: ProfileShare[]) => [
    `| ${title} | self ms | share |`,
    '|---|---|---|',
    ...rows.map((row) => `| ${row.name.replace(/\|/g, '\\|')} | ${row.selfMs} | ${(row.share * 100).toFixed(1)}% |`),
  ];
  return [
    `busy ${summary.busyMs} ms, idle ${summary.idleMs} ms${perOperation}`,
    '',
    ...table('area', summary.areas),
    '',
    ...table('function', summary.functions),
  ].join('\n');
}

/** V8's sampling heap profile: a tree of call frames, each with the bytes sampled as allocated there. */
interface HeapProfileNode {
  callFrame: CallFrame;
  selfSize: number;
  children?: HeapProfileNode[];
}

export interface HeapShare {
  name: string;
  bytes: number;
  /** Of every byte sampled. */
  share: number;
}

export interface HeapSummary {
  totalBytes: number;
  functions: HeapShare[];
  areas: HeapShare[];
}

/**
 * Where a sampling heap profile's bytes were allocated, per function and per area (as for CPU:
 * a native allocation, such as JSON.parse's objects, counts toward the JavaScript calling it).
 */
export function summariseHeapProfile(path: string, top = 25): HeapSummary {
  const { head } = JSON.parse(readFileSync(path, 'utf8')) as { head: HeapProfileNode };
  const byFunction = new Map<string, number>();
  const byArea = new Map<string, number>();
  let total = 0;
  const walk = (node: HeapProfileNode, callerArea: string) => {
    const own = areaOf(node.callFrame);
    const area = own === '(native)' || own.startsWith('(') ? callerArea : own;
    if (node.selfSize > 0) {
      const frame = node.callFrame;
      const name = `${frame.functionName || '(anonymous)'} ${frame.url === '' ? `(native, from ${area})` : `${area}:${frame.lineNumber + 1}`}`;
      byFunction.set(name, (byFunction.get(name) ?? 0) + node.selfSize);
      byArea.set(area, (byArea.get(area) ?? 0) + node.selfSize);
      total += node.selfSize;
    }
    for (const child of node.children ?? []) walk(child, area);
  };
  walk(head, '(root)');
  const ranked = (totals: Map<string, number>) =>
    [...totals]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, bytes]) => ({ name, bytes, share: total === 0 ? 0 : bytes / total }));
  return { totalBytes: total, functions: ranked(byFunction), areas: ranked(byArea) };
}

export function formatHeapSummary(summary: HeapSummary, operations: number): string {
  const kilobytes = (bytes: number) => (bytes / 1024).toFixed(1);
  const perOperation = (bytes: number) => (operations > 0 ? kilobytes(bytes / operations) : '-');
  const table = (title: string, rows: HeapShare[]) => [
    `| ${title} | KB per operation | share |`,
    '|---|---|---|',
    ...rows.map((row) => `| ${row.name.replace(/\|/g, '\\|')} | ${perOperation(row.bytes)} | ${(row.share * 100).toFixed(1)}% |`),
  ];
  return [
    `allocated ${(summary.totalBytes / 1024 / 1024).toFixed(0)} MB, ${perOperation(summary.totalBytes)} KB per operation over ${operations} operations (sampled)`,
    '',
    ...table('area', summary.areas),
    '',
    ...table('function', summary.functions),
  ].join('\n');
}
