import { SimulatedClock } from '../../local/clock';

const START = Date.UTC(2026, 0, 1);

describe('the simulated clock', () => {
  it('lets concurrent actors wait side by side: 3 callers of 20 s take 20 s, not 60', async () => {
    const clock = new SimulatedClock(START);
    const ended: number[] = [];
    await Promise.all(
      [0, 1, 2].map(async () => {
        const caller = clock.actor();
        for (let i = 0; i < 4; i += 1) await caller.sleep(5000);
        ended.push(clock.now() - START);
        caller.done();
      }),
    );
    expect(ended).toEqual([20000, 20000, 20000]);
  });

  it('stands still while any actor is busy with real work', async () => {
    const clock = new SimulatedClock(START);
    const sleeper = clock.actor();
    const worker = clock.actor();
    let woke = false;
    const sleeping = sleeper.sleep(1000).then(() => {
      woke = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(woke).toBe(false);
    expect(clock.now()).toBe(START);
    worker.done();
    await sleeping;
    expect(clock.now()).toBe(START + 1000);
    sleeper.done();
  });

  it('runs scheduled work when its time comes, in order, as an actor', async () => {
    const clock = new SimulatedClock(START);
    const seen: Array<[string, number]> = [];
    clock.schedule(3000, () => void seen.push(['late', clock.now() - START]));
    clock.schedule(1000, () => void seen.push(['early', clock.now() - START]));
    await clock.advance(5000);
    expect(seen).toEqual([
      ['early', 1000],
      ['late', 3000],
    ]);
    expect(clock.now()).toBe(START + 5000);
  });

  it('keeps order between wake-ups due at the same time', async () => {
    const clock = new SimulatedClock(START);
    const order: number[] = [];
    await Promise.all(
      [1, 2, 3].map(async (n) => {
        const actor = clock.actor();
        await actor.sleep(500);
        order.push(n);
        actor.done();
      }),
    );
    expect(order).toEqual([1, 2, 3]);
  });
});

/** Real milliseconds, for what the clock does while a Function waits on its own timer. */
const realWait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the simulated clock with answers held for their latency', () => {
  it('lets time move while an actor waits on a held answer (no deadlock)', async () => {
    const clock = new SimulatedClock(START);
    const answered = await clock.run(async () => {
      await clock.hold(120);
      return clock.now() - START;
    });
    expect(answered).toBe(120);
  });

  it('moves time for other actors while requests are held, each waking at its own time', async () => {
    const clock = new SimulatedClock(START);
    const seen: Array<[string, number]> = [];
    await Promise.all([
      clock.run(async () => {
        await clock.hold(100);
        seen.push(['held answer', clock.now() - START]);
      }),
      (async () => {
        const caller = clock.actor();
        await caller.sleep(40);
        seen.push(['sleeper', clock.now() - START]);
        await clock.hold(30);
        seen.push(['its own answer', clock.now() - START]);
        caller.done();
      })(),
    ]);
    expect(seen).toEqual([
      ['sleeper', 40],
      ['its own answer', 70],
      ['held answer', 100],
    ]);
  });

  it('holds an answer for no actor (a test’s own request) for its latency in real time', async () => {
    const clock = new SimulatedClock(START);
    const started = performance.now();
    await Promise.all([60, 120].map((ms) => clock.hold(ms)));
    expect(clock.now() - START).toBe(120);
    // Never faster than real time.
    expect(performance.now() - started).toBeGreaterThanOrEqual(119);
  });

  it('follows a busy actor’s real wait (a backoff) while another’s answer is held', async () => {
    const clock = new SimulatedClock(START);
    let duringBackoff = 0;
    await Promise.all([
      clock.run(() => clock.hold(500)),
      clock.run(async () => {
        const before = clock.now();
        await realWait(300);
        duringBackoff = clock.now() - before;
      }),
    ]);
    // Time moved while it waited (without latency it would stand still), never faster than
    // real time.
    expect(duringBackoff).toBeGreaterThan(0);
    expect(duringBackoff).toBeLessThanOrEqual(300);
    expect(clock.now() - START).toBe(500);
  });

  it('stands still for a busy actor’s real wait when nothing is held, as without latency', async () => {
    const clock = new SimulatedClock(START);
    const moved = await clock.run(async () => {
      const before = clock.now();
      clock.schedule(10, () => undefined);
      await realWait(100);
      return clock.now() - before;
    });
    expect(moved).toBe(0);
  });

  it('lets an answer go at once when its client goes away', async () => {
    const clock = new SimulatedClock(START);
    const gone = new AbortController();
    const held = clock.run(() => clock.hold(60_000, gone.signal));
    gone.abort();
    await held;
    expect(clock.now()).toBe(START);
  });

  it('tells observers each stretch time moves over, before what is due then wakes', async () => {
    const clock = new SimulatedClock(START);
    const stretches: Array<[number, number]> = [];
    let holding = 0;
    const counts: number[] = [];
    const stop = clock.observe((from, to) => {
      stretches.push([from - START, to - START]);
      counts.push(holding);
    });
    await clock.run(async () => {
      holding += 1;
      await clock.hold(50);
      holding -= 1;
    });
    await clock.advance(30);
    stop();
    expect(stretches.at(-1)).toEqual([50, 80]);
    expect(stretches.reduce((sum, [from, to]) => sum + to - from, 0)).toBe(80);
    // While the answer was held, observers saw it held.
    expect(counts.slice(0, -1).every((count) => count === 1)).toBe(true);
    expect(counts.at(-1)).toBe(0);
  });

  it('fires a timeout when its time comes, and never one that was cancelled', async () => {
    const clock = new SimulatedClock(START);
    const fired: string[] = [];
    clock.timeout(1000, () => fired.push('kept'));
    const cancel = clock.timeout(500, () => fired.push('cancelled'));
    cancel();
    await clock.advance(2000);
    expect(fired).toEqual(['kept']);
  });
});
