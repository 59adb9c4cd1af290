import { spawnSync } from 'node:child_process';
import { resample } from './resample';
import type { Track } from './timeline';
import { parseStreamedWav } from './wav';

/**
 * Real speech from espeak-ng, when it is installed: nothing is downloaded and nothing native is
 * loaded, the program is run as a child process (`--stdout` gives a WAV on a pipe, 22050 Hz
 * mono by default) and its output resampled to the call's rate. Each party gets its own pitch
 * (espeak-ng's `-p`, 0-99) so caller and flow stay distinguishable, as with the tones.
 * Any failure (not installed, non-zero exit, unreadable output) gives `undefined`, and the
 * caller falls back to tones for that segment.
 */
const COMMAND = 'espeak-ng';
const PARTY_PITCH: Readonly<Record<Track, string>> = { inbound: '30', outbound: '70' };
const RUN_TIMEOUT_MS = 10_000;
const MAX_OUTPUT_BYTES = 64 * 1024 * 1024;
/** The tones' peak level, so a mono mix of both parties stays as far from clipping. */
const PEAK_LEVEL = 0.29;
/** Utterances repeat (prompts, re-prompts); keep recent ones rather than re-run the program. */
const CACHE_SIZE = 256;

// `env` is passed explicitly below so that the PATH this module sees is the one searched, also
// where `process.env` is not the object child processes inherit (e.g. a test runner's sandbox).
const availableOnPath = new Map<string, boolean>();
const utterances = new Map<string, Float32Array>();

/** Whether espeak-ng runs on the current PATH (asked once per PATH value). */
export function espeakAvailable(): boolean {
  const path = process.env.PATH ?? '';
  let available = availableOnPath.get(path);
  if (available === undefined) {
    const probe = spawnSync(COMMAND, ['--version'], {
      stdio: 'ignore',
      timeout: RUN_TIMEOUT_MS,
      env: process.env,
    });
    available = !probe.error && probe.status === 0;
    availableOnPath.set(path, available);
  }
  return available;
}

function synthesise(text: string, track: Track, sampleRate: number): Float32Array | undefined {
  // Text goes through stdin so that words starting with '-' are never read as options.
  const run = spawnSync(COMMAND, ['--stdout', '--stdin', '-p', PARTY_PITCH[track]], {
    input: text,
    env: process.env,
    timeout: RUN_TIMEOUT_MS,
    maxBuffer: MAX_OUTPUT_BYTES,
  });
  if (run.error || run.status !== 0 || !run.stdout || run.stdout.length === 0) return undefined;
  try {
    const wav = parseStreamedWav(run.stdout);
    const first = wav.channels[0];
    const mono = new Float32Array(first.length);
    for (const channel of wav.channels) {
      for (let i = 0; i < mono.length; i += 1) mono[i] += channel[i] / 32768 / wav.channels.length;
    }
    return normalised(resample(mono, wav.sampleRate, sampleRate));
  } catch {
    return undefined;
  }
}

function normalised(samples: Float32Array): Float32Array {
  let peak = 0;
  for (const sample of samples) peak = Math.max(peak, Math.abs(sample));
  if (peak === 0) return samples;
  const gain = PEAK_LEVEL / peak;
  return samples.map((sample) => sample * gain);
}

/** The utterance at `sampleRate`, as floats in [-1, 1], or `undefined` to fall back to tones. */
export function espeakSpeech(
  text: string,
  track: Track,
  sampleRate: number,
): Float32Array | undefined {
  const key = `${track} ${sampleRate} ${text}`;
  const cached = utterances.get(key);
  if (cached) return cached;
  const speech = synthesise(text, track, sampleRate);
  if (!speech) return undefined;
  if (utterances.size >= CACHE_SIZE) utterances.delete(utterances.keys().next().value as string);
  utterances.set(key, speech);
  return speech;
}
