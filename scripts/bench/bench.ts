/**
 * npm run bench: what each step of the flow costs, next to a bare Function served by the same
 * runtime in the same run, and what rendering a long recording costs. Prints a report and
 * writes bench-results/bench.json.
 * Options: --quick (fewer samples), --out <file>.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { Agent } from 'node:http';
import { join } from 'node:path';
import { captureConsole } from '../../local/console-capture';
import { startFunctionsServer } from '../../local/functions-server';
import { PROJECT_ROOT } from '../../local/project-root';
import { timedPost } from './http-post';
import { measureIngestion, type IngestFigures } from './ingest';
import { INSTANT_ACCOUNT_SID, startInstantApi } from './instant-api';
import type { RenderFigures } from './render';
import { describeMachine, machine, table } from './report';
import { median, round, summarise, type LatencySummary } from './stats';

const quick = process.argv.includes('--quick');
const outIndex = process.argv.indexOf('--out');
const OUT =
  outIndex > 0 ? process.argv[outIndex + 1] : join(PROJECT_ROOT, 'bench-results', 'bench.json');
const ROUNDS = quick ? 3 : 5;
const SAMPLES = quick ? 200 : 1000;
const WARMUP = quick ? 50 : 200;
const COLD_RUNS = quick ? 3 : 7;

const CALL = 'CA' + '2'.repeat(32);
const RECORDING = 'RE' + '1'.repeat(32);
const callParams = {
  CallSid: CALL,
  AccountSid: INSTANT_ACCOUNT_SID,
  CallStatus: 'in-progress',
  Direction: 'inbound',
  From: '+15005550006',
  To: '+15005550001',
};

/** Each measured step: the route and the request Twilio would send it. */
const STEPS: Array<{
  name: string;
  path: string;
  params: Record<string, string>;
  twimlStep: boolean;
}> = [
  { name: 'baseline', path: '/baseline', params: callParams, twimlStep: true },
  { name: 'incoming-call', path: '/incoming-call', params: callParams, twimlStep: true },
  {
    name: 'recording-toggle (start)',
    path: '/recording-toggle?Record=true',
    params: callParams,
    twimlStep: false,
  },
  {
    name: 'recording-success (ask)',
    path: '/recording-success',
    params: { ...callParams, RecAction: 'start', RecSid: RECORDING },
    twimlStep: true,
  },
  {
    name: 'recording-failed',
    path: '/recording-failed',
    params: {
      ...callParams,
      RecAction: 'stop',
      RecFailureReason: 'api-error',
      RecFailureCode: '20404',
    },
    twimlStep: true,
  },
  {
    name: 'feedback-received (no speech)',
    path: `/feedback-received?RecordingSid=${RECORDING}&Attempt=1`,
    params: callParams,
    twimlStep: true,
  },
  {
    name: 'feedback-received (speech, stored)',
    path: `/feedback-received?RecordingSid=${RECORDING}&Attempt=1`,
    params: { ...callParams, SpeechResult: 'It was great', Confidence: '0.9' },
    twimlStep: false,
  },
];

async function post(agent: Agent, base: string, path: string, body: string): Promise<number> {
  const answer = await timedPost(agent, `${base}${path}`, body);
  if (answer.status !== 200) throw new Error(`${path} answered ${answer.status}`);
  return answer.ms;
}

function serveFolder(): string {
  const folder = join(PROJECT_ROOT, 'bench-results', 'serve', 'functions');
  rmSync(join(PROJECT_ROOT, 'bench-results', 'serve'), { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  mkdirSync(join(PROJECT_ROOT, 'bench-results', 'serve', 'assets'), { recursive: true });
  for (const file of readdirSync(join(PROJECT_ROOT, 'dist', 'functions'))) {
    copyFileSync(join(PROJECT_ROOT, 'dist', 'functions', file), join(folder, file));
  }
  for (const baseline of [
    'baseline.protected.js',
    'baseline-rest.protected.js',
    'baseline-sync.protected.js',
  ]) {
    copyFileSync(join(PROJECT_ROOT, 'scripts', 'bench', baseline), join(folder, baseline));
  }
  return folder;
}

interface StepFigures extends LatencySummary {
  name: string;
  ratioP50: number;
  ratioP99: number;
  restRequestsPerCall: number;
}

async function stepLatency(): Promise<{
  steps: StepFigures[];
  toggleOwnP50: number;
  restRoundTripP50: number;
}> {
  serveFolder();
  const api = await startInstantApi();
  const server = await startFunctionsServer({
    env: {
      ACCOUNT_SID: INSTANT_ACCOUNT_SID,
      AUTH_TOKEN: 'bench-token',
      TWILIO_API_BASE_URL: api.url,
    },
    functionsFolder: 'bench-results/serve/functions',
    assetsFolder: 'bench-results/serve/assets',
  });
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const rounds: Record<
    string,
    { p50: number[]; p99: number[]; rest: number; ratioP50: number[]; ratioP99: number[] }
  > = {};
  const restRoundTrips: number[] = [];
  const toggleOwn: number[] = [];
  const capture = captureConsole();
  try {
    for (let round = 0; round < ROUNDS; round += 1) {
      const baselineBody = new URLSearchParams(callParams).toString();
      for (const step of STEPS.slice(1)) {
        const body = new URLSearchParams(step.params).toString();
        for (let i = 0; i < WARMUP; i += 1) {
          await post(agent, server.url, '/baseline', baselineBody);
          await post(agent, server.url, step.path, body);
        }
        // Baseline and step alternate request by request, so drift on a shared machine hits both.
        const baselineSamples: number[] = [];
        const samples: number[] = [];
        let rest = 0;
        for (let i = 0; i < SAMPLES; i += 1) {
          baselineSamples.push(await post(agent, server.url, '/baseline', baselineBody));
          const before = api.requests();
          samples.push(await post(agent, server.url, step.path, body));
          rest += api.requests() - before;
        }
        const summary = summarise(samples);
        const base = summarise(baselineSamples);
        const entry = (rounds[step.name] ??= {
          p50: [],
          p99: [],
          rest: 0,
          ratioP50: [],
          ratioP99: [],
        });
        entry.p50.push(summary.p50);
        entry.p99.push(summary.p99);
        entry.ratioP50.push(summary.p50 / base.p50);
        entry.ratioP99.push(summary.p99 / base.p99);
        entry.rest = rest / SAMPLES;
        const baseline = (rounds.baseline ??= {
          p50: [],
          p99: [],
          rest: 0,
          ratioP50: [1],
          ratioP99: [1],
        });
        baseline.p50.push(base.p50);
        baseline.p99.push(base.p99);
      }
      // The toggle next to a bare Function that sends the same REST request: the difference is
      // the toggle's own cost, with the request and the stand-in's answer taken out.
      const toggleStep = STEPS.find((step) =>
        step.name.startsWith('recording-toggle'),
      ) as (typeof STEPS)[number];
      const toggleBody = new URLSearchParams(toggleStep.params).toString();
      const toggleSamples: number[] = [];
      const restSamples: number[] = [];
      for (let i = 0; i < SAMPLES; i += 1) {
        restSamples.push(await post(agent, server.url, '/baseline-rest', toggleBody));
        toggleSamples.push(await post(agent, server.url, toggleStep.path, toggleBody));
      }
      restRoundTrips.push(summarise(restSamples).p50);
      toggleOwn.push(summarise(toggleSamples).p50 - summarise(restSamples).p50);
    }
  } finally {
    capture.restore();
    agent.destroy();
    await server.close();
    api.server.close();
  }
  const steps = STEPS.map((step) => {
    const figures = rounds[step.name];
    return {
      name: step.name,
      p50: round(median(figures.p50)),
      p99: round(median(figures.p99)),
      count: figures.p50.length * SAMPLES,
      ratioP50: round(median(figures.ratioP50), 2),
      ratioP99: round(median(figures.ratioP99), 2),
      restRequestsPerCall: figures.rest,
    };
  });
  return {
    steps,
    restRoundTripP50: round(median(restRoundTrips)),
    toggleOwnP50: round(median(toggleOwn)),
  };
}

interface ColdFigures {
  name: string;
  loadMs: number;
  firstRequestMs: number;
  totalMs: number;
  ratio: number;
  /** Against the bare Function that sends one REST request (the floor for the toggle). */
  ratioRest: number;
  /** Against the bare Function that reads one Sync item (the floor for the log's steps). */
  ratioSync: number;
  modules: number;
  bytes: number;
}

function coldStart(): ColdFigures[] {
  const child = join(PROJECT_ROOT, 'dist', 'bench', 'cold-start-child.js');
  const events: Record<string, Record<string, string>> = {
    'incoming-call': callParams,
    'recording-toggle': { ...callParams, Record: 'true' },
    'recording-success': { ...callParams, RecAction: 'start', RecSid: RECORDING },
    'recording-failed': { ...callParams, RecAction: 'start' },
    'feedback-received': { ...callParams, RecordingSid: RECORDING, SpeechResult: 'Fine' },
    'recording-status': {
      AccountSid: INSTANT_ACCOUNT_SID,
      CallSid: CALL,
      RecordingSid: RECORDING,
      RecordingStatus: 'completed',
      RecordingDuration: '3',
    },
    recordings: { CallSid: CALL },
  };
  // Every file, the baseline included, is loaded from the same folder (the serve copy), so that
  // module resolution costs the same for all of them.
  const folder = serveFolder();
  const files: Array<[string, string]> = readdirSync(folder).map((file) => [
    file.replace(/\.(protected|private)\.js$/, '').replace(/\.js$/, ''),
    join(folder, file),
  ]);
  files.sort(([a], [b]) => (a === 'baseline' ? -1 : b === 'baseline' ? 1 : a.localeCompare(b)));
  const results = files.map(([name, file]) => {
    const runs = [];
    for (let i = 0; i < COLD_RUNS; i += 1) {
      const out = spawnSync(
        process.execPath,
        [child, file, JSON.stringify(events[name] ?? callParams)],
        { encoding: 'utf8', timeout: 30000 },
      );
      const line = out.stdout.trim().split('\n').pop() ?? '{}';
      const parsed = JSON.parse(line);
      if (parsed.error || parsed.outcome !== 'ok')
        throw new Error(`cold start of ${name} failed: ${line} ${out.stderr}`);
      runs.push(parsed);
    }
    return {
      name,
      loadMs: round(median(runs.map((run) => run.loadMs))),
      firstRequestMs: round(median(runs.map((run) => run.firstRequestMs))),
      totalMs: round(median(runs.map((run) => run.totalMs))),
      ratio: 0,
      ratioRest: 0,
      ratioSync: 0,
      modules: runs[0].modules,
      bytes: runs[0].bytes,
    };
  });
  const baseline = results[0].totalMs;
  const restBaseline = results.find((result) => result.name === 'baseline-rest')?.totalMs ?? NaN;
  const syncBaseline = results.find((result) => result.name === 'baseline-sync')?.totalMs ?? NaN;
  return results.map((result) => ({
    ...result,
    ratio: round(result.totalMs / baseline, 2),
    ratioRest: round(result.totalMs / restBaseline, 2),
    ratioSync: round(result.totalMs / syncBaseline, 2),
  }));
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

function sizes(): { files: Array<{ name: string; bytes: number }>; totalBytes: number } {
  const files = readdirSync(join(PROJECT_ROOT, 'dist', 'functions')).map((name) => ({
    name,
    bytes: statSync(join(PROJECT_ROOT, 'dist', 'functions', name)).size,
  }));
  const assets = readdirSync(join(PROJECT_ROOT, 'dist', 'assets')).map((name) => ({
    name: `assets/${name}`,
    bytes: statSync(join(PROJECT_ROOT, 'dist', 'assets', name)).size,
  }));
  const all = [...files, ...assets];
  return { files: all, totalBytes: all.reduce((sum, file) => sum + file.bytes, 0) };
}

async function main(): Promise<void> {
  const measuredOn = machine();
  console.log(describeMachine(measuredOn));
  console.log(
    `Rounds: ${ROUNDS} x ${SAMPLES} requests per step (after ${WARMUP} warm-up); cold starts: ${COLD_RUNS} fresh processes each; figures are medians of the rounds.\n`,
  );

  const latency = await stepLatency();
  console.log('1. Step latency through the local Functions server (ms; ratio = step / baseline)');
  console.log(
    table(
      latency.steps.map((step) => ({
        step: step.name,
        p50: step.p50,
        p99: step.p99,
        'x p50': step.ratioP50,
        'x p99': step.ratioP99,
        'REST req/call': step.restRequestsPerCall,
      })),
    ),
  );
  console.log(
    `Toggle: a bare Function sending the same REST request p50 ${latency.restRoundTripP50} ms; the toggle's own cost on top p50 ${latency.toggleOwnP50} ms, i.e. a step costing ${round((latency.steps[0].p50 + latency.toggleOwnP50) / latency.steps[0].p50, 2)} x baseline without its REST request\n`,
  );

  const cold = coldStart();
  console.log(
    '2. Cold start: load the built file and serve its first request, in a fresh process (ms)',
  );
  console.log(
    table(
      cold.map((row) => ({
        function: row.name,
        load: row.loadMs,
        'first request': row.firstRequestMs,
        total: row.totalMs,
        'x baseline': row.ratio,
        'x baseline-rest': row.ratioRest,
        'x baseline-sync': row.ratioSync,
        modules: row.modules,
        'bytes loaded': row.bytes,
      })),
    ),
  );

  const ingestion: IngestFigures[] = [];
  for (const concurrency of [1, 10, 50]) {
    const runs: IngestFigures[] = [];
    for (let run = 0; run < (quick ? 1 : 3); run += 1)
      runs.push(await measureIngestion(quick ? 200 : 600, concurrency));
    ingestion.push({
      ...runs[0],
      eventsPerSecond: round(median(runs.map((figures) => figures.eventsPerSecond)), 1),
      p50: round(median(runs.map((figures) => figures.p50))),
      p99: round(median(runs.map((figures) => figures.p99))),
      non2xx: runs.reduce((sum, figures) => sum + figures.non2xx, 0),
      lost: runs.reduce((sum, figures) => sum + figures.lost, 0),
      duplicated: runs.reduce((sum, figures) => sum + figures.duplicated, 0),
    });
  }
  console.log(
    '\n3. Status-callback ingestion into the Sync recording log (events include 10% redeliveries)',
  );
  console.log(
    table(
      ingestion.map((row) => ({
        concurrency: row.concurrency,
        events: row.events,
        'events/s': row.eventsPerSecond,
        'p50 ms': row.p50,
        'p99 ms': row.p99,
        'non-2xx': row.non2xx,
        lost: row.lost,
        duplicated: row.duplicated,
      })),
    ),
  );

  const size = sizes();
  console.log('\n4. Deployed size (bytes)');
  console.log(table(size.files.map((file) => ({ file: file.name, bytes: file.bytes }))));
  console.log(`total: ${size.totalBytes}`);

  const render = recordingRender();
  console.log(
    `\n5. Recording media: a ${render.audioSeconds / 60}-minute, ${render.channels}-channel call rendered to 8 kHz 16-bit PCM, in a fresh process (${render.runs} runs; target under 1000 ms and 50 MB)`,
  );
  console.log(
    table([
      {
        'render ms': render.renderMs,
        'WAV encode ms': render.encodeMs,
        'RSS growth MB': render.rssGrowthMb,
        'peak RSS MB': render.peakRssMb,
        'held MB': render.heapDeltaMb,
        'WAV MB': render.wavMb,
        'MP3 encode ms': render.mp3EncodeMs,
        'MP3 MB': render.mp3Mb,
      },
    ]),
  );
  console.log(
    `RSS growth: what the first render and its WAV added to the process (baseline ${render.baselineRssMb} MB); held: heap and buffers while one render and its WAV are kept. MP3: encoded once.`,
  );

  mkdirSync(join(OUT, '..'), { recursive: true });
  writeFileSync(
    OUT,
    JSON.stringify(
      {
        machine: measuredOn,
        settings: { rounds: ROUNDS, samples: SAMPLES, warmup: WARMUP, coldRuns: COLD_RUNS },
        latency,
        cold,
        ingestion,
        size,
        render,
      },
      null,
      2,
    ),
  );
  console.log(`\nWrote ${OUT}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
