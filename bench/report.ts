import { arch, cpus, loadavg, platform, release, totalmem } from 'node:os';
import { round, type LoadResult } from './load.js';
import type { TargetKind } from './protocol.js';
import type { Scenario, ScenarioId } from './scenarios.js';

/** What a run measured, as the table prints it and bench/results.json keeps it. */

export interface UpstreamCounts {
  sign: number;
  cybertrace: number;
  filesafer: number;
  apex: number;
}

export interface Measurement extends LoadResult {
  target: TargetKind;
  /** Upstream requests the simulators recorded during the measured run, per upstream. */
  upstreamRequests: UpstreamCounts;
  /** All of them divided by the operations sent (each one completes: the run counts operations, see run.ts). */
  upstreamRequestsPerOperation: number;
  /** The same ratio for the one checked sample of each request, before any load. */
  sampleUpstreamRequestsPerOperation: number;
  memory: { peakRssMb: number; peakHeapUsedMb: number };
  /** req/s of each measured round, in the order run: the reported figures are the median round's. */
  roundsRequestsPerSecond?: number[];
}

export interface ScenarioRun {
  connections: number;
  gateway: Measurement;
  direct: Measurement;
  /** GraphQL Mesh + Hive Gateway on the same work, where the scenario has it (bench/mesh.ts). */
  mesh?: Measurement;
  /** Gateway over direct: above 1 for latency, below 1 for throughput, is what the gateway costs. */
  ratio: { requestsPerSecond: number; latencyP50: number; latencyP99: number };
  /** Gateway over Mesh + Hive Gateway: above 1 for throughput is the gateway ahead. */
  ratioToMesh?: { requestsPerSecond: number; latencyP50: number; latencyP99: number };
  /** yoga (its operations compiled by graphql-jit, as the gateway's) with nothing but the same call (bench/floor.ts), where the scenario has Mesh: the design card's floor. */
  floor?: Measurement;
  /** Gateway over the floor: what the gateway's checks and features cost on top of yoga and the call. */
  ratioToFloor?: { requestsPerSecond: number; latencyP50: number; latencyP99: number };
}

export interface ScenarioReport {
  id: ScenarioId;
  title: string;
  operation: string;
  notes: string[];
  runs: ScenarioRun[];
  /** Why the scenario stopped, when it did: the bench then exits non-zero. */
  failure?: string;
}

export interface BenchSettings {
  durationSeconds: number;
  warmupSeconds: number;
  /** Measured runs of every side, the sides taking turns; each side reports its median round. */
  rounds: number;
  /** From --connections; undefined: each scenario at its own concurrencies. */
  connections?: number[];
  /** The gateway kept its answer cache (`--with-cache`). */
  withCache: boolean;
}

export interface BenchResults {
  date: string;
  node: string;
  machine: { platform: string; release: string; arch: string; cpu: string; cpuCount: number; memoryGb: number; loadAverageAtStart: number[] };
  settings: BenchSettings;
  method: string[];
  scenarios: ScenarioReport[];
}

export const MB = 1024 * 1024;

export function describeMachine(): BenchResults['machine'] {
  const cores = cpus();
  return {
    platform: platform(),
    release: release(),
    arch: arch(),
    cpu: cores[0]?.model.trim() ?? 'unknown',
    cpuCount: cores.length,
    memoryGb: round(totalmem() / 1024 ** 3, 1),
    // Anything else running on the machine shows in the numbers: this says how busy it was.
    loadAverageAtStart: loadavg().map((value) => round(value, 2)),
  };
}

function ratioOf(gateway: Measurement, other: Measurement): ScenarioRun['ratio'] {
  return {
    requestsPerSecond: round(gateway.requestsPerSecond / other.requestsPerSecond, 3),
    latencyP50: round(gateway.latencyMs.p50 / other.latencyMs.p50, 3),
    latencyP99: round(gateway.latencyMs.p99 / other.latencyMs.p99, 3),
  };
}

export function compare(connections: number, gateway: Measurement, direct: Measurement, mesh?: Measurement, floor?: Measurement): ScenarioRun {
  return {
    connections,
    gateway,
    direct,
    ratio: ratioOf(gateway, direct),
    ...(mesh ? { mesh, ratioToMesh: ratioOf(gateway, mesh) } : {}),
    ...(floor ? { floor, ratioToFloor: ratioOf(gateway, floor) } : {}),
  };
}

// ---------------------------------------------------------------------------------------------
// The printed table
// ---------------------------------------------------------------------------------------------

const COLUMNS = [
  { title: 'conc', width: 6 },
  { title: 'side', width: 9 },
  { title: 'req/s', width: 10 },
  { title: 'p50 ms', width: 9 },
  { title: 'p99 ms', width: 9 },
  { title: 'upstream/op', width: 12 },
  { title: 'peak RSS MB', width: 12 },
  { title: 'req/s of each round', width: 30 },
] as const;

function row(cells: readonly string[]): string {
  return cells
    .map((cell, index) => (index < 2 ? cell.padEnd(COLUMNS[index]!.width) : cell.padStart(COLUMNS[index]!.width)))
    .join(' ')
    .trimEnd();
}

const fixed = (value: number, digits: number) => (Number.isFinite(value) ? value.toFixed(digits) : '-');
const times = (value: number) => (Number.isFinite(value) ? `${value.toFixed(2)}x` : '-');

function measurementRow(connections: string, measurement: Measurement): string {
  return row([
    connections,
    measurement.target,
    fixed(measurement.requestsPerSecond, measurement.requestsPerSecond < 10 ? 1 : 0),
    fixed(measurement.latencyMs.p50, 2),
    fixed(measurement.latencyMs.p99, 2),
    fixed(measurement.upstreamRequestsPerOperation, 2),
    fixed(measurement.memory.peakRssMb, 0),
    (measurement.roundsRequestsPerSecond ?? []).map((value) => fixed(value, value < 10 ? 1 : 0)).join(' '),
  ]);
}

/**
 * The gateway's round over the other side's round of the same turn, turn by turn: the sides of a
 * turn run one after another, so a slow minute of the shared machine lands on both of a pair more
 * often than on both medians.
 */
function roundRatios(gateway: Measurement, other: Measurement): string {
  const mine = gateway.roundsRequestsPerSecond ?? [];
  const theirs = other.roundsRequestsPerSecond ?? [];
  if (mine.length === 0 || mine.length !== theirs.length) return '';
  return mine.map((value, turn) => fixed(value / theirs[turn]!, 2)).join(' ');
}

/** A ratio row: the medians' ratios, then each turn's. */
function ratioRow(label: string, ratio: ScenarioRun['ratio'], gateway: Measurement, other: Measurement): string {
  return row(['', label, times(ratio.requestsPerSecond), times(ratio.latencyP50), times(ratio.latencyP99), '', '', roundRatios(gateway, other)]);
}

export function formatTable(results: BenchResults): string {
  const header = row(COLUMNS.map((column) => column.title));
  const lines = [
    `Node ${results.node} on ${results.machine.platform} ${results.machine.arch}, ${results.machine.cpuCount} × ${results.machine.cpu} (load average ${results.machine.loadAverageAtStart.join(' ')} at start); ${results.settings.rounds} rounds of ${results.settings.durationSeconds} s per side, the sides in turn, after ${results.settings.warmupSeconds} s of warm-up; each side's median round`,
    '',
    header,
    '-'.repeat(header.length),
  ];
  for (const scenario of results.scenarios) {
    lines.push(scenario.title);
    for (const run of scenario.runs) {
      lines.push(measurementRow(String(run.connections), run.gateway));
      lines.push(measurementRow('', run.direct));
      if (run.mesh) lines.push(measurementRow('', run.mesh));
      if (run.floor) lines.push(measurementRow('', run.floor));
      lines.push(ratioRow('ratio', run.ratio, run.gateway, run.direct));
      if (run.mesh && run.ratioToMesh) lines.push(ratioRow('vs mesh', run.ratioToMesh, run.gateway, run.mesh));
      if (run.floor && run.ratioToFloor) lines.push(ratioRow('vs floor', run.ratioToFloor, run.gateway, run.floor));
    }
    if (scenario.failure) lines.push(`  FAILED: ${scenario.failure}`);
    lines.push('');
  }
  lines.push('ratio = gateway / direct (req/s below 1x and latency above 1x is what the gateway costs).');
  lines.push('vs mesh = gateway / GraphQL Mesh + Hive Gateway on the same work (req/s above 1x: the gateway is faster).');
  lines.push(
    "floor = graphql-yoga on the gateway's request path (src/yoga-request-path.ts) and graphql-jit, an SDL schema and the same SIGN GET, nothing else (bench/floor.ts); vs floor = gateway / floor.",
  );
  lines.push('upstream/op = upstream requests the simulators recorded during the run / operations in the run.');
  lines.push(
    "req/s, p50, p99 and upstream/op are each side's median round by req/s; req/s of each round, in the order run (in the ratio rows: the gateway's round over the other side's of the same turn).",
  );
  for (const scenario of results.scenarios) {
    for (const note of scenario.notes) lines.push(`${scenario.id}: ${note}`);
    // The ratio compares like with like only when both sides made the same calls.
    const differing = scenario.runs.filter((run) => Math.abs(run.gateway.upstreamRequestsPerOperation - run.direct.upstreamRequestsPerOperation) > 0.05);
    if (differing.length > 0) {
      lines.push(
        `${scenario.id}: the gateway and the baseline made different numbers of upstream calls per operation (concurrency ${differing.map((run) => run.connections).join(', ')}): the ratio there is not the gateway's cost alone.`,
      );
    }
  }
  return lines.join('\n');
}

export function emptyReport(scenario: Scenario): ScenarioReport {
  return { id: scenario.id, title: scenario.title, operation: scenario.operation, notes: scenario.notes, runs: [] };
}
