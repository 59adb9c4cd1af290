/**
 * How long Twilio takes to answer one REST request.
 *
 * Assumption [latency-lognormal]: Twilio publishes no latency figures for its REST APIs; the
 * one figure found is a single example of its Twilio-Request-Duration header, 0.270 s spent in
 * Twilio's cluster (twilio.com/en-us/blog/twilio-request-telemetry), not a distribution. So
 * the shape is assumed: log-normal around the median a run asks for, with a spread (sigma) of
 * 0.5 by default, which puts the 99th percentile at 3.2x the median and the mean at 1.13x
 * (a mean above the median keeps more requests in flight: the stricter side), cut at the 0.1st
 * and 99.9th percentiles (0.21x to 4.7x the median) so that, at the medians the benchmark
 * runs (up to 200 ms, at most 940 ms), no answer outlasts the Functions' 3 s REST timeout.
 */
export const DEFAULT_LATENCY_SPREAD = 0.5;

/** The 99.9th percentile of a standard normal: draws beyond it are cut to it. */
const CUT_AT = 3.09;

/** A standard normal draw from two uniform ones (Box-Muller). */
function standardNormal(random: () => number): number {
  const radius = Math.sqrt(-2 * Math.log(1 - random()));
  return radius * Math.cos(2 * Math.PI * random());
}

/**
 * One answer's latency in whole milliseconds: `medianMs` times e to the power of `spread`
 * times a standard normal draw (cut at +-3.09). A median of 0 is no latency at all.
 */
export function drawLatency(medianMs: number, spread: number, random = Math.random): number {
  if (!(medianMs > 0)) return 0;
  if (!(spread > 0)) return Math.round(medianMs);
  const z = Math.min(CUT_AT, Math.max(-CUT_AT, standardNormal(random)));
  return Math.round(medianMs * Math.exp(spread * z));
}
