/** How bench:scale paces its calls: Poisson arrivals from a fixed seed. */
import { poissonArrivals } from '../../scripts/bench/scale-call';

it('spreads calls as a Poisson process at the rate asked, the same in every run', () => {
  const arrivals = poissonArrivals(20000, 200);
  expect(poissonArrivals(20000, 200)).toEqual(arrivals);
  expect(poissonArrivals(20000, 200, 2)).not.toEqual(arrivals);
  const gaps = arrivals.slice(1).map((at, index) => at - arrivals[index]);
  expect(gaps.every((gap) => gap >= 0)).toBe(true);
  const mean = gaps.reduce((sum, gap) => sum + gap, 0) / gaps.length;
  expect(mean).toBeGreaterThan(4.8);
  expect(mean).toBeLessThan(5.2);
  // Exponential gaps: about e^-1 of them longer than the mean, unlike a steady tick.
  const longer = gaps.filter((gap) => gap > 5).length / gaps.length;
  expect(longer).toBeGreaterThan(0.3);
  expect(longer).toBeLessThan(0.42);
});
