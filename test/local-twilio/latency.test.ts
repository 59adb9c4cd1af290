/**
 * How long the stand-in holds a REST answer: log-normal around the median a run asks for,
 * with its spread, cut at the 0.1st and 99.9th percentiles (local/stand-in/latency.ts).
 */
import { seededRandom } from '../../local/seeded-random';
import { DEFAULT_LATENCY_SPREAD, drawLatency } from '../../local/stand-in/latency';

function draws(median: number, spread: number, count = 20000): number[] {
  const random = seededRandom(42);
  return Array.from({ length: count }, () => drawLatency(median, spread, random)).sort(
    (a, b) => a - b,
  );
}

const at = (sorted: number[], p: number) => sorted[Math.floor((p / 100) * (sorted.length - 1))];

it('centres the draws on the median asked for', () => {
  for (const median of [50, 100, 200]) {
    const sorted = draws(median, DEFAULT_LATENCY_SPREAD);
    expect(at(sorted, 50)).toBeGreaterThanOrEqual(median * 0.97);
    expect(at(sorted, 50)).toBeLessThanOrEqual(median * 1.03);
  }
});

it('spreads them as a log-normal of sigma 0.5: p99 about 3.2x the median, mean above it', () => {
  const sorted = draws(100, DEFAULT_LATENCY_SPREAD);
  expect(at(sorted, 99) / at(sorted, 50)).toBeGreaterThan(2.9);
  expect(at(sorted, 99) / at(sorted, 50)).toBeLessThan(3.5);
  const mean = sorted.reduce((sum, ms) => sum + ms, 0) / sorted.length;
  expect(mean).toBeGreaterThan(108);
  expect(mean).toBeLessThan(118);
});

it('never draws beyond the 0.1st and 99.9th percentiles (0.21x to 4.7x the median)', () => {
  const sorted = draws(200, DEFAULT_LATENCY_SPREAD, 200000);
  expect(sorted[0]).toBeGreaterThanOrEqual(Math.floor(200 * Math.exp(-0.5 * 3.09)));
  expect(sorted[sorted.length - 1]).toBeLessThanOrEqual(Math.ceil(200 * Math.exp(0.5 * 3.09)));
  // The cut is reached: the tails are not merely thin.
  expect(sorted[sorted.length - 1]).toBe(Math.round(200 * Math.exp(0.5 * 3.09)));
});

it('answers at once with no latency, and always at the median with no spread', () => {
  expect(draws(0, DEFAULT_LATENCY_SPREAD, 100).every((ms) => ms === 0)).toBe(true);
  expect(new Set(draws(120, 0, 100))).toEqual(new Set([120]));
});
