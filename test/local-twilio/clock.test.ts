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
