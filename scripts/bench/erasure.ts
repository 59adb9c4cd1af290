import { startTwilioStandIn, type LocalTwilio } from '../../local/stand-in/server';
import type { Clock } from '../../local/clock';
import { budgetClockOn } from '../../local/functions-clock';
import { readSettings, type Settings } from '../../src/config/settings';
import { eraseCall } from '../../src/erasure/erase-call';
import { erasureServices } from '../../src/erasure/erasure-services';
import type { CallErasure } from '../../src/erasure/erasure-types';
import { findDueCalls } from '../../src/erasure/retention';
import {
  consentEntry,
  feedbackEntry,
  statusEntry,
  type LogEntry,
} from '../../src/recording-log/entries';
import { scanLog } from '../../src/recording-log/log-scan';
import { openLog } from '../../src/recording-log/sharded-log';
import { budget, type BudgetClock } from '../../src/retry';
import { createRestClient } from '../../src/twilio/rest-client';
import { WINDOW_MS } from '../../local/stand-in/sync-limits';
import { round } from './stats';

export interface ErasureBenchOptions {
  calls: number;
  recordingsPerCall: number;
  /** Calls erased at the same time, each worker one of the stand-in's actors. */
  workers: number;
}

export interface ErasureBenchResult {
  calls: number;
  recordings: number;
  workers: number;
  /** The erasure's length on the stand-in's clock, and in real time. */
  simulatedSeconds: number;
  realSeconds: number;
  requests: { total: number; rest: number; sync: number; perRecording: number; perCall: number };
  refused: { concurrency20429: number; sync54009: number; processing21501: number };
  /** What is left afterwards: all zero but the entries, which match the calls and recordings. */
  left: {
    recordings: number;
    speechEntries: number;
    erasureEntries: number;
    recordingDeletedEntries: number;
    incompleteCalls: number;
  };
  seeding: { realSeconds: number };
}

const WAIT_MS = 600_000;

/**
 * Erases `calls` calls of `recordingsPerCall` recordings each on the stand-in, with Sync's
 * limits and the account's concurrency limit on, as `npm run retention -- --days 0 --apply`
 * does: the whole log and the Recordings list read first, then the calls erased, `workers` at a
 * time. Every worker is an actor of the stand-in's clock, so time stands still while it sends
 * and moves while it waits (a backoff, a Retry-After): the simulated seconds are what the same
 * requests would take against Twilio's limits, and they grow by themselves once requests take
 * simulated time. Then what is left is counted.
 */
export async function runErasureBench(options: ErasureBenchOptions): Promise<ErasureBenchResult> {
  const twilio = await startTwilioStandIn({ strict: false });
  try {
    const settings = readSettings({
      ACCOUNT_SID: twilio.accountSid,
      AUTH_TOKEN: twilio.authToken,
      TWILIO_API_BASE_URL: twilio.url,
      REST_TIMEOUT_MS: '9000',
    });
    const seedingStarted = Date.now();
    await seedCalls(twilio, settings, options);
    const seedingSeconds = (Date.now() - seedingStarted) / 1000;
    // Sync's burst window passes, so the erasure starts with the seeding's writes forgotten.
    await twilio.clock.advance(WINDOW_MS);
    const seeded = twilio.exchanges.length;
    const refusedBefore = twilio.sync.limits.refused;

    const started = Date.now();
    const startedAt = twilio.clock.now();
    const reports = await erase(twilio, settings, options.workers);
    const simulatedSeconds = (twilio.clock.now() - startedAt) / 1000;
    const realSeconds = (Date.now() - started) / 1000;
    const exchanges = twilio.exchanges.slice(seeded);
    const code = (wanted: number) =>
      exchanges.filter((one) => (one.response as { code?: number } | undefined)?.code === wanted)
        .length;
    const recordings = options.calls * options.recordingsPerCall;
    const sync = exchanges.filter((one) => one.product === 'sync').length;
    return {
      calls: options.calls,
      recordings,
      workers: options.workers,
      simulatedSeconds: round(simulatedSeconds, 1),
      realSeconds: round(realSeconds, 1),
      requests: {
        total: exchanges.length,
        rest: exchanges.length - sync,
        sync,
        perRecording: round(exchanges.length / recordings, 2),
        perCall: round(exchanges.length / options.calls, 2),
      },
      refused: {
        concurrency20429: code(20429),
        sync54009: twilio.sync.limits.refused - refusedBefore,
        processing21501: code(21501),
      },
      left: await leftBehind(twilio, settings, reports),
      seeding: { realSeconds: round(seedingSeconds, 1) },
    };
  } finally {
    await twilio.close();
  }
}

/** A clock for one actor: its waits are the actor's sleeps. */
function actorClock(clock: Clock): { clock: BudgetClock; done(): void } {
  const actor = clock.actor();
  return {
    clock: budgetClockOn(clock, (ms) => actor.sleep(ms)),
    done: () => actor.done(),
  };
}

/** Runs `work` for each item, `workers` at a time, each worker one actor of `clock`. */
async function withActors<T>(
  clock: Clock,
  items: readonly T[],
  workers: number,
  work: (item: T, actor: BudgetClock) => Promise<void>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: workers }, async () => {
      const actor = actorClock(clock);
      try {
        while (next < items.length) {
          const item = items[next];
          next += 1;
          await work(item, actor.clock);
        }
      } finally {
        actor.done();
      }
    }),
  );
}

/** The erasure: retention's reading first (one actor), then every due call, `workers` at once. */
async function erase(
  twilio: LocalTwilio,
  settings: Settings,
  workers: number,
): Promise<CallErasure[]> {
  const reader = actorClock(twilio.clock);
  const client = need(createRestClient(settings.twilio));
  const found = await findDueCalls(client, settings.log, 0, () =>
    budget(WAIT_MS, settings.twilio.restTimeoutMs, { clock: reader.clock }),
  ).finally(() => reader.done());
  if (!found.ok) throw new Error(`retention could not read: ${found.error.message}`);
  const reports: CallErasure[] = [];
  await withActors(twilio.clock, found.value.due, workers, async (call, clock) => {
    const services = need(erasureServices(settings, { budgetMs: WAIT_MS, clock }));
    reports.push(
      await eraseCall(services, {
        callSid: call.callSid,
        means: 'retention',
        reason: 'benchmark',
        apply: true,
      }),
    );
  });
  return reports;
}

/**
 * The calls to erase, as the flow leaves them: each answered, its recordings made through the
 * REST API and finished (completed), and in the log its consent with the caller's answer, each
 * recording's in-progress and completed events and the caller's feedback.
 */
async function seedCalls(
  twilio: LocalTwilio,
  settings: Settings,
  options: ErasureBenchOptions,
): Promise<void> {
  const client = need(createRestClient(settings.twilio));
  const log = openLog(client, settings.log);
  const calls = Array.from({ length: options.calls }, () => {
    const call = twilio.createCall({
      from: '+15005550006',
      to: '+15005550001',
      direction: 'inbound',
    });
    twilio.answerCall(call.sid);
    return call.sid;
  });
  const recordings = new Map<string, string[]>();
  await withActors(twilio.clock, calls, 50, async (callSid, clock) => {
    const made: string[] = [];
    for (let index = 0; index < options.recordingsPerCall; index += 1) {
      const within = budget(WAIT_MS, settings.twilio.restTimeoutMs, { clock });
      const created = await sendUntilDone(within, () =>
        client.calls(callSid).recordings.create({ recordingChannels: 'dual' }),
      );
      made.push(created.sid);
    }
    recordings.set(callSid, made);
  });
  // Long enough to be kept (not absent), then the calls end and their recordings are processed.
  await twilio.clock.advance(3000);
  for (const callSid of calls) twilio.endCall(callSid);
  await twilio.settle();
  await withActors(twilio.clock, calls, 50, async (callSid, clock) => {
    for (const entry of callEntries(callSid, recordings.get(callSid) ?? [])) {
      const stored = await log.append(entry, budget(WAIT_MS, 9000, { clock }));
      if (!stored.ok) throw new Error(`seeding the log failed: ${stored.error.message}`);
    }
  });
}

function callEntries(callSid: string, recordingSids: readonly string[]): LogEntry[] {
  const now = new Date().toISOString();
  return [
    consentEntry(
      {
        callSid,
        mode: 'opt-in',
        decision: 'granted',
        method: 'speech',
        speech: 'yes that is fine',
        confidence: 0.9,
        prompt: 'This call may be recorded. Press 1 or say yes to agree.',
        attempts: 1,
        recordingAllowed: true,
      },
      now,
    ),
    ...recordingSids.flatMap((recordingSid) => [
      statusEntry({ callSid, recordingSid, status: 'in-progress' }, now),
      statusEntry({ callSid, recordingSid, status: 'completed', durationSeconds: 3 }, now),
    ]),
    feedbackEntry(
      { callSid, recordingSid: recordingSids[0], speechResult: `Caller of ${callSid} was happy` },
      now,
    ),
  ];
}

/** A seeding request, sent again while the account's limit refuses it (20429). */
async function sendUntilDone<T>(
  within: ReturnType<typeof budget>,
  request: () => Promise<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await request();
    } catch (error) {
      if ((error as { status?: unknown }).status !== 429 || attempt > 50) throw error;
      await within.sleep(100 * attempt);
    }
  }
}

/** What the erasure left behind: recordings on Twilio, speech and erasures in the log. */
async function leftBehind(
  twilio: LocalTwilio,
  settings: Settings,
  reports: readonly CallErasure[],
): Promise<ErasureBenchResult['left']> {
  const client = need(createRestClient(settings.twilio));
  const left = {
    recordings: twilio.recordings().length,
    speechEntries: 0,
    erasureEntries: 0,
    recordingDeletedEntries: 0,
    incompleteCalls: reports.filter((report) => report.state !== 'done').length,
  };
  const reader = actorClock(twilio.clock);
  const scanned = await scanLog(
    client,
    settings.log,
    () => budget(WAIT_MS, 9000, { clock: reader.clock }),
    (entries) => {
      for (const { entry } of entries) {
        if (entry.kind === 'feedback' || (entry.kind === 'consent' && entry.speech !== undefined))
          left.speechEntries += 1;
        if (entry.kind === 'erasure') left.erasureEntries += 1;
        if (entry.kind === 'recording-deleted') left.recordingDeletedEntries += 1;
      }
    },
  ).finally(() => reader.done());
  if (!scanned.ok) throw new Error(`the log could not be read back: ${scanned.error.message}`);
  return left;
}

function need<T>(made: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!made.ok) throw new Error(made.error.message);
  return made.value;
}
