/**
 * npm run bench:scale: how many calls per second the recording log holds with Sync's limits and
 * the account's concurrency limit on, the single-Map layout and the sharded one side by side in
 * one run, on the stand-in's simulated clock. Prints a table and writes bench-results/scale.json.
 * Options: --quick (shorter steps), --latency-ms <N> (each REST answer takes N simulated ms at
 * the median; default 0, at once), --env KEY=VALUE (a setting for the Functions, repeatable),
 * --out <file>.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { PROJECT_ROOT } from '../../local/project-root';
import { DEFAULT_CONCURRENCY_LIMIT } from '../../local/stand-in/concurrency-limit';
import { describeMachine, machine, table } from './report';
import { runScaleStep, type Layout, type ScaleOptions, type ScaleStep } from './scale';

/** The value after `name`, or undefined when the option is not given. */
function optionValue(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index > 0 ? (process.argv[index + 1] ?? '') : undefined;
}

function latencyOption(): number {
  const raw = optionValue('--latency-ms') ?? '0';
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value) || value < 0 || value > 5000) {
    console.error(
      `--latency-ms '${raw}': give the median latency of a REST answer in milliseconds, a number from 0 to 5000`,
    );
    process.exit(1);
  }
  return value;
}

/** Every `--env KEY=VALUE`: settings for the Functions, to try a configuration. */
function envOption(): Record<string, string> {
  const env: Record<string, string> = {};
  process.argv.forEach((arg, index) => {
    if (arg !== '--env') return;
    const pair = /^([A-Z][A-Z0-9_]*)=(.*)$/s.exec(process.argv[index + 1] ?? '');
    if (!pair) {
      console.error(
        `--env '${process.argv[index + 1] ?? ''}': give a setting as KEY=VALUE, KEY in capitals (e.g. RECORDING_LOG_SHARDS=256)`,
      );
      process.exit(1);
    }
    env[pair[1]] = pair[2];
  });
  return env;
}

const quick = process.argv.includes('--quick');
const OUT = optionValue('--out') || join(PROJECT_ROOT, 'bench-results', 'scale.json');
const OPTIONS: ScaleOptions = {
  arrivalSeconds: quick ? 10 : 15,
  redeliverEvery: 10,
  latencyMs: latencyOption(),
  env: envOption(),
};

/** Each layout's rates, stepped up until one loses or duplicates an event. */
const LADDERS: Record<Layout, number[]> = {
  'single-map': [2, 4, 5, 6, 7, 8, 10],
  sharded: [25, 50, 100, 150, 200, 250, 300, 400, 600, 800],
};

async function climb(layout: Layout): Promise<{ steps: ScaleStep[]; sustained: number }> {
  const steps: ScaleStep[] = [];
  let sustained = 0;
  for (const rate of LADDERS[layout]) {
    const step = await runScaleStep(layout, rate, OPTIONS);
    steps.push(step);
    console.log(
      `  ${layout} at ${rate} calls/s: lost ${step.lost}, duplicated ${step.duplicated}, 54009 ${step.syncRefused}, 20429 ${step.concurrencyRefused}, in flight p50 ${step.inFlightP50} p99 ${step.inFlightP99} (${step.realSeconds} s)`,
    );
    if (step.lost > 0 || step.duplicated > 0) break;
    sustained = rate;
  }
  return { steps, sustained };
}

function stepRow(step: ScaleStep): Record<string, unknown> {
  return {
    layout: step.layout,
    'calls/s': step.callsPerSecond,
    calls: step.calls,
    lost: step.lost,
    dup: step.duplicated,
    '54009': step.syncRefused,
    '20429': step.concurrencyRefused,
    'Sync req/call': step.syncRequestsPerCall,
    'happy path': step.happyPathSyncRequests,
    'caller path': step.callerPathSyncRequests,
    'p99 status ms': step.p99StatusMs,
    'p99 feedback ms': step.p99FeedbackMs,
    'API req/call': step.apiRequestsPerCall,
    'failed toggles': step.failedToggles,
    'in flight p50': step.inFlightP50,
    'in flight p99': step.inFlightP99,
  };
}

async function main(): Promise<void> {
  const measuredOn = machine();
  console.log(describeMachine(measuredOn));
  console.log(
    `Calls arrive for ${OPTIONS.arrivalSeconds} s of simulated time at each rate (the stand-in's clock: figures per simulated second), Sync limits on, at most ${DEFAULT_CONCURRENCY_LIMIT} REST requests of the account in flight, each REST answer taking ${OPTIONS.latencyMs} simulated ms at the median, the Functions' budgets, backoffs and request timeouts counted on that clock (their settings' defaults unless --env says otherwise), 1 in ${OPTIONS.redeliverEvery} deliveries sent twice${Object.keys(OPTIONS.env ?? {}).length > 0 ? `, settings ${JSON.stringify(OPTIONS.env)}` : ''}.\n`,
  );
  const results: Record<Layout, { steps: ScaleStep[]; sustained: number }> = {
    'single-map': await climb('single-map'),
    sharded: await climb('sharded'),
  };
  const steps = [...results['single-map'].steps, ...results.sharded.steps];
  console.log(`\n${table(steps.map(stepRow))}`);
  const ratio = results.sharded.sustained / Math.max(1, results['single-map'].sustained);
  console.log(
    `\nHighest sustained rate with 0 lost and 0 duplicated: single-map ${results['single-map'].sustained} calls/s, sharded ${results.sharded.sustained} calls/s (${ratio.toFixed(0)}x)${results.sharded.sustained === LADDERS.sharded.at(-1) ? ', the top of its ladder' : ''}.`,
  );
  mkdirSync(dirname(OUT), { recursive: true });
  writeFileSync(
    OUT,
    JSON.stringify({ machine: measuredOn, options: OPTIONS, results, ratio }, null, 2),
  );
  console.log(`Wrote ${OUT}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
