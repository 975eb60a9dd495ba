import DataLoader from 'dataloader';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IndicatorBatchScheduler } from '../../src/indicators/batch-scheduler.js';

/**
 * The scheduler under fake timers: what is observed is which batches went out and with which
 * keys, after how many turns of the (fake) event loop; no real time passes.
 */

const MAX_WAIT_MS = 1_000;

/** A promise settled from outside, like an upstream answer the test releases. */
function deferred<T = void>() {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** A loader recording each batch it is asked for. */
function recordingLoader(scheduler: IndicatorBatchScheduler, source?: string) {
  const batches: string[][] = [];
  const loader = new DataLoader<string, string>(
    async (keys) => {
      batches.push([...keys]);
      return keys.map((key) => `answer:${key}`);
    },
    { batchScheduleFn: scheduler.scheduleFor(source), maxBatchSize: Number.POSITIVE_INFINITY },
  );
  return { loader, batches };
}

/** Lets the fake event loop turn: promise reactions, then setImmediate checks. */
const turn = () => vi.advanceTimersByTimeAsync(0);

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'clearImmediate'] });
});

afterEach(() => {
  vi.useRealTimers();
});

describe('IndicatorBatchScheduler', () => {
  it('sends a batch on the next turn when nothing that could feed it is under way', async () => {
    const scheduler = new IndicatorBatchScheduler(MAX_WAIT_MS);
    scheduler.expect(new Set());
    const { loader, batches } = recordingLoader(scheduler);
    const answers = Promise.all([loader.load('a'), loader.load('b')]);
    expect(batches).toEqual([]);
    await turn();
    expect(batches).toEqual([['a', 'b']]);
    await expect(answers).resolves.toEqual(['answer:a', 'answer:b']);
  });

  it("holds a batch until a feeding page has answered, so the page's indicators join it", async () => {
    const scheduler = new IndicatorBatchScheduler(MAX_WAIT_MS);
    scheduler.expect(new Set(['Tenant.threatSummaries']));
    const { loader, batches } = recordingLoader(scheduler);
    const page = deferred<string[]>();
    const fromPage = scheduler.track('Tenant.threatSummaries', page.promise).then((rows) => Promise.all(rows.map((row) => loader.load(row))));
    const direct = loader.load('direct');
    await turn();
    await turn();
    expect(batches).toEqual([]);
    page.resolve(['row-1', 'row-2']);
    await turn();
    expect(batches).toEqual([['direct', 'row-1', 'row-2']]);
    await expect(fromPage).resolves.toEqual(['answer:row-1', 'answer:row-2']);
    await expect(direct).resolves.toBe('answer:direct');
  });

  it('does not wait for work the operation does not draw indicators from (helpdesk, traffic, writes)', async () => {
    const scheduler = new IndicatorBatchScheduler(MAX_WAIT_MS);
    scheduler.expect(new Set(['Tenant.threatSummaries']));
    const { loader, batches } = recordingLoader(scheduler);
    const helpdesk = deferred<string>();
    const untracked = scheduler.track('Tenant.helpdesk', helpdesk.promise);
    expect(untracked).toBe(helpdesk.promise);
    void loader.load('a');
    await turn();
    expect(batches).toEqual([['a']]);
  });

  it('counts every tracked piece of work until the operation says what it selects', async () => {
    const scheduler = new IndicatorBatchScheduler(MAX_WAIT_MS);
    const { loader, batches } = recordingLoader(scheduler);
    const work = deferred();
    void scheduler.track('Tenant.helpdesk', work.promise);
    void loader.load('a');
    await turn();
    expect(batches).toEqual([]);
    work.resolve();
    await turn();
    expect(batches).toEqual([['a']]);
  });

  it('goes without a page that hangs once the bound has passed, and not before', async () => {
    const scheduler = new IndicatorBatchScheduler(MAX_WAIT_MS);
    scheduler.expect(new Set(['Tenant.threatSummaries']));
    const { loader, batches } = recordingLoader(scheduler);
    void scheduler.track('Tenant.threatSummaries', new Promise<never>(() => {}));
    const answer = loader.load('a');
    await vi.advanceTimersByTimeAsync(MAX_WAIT_MS - 1);
    expect(batches).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(batches).toEqual([['a']]);
    await expect(answer).resolves.toBe('answer:a');
  });

  it('lets a page that fails release the batch, and hands the failure to its caller untouched', async () => {
    const scheduler = new IndicatorBatchScheduler(MAX_WAIT_MS);
    scheduler.expect(new Set(['Tenant.threatSummaries']));
    const { loader, batches } = recordingLoader(scheduler);
    const page = deferred<string[]>();
    const failure = new Error('SIGN answered HTTP 503');
    const tracked = scheduler.track('Tenant.threatSummaries', page.promise);
    const seen = tracked.catch((error: unknown) => error);
    void loader.load('a');
    await turn();
    expect(batches).toEqual([]);
    page.reject(failure);
    await turn();
    expect(await seen).toBe(failure);
    expect(batches).toEqual([['a']]);
  });

  it('waits for both requests of a page that takes two, even with turns between them', async () => {
    const scheduler = new IndicatorBatchScheduler(MAX_WAIT_MS);
    scheduler.expect(new Set(['Sim.threats']));
    const { loader, batches } = recordingLoader(scheduler);
    const first = deferred<string[]>();
    const second = deferred<string[]>();
    // One Relay page over two upstream pages: the rows of both resolve only once the second has come.
    const page = scheduler.track(
      'Sim.threats',
      (async () => {
        const rows = await first.promise;
        return [...rows, ...(await second.promise)];
      })(),
    );
    const loads = page.then((rows) => Promise.all(rows.map((row) => loader.load(row))));
    void loader.load('direct');
    first.resolve(['row-1']);
    await turn();
    await turn();
    expect(batches).toEqual([]);
    second.resolve(['row-2']);
    await turn();
    expect(batches).toEqual([['direct', 'row-1', 'row-2']]);
    await expect(loads).resolves.toEqual(['answer:row-1', 'answer:row-2']);
  });

  it('sends a feeding batch first and holds the others for what its answers reveal (nesting)', async () => {
    const scheduler = new IndicatorBatchScheduler(MAX_WAIT_MS);
    scheduler.expect(new Set(['SuspiciousObject']));
    const reputations = recordingLoader(scheduler);
    const listAnswer = deferred<string>();
    const objectBatches: string[][] = [];
    // Like the suspicious-object loader: its batch is itself tracked, and each object it answers has an indicator.
    const objects = new DataLoader<string, string>(
      (keys) => {
        objectBatches.push([...keys]);
        return scheduler.track(
          'SuspiciousObject',
          listAnswer.promise.then((listed) => keys.map((key) => `${listed}:${key}`)),
        );
      },
      { batchScheduleFn: scheduler.scheduleFor('SuspiciousObject'), maxBatchSize: Number.POSITIVE_INFINITY },
    );
    void reputations.loader.load('direct');
    const nested = objects.load('object-1').then((object) => reputations.loader.load(object));
    await turn();
    expect(objectBatches).toEqual([['object-1']]);
    expect(reputations.batches).toEqual([]);
    listAnswer.resolve('listed');
    await turn();
    expect(reputations.batches).toEqual([['direct', 'listed:object-1']]);
    await expect(nested).resolves.toBe('answer:listed:object-1');
  });

  it("sends every batch together when the feeding loader's answers are not asked to reveal anything", async () => {
    const scheduler = new IndicatorBatchScheduler(MAX_WAIT_MS);
    scheduler.expect(new Set());
    const reputations = recordingLoader(scheduler);
    const objects = recordingLoader(scheduler, 'SuspiciousObject');
    void reputations.loader.load('a');
    void objects.loader.load('object-1');
    await turn();
    expect(reputations.batches).toEqual([['a']]);
    expect(objects.batches).toEqual([['object-1']]);
  });
});
