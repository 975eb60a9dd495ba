/** Messages between the bench (parent) and a load target (child process) over the IPC channel. */

/** `mesh`: GraphQL Mesh + Hive Gateway (bench/mesh.ts), the anchor of scenario (a); `floor`: yoga with nothing but the call (bench/floor.ts). */
export type TargetKind = 'gateway' | 'direct' | 'mesh' | 'floor';

export interface MemoryReport {
  /** The process's peak resident set since it started, as the kernel counts it (`maxRSS`). */
  peakRssBytes: number;
  /** The largest V8 heap in use seen since the last reset, sampled every MEMORY_SAMPLE_MS. */
  peakHeapUsedBytes: number;
  rssBytes: number;
}

export const MEMORY_SAMPLE_MS = 50;

/** `start-profile` / `stop-profile`: a CPU profile of the load only (bench/profile.ts), written by the target to `path`. */
/** `cpu`: V8's CPU profiler; `heap`: its sampling heap profiler, counting what the collections freed too (where a request allocates). */
export type ProfileKind = 'cpu' | 'heap';

/** What bench/ab-target.ts counted for one build over its turns since the last reset (`npm run bench:ab`). */
export interface TurnTotals {
  /** CPU the process used during the build's turns (user + system), in µs. */
  cpuMicros: number;
  /** Requests its turns received and answered. */
  answered: number;
  /** Wall time of its turns. */
  ms: number;
}

export type ParentMessage =
  | { type: 'reset-turns' }
  | { type: 'read-turns' }
  | { type: 'reset-memory' }
  | { type: 'read-memory' }
  | { type: 'start-profile'; kind: ProfileKind }
  | { type: 'stop-profile'; path: string };

export type ChildMessage =
  | { type: 'listening'; port: number }
  | ({ type: 'memory' } & MemoryReport)
  | { type: 'profile-started' }
  | { type: 'profile-written'; path: string }
  | { type: 'turns'; totals: Record<'a' | 'b', TurnTotals> };
