/**
 * npm run bench: what each step of the flow costs, next to a bare Function served by the same
 * runtime in the same run, and what rendering a long recording costs. Prints a report and
 * writes bench-results/bench.json.
 * Options: --quick (fewer samples), --out <file>.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../local/project-root';
import { printColdStart, printIngestion, printLatency, printRender } from './bench-print';
import { coldStart } from './cold-start';
import { measureIngestion, type IngestFigures } from './ingest';
import type { RenderFigures } from './render';
import { describeMachine, machine, table } from './report';
import { median, round } from './stats';
import { stepLatency } from './step-latency';

const quick = process.argv.includes('--quick');
const outIndex = process.argv.indexOf('--out');
const OUT =
  outIndex > 0 ? process.argv[outIndex + 1] : join(PROJECT_ROOT, 'bench-results', 'bench.json');
const PLAN = { rounds: quick ? 3 : 5, samples: quick ? 200 : 1000, warmup: quick ? 50 : 200 };
/** Fresh processes per Function: the median of at least 15 is what the target is read on. */
const COLD_RUNS = quick ? 5 : 15;
/** Each deployed file (assets in their folders) and the whole deploy, in bytes. */
function sizes(): { files: Array<{ name: string; bytes: number }>; totalBytes: number } {
  const listed = (folder: string, prefix: string) =>
    readdirSync(join(PROJECT_ROOT, 'dist', folder), { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => {
        const path = join(entry.parentPath, entry.name);
        const name = `${prefix}${path.slice(join(PROJECT_ROOT, 'dist', folder).length + 1)}`;
        return { name, bytes: statSync(path).size };
      });
  const all = [...listed('functions', ''), ...listed('assets', 'assets/')];
  return { files: all, totalBytes: all.reduce((sum, file) => sum + file.bytes, 0) };
}

/** The render figures, from a fresh process (render-cli.js) so that its memory is its own. */
function recordingRender(): RenderFigures {
  const child = join(PROJECT_ROOT, 'dist', 'bench', 'render-cli.js');
  const out = spawnSync(process.execPath, ['--expose-gc', child, '--runs', String(quick ? 3 : 5)], {
    encoding: 'utf8',
    timeout: 120000,
  });
  const line = out.stdout.trim().split('\n').pop() ?? '';
  if (out.status !== 0 || !line.startsWith('{'))
    throw new Error(`rendering failed: ${out.stderr || line}`);
  return JSON.parse(line) as RenderFigures;
}

async function ingestion(): Promise<IngestFigures[]> {
  const figures: IngestFigures[] = [];
  for (const concurrency of [1, 10, 50]) {
    const runs: IngestFigures[] = [];
    for (let run = 0; run < (quick ? 1 : 3); run += 1)
      runs.push(await measureIngestion(quick ? 200 : 600, concurrency));
    const mid = (pick: (run: IngestFigures) => number) => median(runs.map(pick));
    const sum = (pick: (run: IngestFigures) => number) =>
      runs.reduce((total, run) => total + pick(run), 0);
    figures.push({
      ...runs[0],
      eventsPerSecond: round(
        mid((run) => run.eventsPerSecond),
        1,
      ),
      p50: round(mid((run) => run.p50)),
      p99: round(mid((run) => run.p99)),
      non2xx: sum((run) => run.non2xx),
      lost: sum((run) => run.lost),
      duplicated: sum((run) => run.duplicated),
    });
  }
  return figures;
}

async function main(): Promise<void> {
  const measuredOn = machine();
  console.log(describeMachine(measuredOn));
  console.log(
    `Rounds: ${PLAN.rounds} x ${PLAN.samples} requests per step (after ${PLAN.warmup} warm-up); cold starts: ${COLD_RUNS} fresh processes each; figures are medians of the rounds.\n`,
  );
  const latency = await stepLatency(PLAN);
  printLatency(latency);
  const cold = coldStart(COLD_RUNS);
  printColdStart(cold, COLD_RUNS);
  const ingested = await ingestion();
  printIngestion(ingested);
  const size = sizes();
  console.log('\n4. Deployed size (bytes)');
  console.log(table(size.files.map((file) => ({ file: file.name, bytes: file.bytes }))));
  console.log(`total: ${size.totalBytes}`);
  const render = recordingRender();
  printRender(render);
  mkdirSync(join(OUT, '..'), { recursive: true });
  const settings = { ...PLAN, coldRuns: COLD_RUNS };
  const results = {
    machine: measuredOn,
    settings,
    latency,
    cold,
    ingestion: ingested,
    size,
    render,
  };
  writeFileSync(OUT, JSON.stringify(results, null, 2));
  console.log(`\nWrote ${OUT}`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
