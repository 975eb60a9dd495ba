import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { startDemoSimulators } from '../src/simulators/index.js';
import { createGatewaySettings } from './gateway-settings.js';
import { runLoad } from './load.js';
import { benchScenarios, type ScenarioId } from './scenarios.js';
import { startTarget } from './target-process.js';

/**
 * `npm run bench:compare -- --a <target.js> --b <target.js> [--env-a K=V] [--env-b K=V]`: two gateway
 * builds (or one build under two settings) in one run, under the same load in alternating short
 * rounds, so a shared machine's neighbours weigh on both alike. Besides req/s it reports each side's
 * CPU time per operation (utime + stime from /proc), which moves less with the neighbours than
 * throughput does, and each side's peak RSS. A build: `npm run bench:profile` (or the bench)
 * compiles the gateway to node_modules/.cache/secops-gateway-bench/; copy that folder (within
 * node_modules, so its packages resolve) before changing the code, and pass each copy's
 * bench/target.js. One build under two settings: the same target, `--env-b K=V`.
 *
 * It measures in passes, each in fresh processes, A started and listed first, then B first, in
 * turn. One build against itself in one pass measured the side listed second at 0.80–0.99x of the
 * first in all of 10 runs (bench/README.md, "Seventeenth pass"; the cause not found), and a change
 * with no effect measured 1.27x in one run of two passes and 1.00x in the next: a pass's processes
 * have speeds of their own. The result is the geometric mean of all passes' ratios, each pass's
 * printed too; more passes (`--passes 4`, 6) narrow it more than more rounds do.
 * Options: --scenario a --connections 16 --rounds 6 (per pass) --seconds 3 --passes 2 (even).
 */
const { values } = parseArgs({
  args: process.argv.slice(2),
  options: {
    a: { type: 'string' },
    b: { type: 'string' },
    'env-a': { type: 'string', multiple: true, default: [] },
    'env-b': { type: 'string', multiple: true, default: [] },
    scenario: { type: 'string', default: 'a' },
    connections: { type: 'string', default: '16' },
    rounds: { type: 'string', default: '6' },
    seconds: { type: 'string', default: '3' },
    passes: { type: 'string', default: '2' },
  },
});
if (values.a === undefined || values.b === undefined) throw new Error('--a and --b name the two builds (bench/target.js of each)');
const passes = Number(values.passes);
if (!Number.isInteger(passes) || passes < 2 || passes % 2 !== 0)
  throw new Error('--passes must be an even number, 2 or more: each build listed first as often');
const env = (pairs: string[]) => Object.fromEntries(pairs.map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]));
const settings = await createGatewaySettings({ withCache: false, tokenValidForSeconds: 600 });
const scenario = benchScenarios(settings.callers).find((candidate) => candidate.id === (values.scenario as ScenarioId))!;
const simulators = await startDemoSimulators({ largeTenant: true });
const connections = Number(values.connections);
const builds = [
  { name: 'A', script: values.a, environment: env(values['env-a']) },
  { name: 'B', script: values.b, environment: env(values['env-b']) },
] as const;

/** utime + stime of a process, in clock ticks (100 a second on Linux). */
const cpuTicks = (pid: number) => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return Number(fields[11]) + Number(fields[12]);
};

interface SideTotals {
  rate: number;
  cpuPerOp: number;
  peakRssMb: number;
}

/** One pass: both builds started afresh in the given order, warmed, then measured in alternating rounds. */
async function measurePass(order: readonly (typeof builds)[number][]): Promise<Map<string, SideTotals>> {
  const sides = [];
  try {
    for (const build of order)
      sides.push({
        name: build.name,
        target: await startTarget(build.script, 'gateway', { ...simulators.environment, ...settings.environment, ...build.environment }),
      });
    const loads = await Promise.all(sides.map((side) => scenario.prepare('gateway', side.target.url)));
    // Each side frozen after its warm-up and between its rounds, as the bench freezes its sides (run.ts).
    for (const side of sides) side.target.freeze();
    for (const [index, side] of sides.entries()) {
      await side.target.thaw();
      await runLoad({ url: side.target.url, connections, stop: { seconds: 10 }, ...loads[index]! });
      side.target.freeze();
    }
    const totals = new Map(sides.map((side) => [side.name, { completed: 0, seconds: 0, cpu: 0 }]));
    for (let round = 0; round < Number(values.rounds); round++) {
      const line: string[] = [];
      // Each round starts with the other side: a neighbour's burst does not always land on the same one.
      for (const side of round % 2 === 0 ? sides : [...sides].reverse()) {
        const i = sides.indexOf(side);
        await side.target.thaw();
        const before = cpuTicks(side.target.pid);
        const result = await runLoad({
          url: side.target.url,
          connections,
          stop: { seconds: Number(values.seconds) },
          ...loads[i]!,
        });
        if (result.failed > 0) throw new Error(`${side.name}: ${result.failed} failed`);
        const cpu = cpuTicks(side.target.pid) - before;
        side.target.freeze();
        const total = totals.get(side.name)!;
        totals.set(side.name, { completed: total.completed + result.completed, seconds: total.seconds + result.durationSeconds, cpu: total.cpu + cpu });
        line.push(`${side.name} ${result.requestsPerSecond} req/s ${((cpu * 10_000) / result.completed).toFixed(0)} µs/op`);
      }
      console.log(`round ${round + 1}: ${line.join('  ')}`);
    }
    const measured = new Map<string, SideTotals>();
    for (const side of sides) {
      const total = totals.get(side.name)!;
      await side.target.thaw();
      const peakRssMb = (await side.target.readMemory()).peakRssBytes / 2 ** 20;
      measured.set(side.name, { rate: total.completed / total.seconds, cpuPerOp: (total.cpu * 10_000) / total.completed, peakRssMb });
    }
    return measured;
  } finally {
    for (const side of sides) await side.target.stop();
  }
}

const describe = (name: string, side: SideTotals) => `${name} ${side.rate.toFixed(1)} req/s ${side.cpuPerOp.toFixed(0)} µs/op ${side.peakRssMb.toFixed(0)} MB`;
try {
  const ratios = { rate: 1, cpuPerOp: 1 };
  for (let passIndex = 0; passIndex < passes; passIndex++) {
    const order = passIndex % 2 === 0 ? builds : [...builds].reverse();
    console.log(`pass: ${order.map((build) => build.name).join(' listed first, then ')}`);
    const pass = await measurePass(order);
    const [a, b] = [pass.get('A')!, pass.get('B')!];
    ratios.rate *= b.rate / a.rate;
    ratios.cpuPerOp *= b.cpuPerOp / a.cpuPerOp;
    console.log(`${describe('A', a)}, ${describe('B', b)}; B/A req/s ${(b.rate / a.rate).toFixed(3)}, cpu/op ${(b.cpuPerOp / a.cpuPerOp).toFixed(3)}`);
  }
  const mean = (product: number) => (product ** (1 / passes)).toFixed(3);
  console.log(`B/A over ${passes} passes (geometric mean): req/s ${mean(ratios.rate)}, cpu/op ${mean(ratios.cpuPerOp)}`);
} finally {
  await simulators.close();
}
