import type { Clock } from '../clock';
import { TwilioApiError } from './twilio-error';

/**
 * Sync's documented rate limits (twilio.com/docs/sync/limits, error 54009), on the stand-in's
 * clock:
 * - reads and writes are each limited to 20/s per object (a Document, a Map, a List), averaged
 *   over a 10-second burst window; a write to any item of a Map counts against the Map;
 * - payloads over 1 KiB are limited harder, down to 2 writes/s from 10 KiB;
 * - the creation of new objects should stay below 20/s sustained (54009's own advice).
 * Past a limit Sync answers HTTP 429 with code 54009 and nothing is applied.
 *
 * How the window is modelled (the docs give the rate and the window, not the algorithm): a
 * sliding window. A request is refused when the requests already accepted in the last 10 s,
 * plus this one, would exceed 20/s x 10 s = 200 units. So a burst of 200 is accepted at once,
 * and a sustained rate of 20/s is accepted forever, but nothing above an average of 20/s over
 * any 10 s. Refused requests do not count.
 *
 * How the payload tiers between 1 and 10 KiB are modelled (the docs give only the two ends): a
 * write costs one unit per started KiB of its payload, at least 1 and at most 10. So a 1 KiB
 * payload is limited to 20 writes/s, 2 KiB to 10/s, 5 KiB to 4/s, and 10 KiB and up to 2/s.
 */
export const WINDOW_MS = 10_000;
export const UNITS_PER_WINDOW = 20 * (WINDOW_MS / 1000);
const MAX_WRITE_UNITS = 10;

export type LimitKind = 'read' | 'write' | 'create-object';

/** The cost of a write of `payloadBytes`, in units of the per-object write budget. */
export function writeUnits(payloadBytes: number): number {
  return Math.min(MAX_WRITE_UNITS, Math.max(1, Math.ceil(payloadBytes / 1024)));
}

interface Spent {
  at: number;
  units: number;
}

export interface SyncLimitsOptions {
  /** Off for a test that must exceed Twilio's limits on purpose; on everywhere else. */
  enabled: boolean;
}

/** Every limit, counted per object (or per service for object creation). */
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
