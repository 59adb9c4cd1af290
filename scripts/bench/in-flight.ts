import type { SimulatedClock } from '../../local/clock';

/**
 * The account's REST requests in flight over simulated time: for each count, how many
 * simulated milliseconds it held. Read on the clock itself, each time it moves, so every
 * millisecond of the run is one sample, and a count that lasted no simulated time (requests
 * served while the clock stood still) weighs nothing.
 */
export class InFlightSamples {
  private readonly msAtCount = new Map<number, number>();
  private readonly stop: () => void;

  constructor(clock: SimulatedClock, inFlight: () => number) {
    this.stop = clock.observe((from, to) => {
      const count = inFlight();
      this.msAtCount.set(count, (this.msAtCount.get(count) ?? 0) + (to - from));
    });
  }

  /** The count that `p` percent of the run's simulated milliseconds were at or under. */
  percentile(p: number): number {
    const counts = [...this.msAtCount.entries()].sort(([a], [b]) => a - b);
    const total = counts.reduce((sum, [, ms]) => sum + ms, 0);
    if (total === 0) return 0;
    let seen = 0;
    for (const [count, ms] of counts) {
      seen += ms;
      if (seen >= (p / 100) * total) return count;
    }
    return counts[counts.length - 1][0];
  }

  close(): void {
    this.stop();
  }
}
