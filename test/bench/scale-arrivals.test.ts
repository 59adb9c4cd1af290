/**
 * How bench:scale paces its calls and budgets its Functions: Poisson arrivals from a fixed seed,
 * and the log's budgets cut from the settings' defaults by the latency a run asks for.
 */
import { logBudgets } from '../../scripts/bench/scale';
import { poissonArrivals } from '../../scripts/bench/scale-call';
import {
  RECORDING_LOG_BUDGET_MS,
  RECORDING_LOG_CALLER_BUDGET_MS,
} from '../../src/config/settings-table';

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

it('cuts the log’s default budgets by ten latencies, never below 600 ms', () => {
  expect(logBudgets(100)).toEqual({
    status: Number(RECORDING_LOG_BUDGET_MS.default) - 1000,
    caller: Number(RECORDING_LOG_CALLER_BUDGET_MS.default) - 1000,
  });
  expect(logBudgets(1000)).toEqual({ status: 600, caller: 600 });
  expect(logBudgets(0)).toEqual({ status: 600, caller: 600 });
});
