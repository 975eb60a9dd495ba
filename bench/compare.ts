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
 * throughput does, and each side's peak RSS over the whole comparison. A build: `npm run
 * bench:profile` (or the bench) compiles the gateway to node_modules/.cache/secops-gateway-bench/;
 * copy that folder (within node_modules, so its packages resolve) before changing the code, and pass
 * each copy's bench/target.js. One build under two settings: the same target, `--env-b K=V`.
 * Options: --scenario a --connections 16 --rounds 6 --seconds 3.
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
  },
});
if (values.a === undefined || values.b === undefined) throw new Error('--a and --b name the two builds (bench/target.js of each)');
const env = (pairs: string[]) => Object.fromEntries(pairs.map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]));
const settings = await createGatewaySettings({ withCache: false, tokenValidForSeconds: 600 });
const scenario = benchScenarios(settings.headers).find((candidate) => candidate.id === (values.scenario as ScenarioId))!;
const simulators = await startDemoSimulators({ largeTenant: true });
const connections = Number(values.connections);
const sides = [
  { name: 'A', target: await startTarget(values.a, 'gateway', { ...simulators.environment, ...settings.environment, ...env(values['env-a']) }) },
  { name: 'B', target: await startTarget(values.b, 'gateway', { ...simulators.environment, ...settings.environment, ...env(values['env-b']) }) },
];
const totals = new Map<string, { completed: number; seconds: number; cpu: number }>();
/** utime + stime of a process, in clock ticks (100 a second on Linux). */
const cpuTicks = (pid: number) => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return Number(fields[11]) + Number(fields[12]);
};
try {
  const loads = await Promise.all(sides.map((side) => scenario.prepare('gateway', side.target.url)));
  for (const [index, side] of sides.entries())
    await runLoad({ url: side.target.url, requests: loads[index]!.requests, connections, stop: { seconds: 10 }, verifyBody: loads[index]!.verifyBody });
  for (let round = 0; round < Number(values.rounds); round++) {
    const line: string[] = [];
    // Each round starts with the other side: a neighbour's burst does not always land on the same one.
    for (const side of round % 2 === 0 ? sides : [...sides].reverse()) {
      const i = sides.indexOf(side);
      const before = cpuTicks(side.target.pid);
      const result = await runLoad({
        url: side.target.url,
        requests: loads[i]!.requests,
        connections,
        stop: { seconds: Number(values.seconds) },
        verifyBody: loads[i]!.verifyBody,
      });
      if (result.failed > 0) throw new Error(`${side.name}: ${result.failed} failed`);
      const cpu = cpuTicks(side.target.pid) - before;
      const total = totals.get(side.name) ?? { completed: 0, seconds: 0, cpu: 0 };
      totals.set(side.name, { completed: total.completed + result.completed, seconds: total.seconds + result.durationSeconds, cpu: total.cpu + cpu });
      line.push(`${side.name} ${result.requestsPerSecond} req/s ${((cpu * 10_000) / result.completed).toFixed(0)} µs/op`);
    }
    console.log(`round ${round + 1}: ${line.join('  ')}`);
  }
  const peakRss = await Promise.all(sides.map(async (side) => ((await side.target.readMemory()).peakRssBytes / 2 ** 20).toFixed(0)));
  const rate = (name: string) => totals.get(name)!.completed / totals.get(name)!.seconds;
  const cpuPerOp = (name: string) => (totals.get(name)!.cpu * 10_000) / totals.get(name)!.completed;
  console.log(
    `A ${rate('A').toFixed(1)} req/s ${cpuPerOp('A').toFixed(0)} µs/op, B ${rate('B').toFixed(1)} req/s ${cpuPerOp('B').toFixed(0)} µs/op; B/A req/s ${(rate('B') / rate('A')).toFixed(3)}, cpu/op ${(cpuPerOp('B') / cpuPerOp('A')).toFixed(3)}; peak RSS MB A ${peakRss[0]}, B ${peakRss[1]}`,
  );
} finally {
  for (const side of sides) await side.target.stop();
  await simulators.close();
}
