import type { Clock } from '../clock';
import { TwilioApiError } from './twilio-error';

/**
 * Sync's documented rate limits (twilio.com/docs/sync/limits, error 54009), on the stand-in's
 * clock:
 * - reads and writes are each limited to 20/s per object (a Document, a Map, a List), with a
 *   10-second burst window; a write to any item of a Map counts against the Map;
 * - payloads over 1 KiB are limited harder, down to 2 writes/s from 10 KiB;
 * - the creation of new objects should stay below 20/s sustained (54009's own advice).
 * Past a limit Sync answers HTTP 429 with code 54009 (54009's page: "retry on HTTP 429") and
 * nothing is applied.
 *
 * Assumption [sync-rate-sliding-window]: the docs give a rate and a 10 s burst window, not the
 * algorithm, so a request is refused when the units accepted in the last 10 s plus its own would
 * exceed 20/s x 10 s = 200 (a burst of 200 at once, a sustained 20/s forever); requests refused
 * with 429 cost nothing.
 */
export const WINDOW_MS = 10_000;
export const UNITS_PER_WINDOW = 20 * (WINDOW_MS / 1000);
const KIB = 1024;
const MAX_WRITE_UNITS = 10;

export type LimitKind = 'read' | 'write' | 'create-object';

/**
 * The cost of a write of `payloadBytes`, in units of the per-object write budget: 1 up to 1 KiB
 * (20 writes/s) and 10 from 10 KiB (2 writes/s), the two ends the limits page gives.
 * Assumption [sync-write-cost-interpolation]: between the two ends a write costs one unit per
 * whole KiB, at least 2 (1025 bytes to 2 KiB: 10/s; 9.3 KB: 9 units, 2.2/s); the docs give no
 * middle tier, and this is never stricter than their 2/s, which applies only from 10 KiB.
 */
export function writeUnits(payloadBytes: number): number {
  if (payloadBytes <= KIB) return 1;
  return Math.min(MAX_WRITE_UNITS, Math.max(2, Math.floor(payloadBytes / KIB)));
}

interface Spent {
  at: number;
  units: number;
}

export interface SyncLimitsOptions {
  /** Off for a test that must exceed Twilio's limits on purpose; on everywhere else. */
  enabled: boolean;
}

/**
 * Every limit, counted per object (or per service for object creation).
 * Assumption [sync-creation-limit-per-service]: 54009 names a sustained 20/s for new objects
 * without saying over what; the stand-in counts Maps created per Sync service, with the same
 * 200-unit sliding window (a burst of 200), as the per-object limits.
 */
export class SyncLimits {
  private readonly spent = new Map<string, Spent[]>();
  /** Every request refused, for the benchmarks and the soak. */
  refused = 0;

  constructor(
    private readonly clock: Clock,
    private readonly options: SyncLimitsOptions = { enabled: true },
  ) {}

  /**
   * Counts one request against `subject` (an object's SID, or a service for creations), or
   * throws Sync's 429 when it would go over the limit.
   */
  take(kind: LimitKind, subject: string, units = 1): void {
    if (!this.options.enabled) return;
    const key = `${kind} ${subject}`;
    const now = this.clock.now();
    const recent = (this.spent.get(key) ?? []).filter((entry) => entry.at > now - WINDOW_MS);
    const used = recent.reduce((sum, entry) => sum + entry.units, 0);
    if (used + units > UNITS_PER_WINDOW) {
      this.spent.set(key, recent);
      this.refused += 1;
      throw new TwilioApiError(
        429,
        54009,
        `Rate limit exceeded: too many ${kind === 'create-object' ? 'object creations' : `${kind}s`} on ${subject} (20/s over a 10 s window)`,
      );
    }
    recent.push({ at: now, units });
    this.spent.set(key, recent);
  }
}
