/**
 * The erasure benchmark on a small scale: it runs, measures on the stand-in's clock, and leaves
 * nothing behind (its own check, as npm run bench:erasure makes it at 5,000 calls).
 */
import { runErasureBench } from '../../scripts/bench/erasure';

it('erases every recording of every call, keeps one erasure entry each, and counts its requests', async () => {
  const result = await runErasureBench({ calls: 30, recordingsPerCall: 2, workers: 8 });
  expect(result.left).toEqual({
    recordings: 0,
    speechEntries: 0,
    erasureEntries: 30,
    recordingDeletedEntries: 60,
    incompleteCalls: 0,
  });
  // Per call at least: its entries read, its recordings listed, the erasure entry, two entries
  // removed, and per recording a delete and its entry.
  expect(result.requests.total).toBeGreaterThanOrEqual(30 * 9);
  expect(result.requests.rest + result.requests.sync).toBe(result.requests.total);
  expect(result.requests.perRecording).toBeCloseTo(result.requests.total / 60, 2);
}, 60_000);
