/** Measurements for tests: loudness over a span and the strength of one frequency. */

function span(samples: Int16Array, sampleRate: number, fromMs: number, toMs: number): Int16Array {
  const from = Math.round((fromMs * sampleRate) / 1000);
  const to = Math.round((toMs * sampleRate) / 1000);
  if (from < 0 || to > samples.length || to <= from) {
    throw new RangeError(`span ${fromMs}-${toMs} ms is outside ${samples.length} samples`);
  }
  return samples.subarray(from, to);
}

/** Root mean square over [fromMs, toMs), in sample units (full scale 32767). */
export function rms(samples: Int16Array, sampleRate: number, fromMs: number, toMs: number): number {
  const part = span(samples, sampleRate, fromMs, toMs);
  let sum = 0;
  for (const sample of part) sum += sample * sample;
  return Math.sqrt(sum / part.length);
}

export function peak(samples: Int16Array): number {
  let max = 0;
  for (const sample of samples) max = Math.max(max, Math.abs(sample));
  return max;
}

/** Amplitude of the `hz` component over [fromMs, toMs), by the Goertzel algorithm. */
export function toneAmplitude(
  samples: Int16Array,
  sampleRate: number,
  hz: number,
  fromMs: number,
  toMs: number,
): number {
  const part = span(samples, sampleRate, fromMs, toMs);
  const coefficient = 2 * Math.cos((2 * Math.PI * hz) / sampleRate);
  let previous = 0;
  let beforePrevious = 0;
  for (const sample of part) {
    const current = sample + coefficient * previous - beforePrevious;
    beforePrevious = previous;
    previous = current;
  }
  const power =
    previous * previous + beforePrevious * beforePrevious - coefficient * previous * beforePrevious;
  return (2 * Math.sqrt(Math.max(0, power))) / part.length;
}
