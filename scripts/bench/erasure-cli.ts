/**
 * npm run bench:erasure: erasing 10,000 recordings of 5,000 calls on the local Twilio under its
 * rate limits (Sync's, the account's concurrency limit), timed on the stand-in's simulated
 * clock. Prints the figures with the machine and the date, and writes bench-results/erasure.json.
 * Options: --calls N (default 5000), --workers N (default 64), --out FILE.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { PROJECT_ROOT } from '../../local/project-root';
import { describeMachine, machine, table } from './report';
import { runErasureBench } from './erasure';

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(name);
  const value = at > 0 ? Number(process.argv[at + 1]) : fallback;
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name}: a whole number from 1`);
  return value;
}

async function main(): Promise<void> {
  const measuredOn = machine();
  const options = {
    calls: option('--calls', 5000),
    recordingsPerCall: 2,
    workers: option('--workers', 64),
  };
  const outAt = process.argv.indexOf('--out');
  const out =
    outAt > 0 ? process.argv[outAt + 1] : join(PROJECT_ROOT, 'bench-results', 'erasure.json');
  console.log(describeMachine(measuredOn));
  console.log(
    `Erasing ${options.calls * options.recordingsPerCall} recordings of ${options.calls} calls (retention, --days 0), ${options.workers} calls at a time, Sync's limits and the account's concurrency limit on, on the stand-in's simulated clock.\n`,
  );
  const result = await runErasureBench(options);
  console.log(
    table([
      {
        calls: result.calls,
        recordings: result.recordings,
        'simulated s': result.simulatedSeconds,
        'real s': result.realSeconds,
        requests: result.requests.total,
        REST: result.requests.rest,
        Sync: result.requests.sync,
        'req/recording': result.requests.perRecording,
        '20429s': result.refused.concurrency20429,
        '54009s': result.refused.sync54009,
        '21501s': result.refused.processing21501,
      },
    ]),
  );
  const { left } = result;
  console.log(
    `\nLeft behind: ${left.recordings} recordings on Twilio, ${left.speechEntries} log entries with the caller's words, ${left.incompleteCalls} calls not finished; kept: ${left.erasureEntries} erasure entries (one per call), ${left.recordingDeletedEntries} recordings recorded as deleted.`,
  );
  console.log(
    `(Seeding the calls took ${result.seeding.realSeconds} s of real time, not counted.)`,
  );
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify({ machine: measuredOn, options, result }, null, 2));
  console.log(`Wrote ${out}`);
  const clean =
    left.recordings === 0 &&
    left.speechEntries === 0 &&
    left.incompleteCalls === 0 &&
    left.erasureEntries === result.calls &&
    left.recordingDeletedEntries === result.recordings;
  if (!clean) process.exitCode = 1;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
