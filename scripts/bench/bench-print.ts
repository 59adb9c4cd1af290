import { TWIML_STEPS } from './bench-steps';
import type { ColdFigures } from './cold-start';
import type { IngestFigures } from './ingest';
import type { RenderFigures } from './render';
import { table } from './report';
import { round } from './stats';
import type { LatencyFigures } from './step-latency';

/** The TwiML steps' cold start, at most this many times the bare Function's. */
export const TWIML_COLD_TARGET = 1.2;

export function printLatency(latency: LatencyFigures): void {
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
  const ownRatio = round((latency.steps[0].p50 + latency.toggleOwnP50) / latency.steps[0].p50, 2);
  console.log(
    `Toggle: a bare Function sending the same REST request p50 ${latency.restRoundTripP50} ms; the toggle's own cost on top p50 ${latency.toggleOwnP50} ms, i.e. a step costing ${ownRatio} x baseline without its REST request\n`,
  );
}

export function printColdStart(cold: ColdFigures[], runs: number): void {
  console.log(
    `2. Cold start: load the built file and serve its first request, in a fresh process (ms, median of ${runs})`,
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
  const twiml = cold.filter((row) => TWIML_STEPS.includes(row.name));
  const worst = Math.max(...twiml.map((row) => row.ratio));
  console.log(
    `TwiML steps' cold start: ${twiml.map((row) => `${row.name} ${row.ratio}x`).join(', ')} the bare Function (target at most ${TWIML_COLD_TARGET}x: ${worst <= TWIML_COLD_TARGET ? 'met' : 'not met'})`,
  );
}

export function printIngestion(figures: IngestFigures[]): void {
  console.log(
    '\n3. Status-callback ingestion into the Sync recording log (events include 10% redeliveries)',
  );
  console.log(
    table(
      figures.map((row) => ({
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
}

export function printRender(render: RenderFigures): void {
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
}
