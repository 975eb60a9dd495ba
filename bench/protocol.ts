/** Messages between the bench (parent) and a load target (child process) over the IPC channel. */

export type TargetKind = 'gateway' | 'direct';

export interface MemoryReport {
  /** The process's peak resident set since it started, as the kernel counts it (`maxRSS`). */
  peakRssBytes: number;
  /** The largest V8 heap in use seen since the last reset, sampled every MEMORY_SAMPLE_MS. */
  peakHeapUsedBytes: number;
  rssBytes: number;
}

export const MEMORY_SAMPLE_MS = 50;

export type ParentMessage = { type: 'reset-memory' } | { type: 'read-memory' };

export type ChildMessage = { type: 'listening'; port: number } | ({ type: 'memory' } & MemoryReport);
