import { encodeMp3 } from '../../local/stand-in/media/mp3';
import { encodeWav } from '../../local/stand-in/media/wav';
import { renderRecording } from '../../local/stand-in/media/render';
import type { RecordingWindow, SoundSegment } from '../../local/stand-in/media/timeline';
import { median, round } from './stats';

export interface RenderFigures {
  /** median ms to render the call's recording */
  renderMs: number;
  /** median ms to encode it as WAV */
  encodeMs: number;
  /**
   * The process's peak resident set size through the first render and encode, MB. Later runs are
   * left out: memory freed by the previous run is not handed back to the system at once, so
   * their peaks measure the allocator, not the renderer.
   */
  peakRssMb: number;
  /** peakRssMb minus the resident set size before the first run: what rendering added, MB */
  rssGrowthMb: number;
  /** median growth of heap plus array-buffer memory while one render and its WAV are held, MB */
  heapDeltaMb: number;
  baselineRssMb: number;
  audioSeconds: number;
  channels: number;
  wavMb: number;
  /** ms to encode the same audio as MP3, once (the pure-JavaScript encoder is slow) */
  mp3EncodeMs: number;
  mp3Mb: number;
  runs: number;
}

const CALL_MS = 10 * 60 * 1000;
const MS_PER_WORD = 330;

const FLOW_LINES = [
  'Thanks for calling. This call may be recorded for quality and training purposes.',
  'On a scale of one to five, how satisfied were you with your last visit?',
  'Please tell us in a few words what we could do better.',
  'Thank you. Your feedback has been recorded.',
];
const CALLER_LINES = [
  'It was fine, thanks.',
  'Honestly the wait was a bit long but the staff were lovely.',
  'Four.',
  'Nothing really, keep it up.',
];

/**
 * A 10-minute inbound call recorded dual-channel: the flow and the caller take turns, the
 * caller sometimes answers with keys instead of words, hold music plays once, and the
 * recording is paused for 45 seconds from the 4-minute mark, as a payment step would. The pause
 * keeps its time as silence, so the file holds all ten minutes: the most there is to render.
 */
export function tenMinuteCall(): { segments: SoundSegment[]; window: RecordingWindow } {
  const segments: SoundSegment[] = [];
  let at = 1000;
  for (let turn = 0; at < CALL_MS; turn += 1) {
    const prompt = FLOW_LINES[turn % FLOW_LINES.length];
    const promptMs = prompt.split(' ').length * MS_PER_WORD;
    segments.push({
      track: 'outbound',
      startMs: at,
      durationMs: promptMs,
      kind: 'speech',
      text: prompt,
    });
    at += promptMs + 600;
    if (turn === 20) {
      segments.push({
        track: 'outbound',
        startMs: at,
        durationMs: 40_000,
        kind: 'audio',
        text: 'hold.mp3',
      });
      at += 40_600;
    } else if (turn % 5 === 1) {
      segments.push({ track: 'inbound', startMs: at, durationMs: 400, kind: 'dtmf', text: '4#' });
      at += 1000;
    } else {
      const answer = CALLER_LINES[turn % CALLER_LINES.length];
      const answerMs = answer.split(' ').length * MS_PER_WORD;
      segments.push({
        track: 'inbound',
        startMs: at,
        durationMs: answerMs,
        kind: 'speech',
        text: answer,
      });
      at += answerMs + 800;
    }
  }
  const window: RecordingWindow = {
    startMs: 0,
    endMs: CALL_MS,
    pauses: [{ fromMs: 240_000, toMs: 285_000, behavior: 'silence' }],
    channels: 2,
    track: 'both',
    trim: 'do-not-trim',
  };
  return { segments, window };
}

const MB = 1024 * 1024;
const heldMemory = () => {
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.external;
};
/**
 * Collects garbage when the process was started with --expose-gc, so that a run starts without
 * the previous run's audio. Array buffers are freed off the main thread, hence the short wait.
 */
async function collect(): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return;
  gc();
  await new Promise((resolve) => setTimeout(resolve, 50));
  gc();
}

/**
 * Renders and encodes the 10-minute call in this process, `runs` times (medians of the runs),
 * then encodes it as MP3 once.
 */
export async function measureRender(runs: number): Promise<RenderFigures> {
  const { segments, window } = tenMinuteCall();
  const baselineRss = process.memoryUsage().rss;
  const renderTimes: number[] = [];
  const encodeTimes: number[] = [];
  const deltas: number[] = [];
  let audioSeconds = 0;
  let channels = 0;
  let wavBytes = 0;
  let peakRss = 0;
  for (let run = 0; run < runs; run += 1) {
    await collect();
    const before = heldMemory();
    const started = performance.now();
    const audio = renderRecording(segments, window);
    const rendered = performance.now();
    const wav = encodeWav(audio);
    const encoded = performance.now();
    deltas.push(heldMemory() - before);
    renderTimes.push(rendered - started);
    encodeTimes.push(encoded - rendered);
    audioSeconds = audio.durationMs / 1000;
    channels = audio.channels.length;
    wavBytes = wav.length;
    if (run === 0) peakRss = process.resourceUsage().maxRSS * 1024;
  }
  const audio = renderRecording(segments, window);
  const mp3Started = performance.now();
  const mp3 = encodeMp3(audio);
  const mp3EncodeMs = performance.now() - mp3Started;
  return {
    renderMs: round(median(renderTimes), 1),
    encodeMs: round(median(encodeTimes), 1),
    peakRssMb: round(peakRss / MB, 1),
    rssGrowthMb: round((peakRss - baselineRss) / MB, 1),
    heapDeltaMb: round(median(deltas) / MB, 1),
    baselineRssMb: round(baselineRss / MB, 1),
    audioSeconds,
    channels,
    wavMb: round(wavBytes / MB, 1),
    mp3EncodeMs: round(mp3EncodeMs, 0),
    mp3Mb: round(mp3.length / MB, 1),
    runs,
  };
}
