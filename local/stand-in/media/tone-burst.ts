// Bound once: in a sandboxed context (a test runner's) a `Math.` lookup per sample is a slow
// global access.
const { cos, floor, max, min, PI, round, sin } = Math;

/** One sine of a burst; `amplitude` is its peak, 1 being full scale. */
export interface Sine {
  hz: number;
  amplitude: number;
}

/** A shaped tone `length` samples long, starting `offset` samples into its segment. */
export interface ToneBurst {
  offset: number;
  length: number;
  sines: Sine[];
}

/** Long enough that a burst starts and stops without a click, short enough to keep words crisp. */
const RAMP_MS = 10;

/** Raised-cosine attack and release: 0 at the burst's edges, 1 once `ramp` samples in. */
function envelope(position: number, length: number, ramp: number): number {
  const edgeDistance = min(position, length - position);
  if (edgeDistance >= ramp) return 1;
  return 0.5 - 0.5 * cos((PI * edgeDistance) / ramp);
}

/**
 * Adds samples [from, from + into.length) of a segment made of `bursts` to `into`, as floats in
 * [-1, 1]. Each burst's phase starts at its own first sample, so the same segment always renders
 * to the same samples, and a segment cut by a window edge or a pause is exactly the uncut one
 * with samples left out.
 */
export function renderBursts(
  bursts: ToneBurst[],
  sampleRate: number,
  from: number,
  into: Float32Array,
): void {
  const to = from + into.length;
  const rampSamples = round((RAMP_MS * sampleRate) / 1000);
  for (const burst of bursts) {
    const start = max(from, burst.offset);
    const end = min(to, burst.offset + burst.length);
    if (end <= start) continue;
    const ramp = max(1, min(rampSamples, floor(burst.length / 2)));
    const steps = burst.sines.map((sine) => (2 * PI * sine.hz) / sampleRate);
    for (let n = start; n < end; n += 1) {
      const position = n - burst.offset;
      let value = 0;
      for (let p = 0; p < steps.length; p += 1) {
        value += burst.sines[p].amplitude * sin(steps[p] * position);
      }
      into[n - from] += value * envelope(position, burst.length, ramp);
    }
  }
}
