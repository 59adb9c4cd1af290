/**
 * Erasing one call, through the real twilio library doing real HTTP to a strict stand-in and
 * the recording log in its Sync: what is deleted, what is kept, in which order, and what a
 * rerun does after a finished, a failed and an interrupted erasure. Waits (backoffs,
 * Retry-After) pass on the stand-in's clock.
 */
import type { LocalTwilio } from '../../local/stand-in/server';
import { eraseCall } from '../../src/erasure/erase-call';
import type { ErasureServices } from '../../src/erasure/erasure-types';
import type { LogEntry } from '../../src/recording-log/entries';
import { budget, SYSTEM_CLOCK } from '../../src/retry';
import { standInClient, startTestStandIn } from '../support/local-twilio';
import {
  asStandInActor,
  CALLER_SPEECH,
  FEEDBACK_SPEECH,
  loggedCall,
  standInErasureServices,
} from '../support/logged-calls';

let twilio: LocalTwilio;
let services: ErasureServices;
const client = () => standInClient(twilio);

beforeAll(async () => {
  twilio = await startTestStandIn();
  services = standInErasureServices(twilio, SYSTEM_CLOCK);
});
afterEach(() => twilio.clearFaults());
afterAll(() => twilio.close());

/** An erasure run as a client of the stand-in, its waits passing on the stand-in's clock. */
const erase = (callSid: string, apply = true, reason?: string) =>
  asStandInActor(twilio, (clock) =>
    eraseCall(standInErasureServices(twilio, clock), {
      callSid,
      means: 'command',
      apply,
      ...(reason ? { reason } : {}),
    }),
  );

async function entriesOf(callSid: string): Promise<LogEntry[]> {
  const read = await services.log.readEntries(callSid, budget(10_000, 5000));
  if (!read.ok) throw new Error(read.error.message);
  return read.value.map((stored) => stored.entry);
}

async function logOf(callSid: string) {
  const read = await services.log.readCall(callSid, budget(10_000, 5000));
  if (!read.ok) throw new Error(read.error.message);
  return read.value;
}

/** Twilio's status for each recording, deleted ones included. */
async function twilioStatuses(callSid: string): Promise<Record<string, string>> {
  const listed = await client().recordings.list({ callSid, includeSoftDeleted: true });
  return Object.fromEntries(listed.map((recording) => [recording.sid, recording.status]));
}

const exchangesSince = (from: number) =>
  twilio.exchanges.slice(from).map((exchange) => `${exchange.operation} ${exchange.status}`);

describe('a dry run', () => {
  it('lists the recordings by SID and the personal data, and changes nothing', async () => {
    const { callSid, recordingSids } = await loggedCall(twilio, { recordings: 2 });
    const before = twilio.exchanges.length;
    const planned = await erase(callSid, false);
    expect(planned).toMatchObject({ state: 'planned', personalData: { found: 2, removed: 0 } });
    expect(planned.erasure).toBeUndefined();
    expect(planned.recordings).toEqual(
      [...recordingSids].sort().map((recordingSid) => ({
        recordingSid,
        statusBefore: 'completed',
        result: 'to-delete',
      })),
    );
    // Reads only: the call's entries and its recordings.
    expect(exchangesSince(before)).toEqual(['ListSyncMapItem 200', 'ListRecording 200']);
    expect(Object.values(await twilioStatuses(callSid))).toEqual(['completed', 'completed']);
    expect((await entriesOf(callSid)).map((entry) => entry.kind).sort()).toEqual([
      'consent',
      'feedback',
      'status',
      'status',
      'status',
      'status',
    ]);
  });
});

describe('an erasure', () => {
  it('deletes every recording, removes the speech, keeps the consent proof and an erasure entry', async () => {
    const { callSid, recordingSids } = await loggedCall(twilio, { recordings: 2 });
    await twilio.clock.advance(60_000);
    const twilioNow = twilio.clock.now();
    const erased = await erase(callSid, true, 'The caller asked on the phone');

    expect(erased).toMatchObject({
      state: 'done',
      alreadyErased: false,
      personalData: { found: 2, removed: 2 },
      erasure: { means: 'command', reason: 'The caller asked on the phone' },
    });
    // When: Twilio's clock (the Date of its answers, to the second), not the machine's.
    const at = Date.parse(erased.erasure?.at ?? '');
    expect(Math.abs(at - twilioNow)).toBeLessThan(1000);
    expect(Math.abs(Date.now() - twilioNow)).toBeGreaterThan(50_000);
    expect(erased.recordings.map((outcome) => [outcome.recordingSid, outcome.result])).toEqual(
      [...recordingSids].sort().map((sid) => [sid, 'deleted']),
    );

    // Twilio: both deleted (metadata only), no media.
    expect(Object.values(await twilioStatuses(callSid))).toEqual(['deleted', 'deleted']);
    expect(await client().calls(callSid).recordings.list()).toEqual([]);

    // The log: no speech anywhere, the consent decision without the answer, the erasure.
    const stored = JSON.stringify(await entriesOf(callSid));
    expect(stored).not.toContain(FEEDBACK_SPEECH);
    expect(stored).not.toContain(CALLER_SPEECH);
    const log = await logOf(callSid);
    expect(log.feedback).toBeUndefined();
    expect(log.recordings.map((item) => item.feedback)).toEqual([undefined, undefined]);
    expect(log.consent).toEqual({
      mode: 'opt-in',
      decision: 'granted',
      method: 'speech',
      prompt: 'This call may be recorded. Press 1 or say yes to agree.',
      attempts: 1,
      recordingAllowed: true,
      receivedAt: expect.any(String),
      answerErased: true,
    });
    expect(log.erasure).toEqual({
      at: erased.erasure?.at,
      means: 'command',
      reason: 'The caller asked on the phone',
      recordingSids: [...recordingSids].sort(),
      deleted: expect.arrayContaining(
        recordingSids.map((recordingSid) => ({
          recordingSid,
          at: expect.any(String),
          how: 'deleted',
        })),
      ),
      complete: true,
    });
  });

  it('does nothing more when run again, and succeeds', async () => {
    const { callSid } = await loggedCall(twilio);
    const first = await erase(callSid);
    expect(first.state).toBe('done');
    const before = twilio.exchanges.length;
    const second = await erase(callSid, true, 'asked twice');
    expect(second).toMatchObject({
      state: 'done',
      alreadyErased: true,
      recordings: [],
      // The first erasure's entry stands: its time, means and (absent) reason.
      erasure: first.erasure,
    });
    expect(exchangesSince(before)).toEqual(['ListSyncMapItem 200', 'ListRecording 200']);
    // A dry run names the erasure made before, and finds nothing left.
    expect(await erase(callSid, false)).toMatchObject({
      state: 'planned',
      erasure: first.erasure,
      recordings: [],
      personalData: { found: 0 },
    });
  });

  it('touches nothing of a call the log does not know', async () => {
    const call = twilio.createCall({
      from: '+15005550006',
      to: '+15005550001',
      direction: 'inbound',
    });
    twilio.answerCall(call.sid);
    const { sid } = await client().calls(call.sid).recordings.create();
    const before = twilio.exchanges.length;
    expect(await erase(call.sid)).toMatchObject({ state: 'not-logged', recordings: [] });
    // One read of the call's shard (which may not even exist yet), and nothing else.
    expect(exchangesSince(before)).toEqual([expect.stringMatching(/^ListSyncMapItem (200|404)$/)]);
    expect((await client().recordings(sid).fetch()).status).toBe('in-progress');
  });

  it('stops a recording still being made, waits for its processing, then deletes it', async () => {
    const { callSid, recordingSids } = await loggedCall(twilio, {
      recordings: 2,
      stillRecording: true,
    });
    const [finished, active] = recordingSids;
    expect(await twilioStatuses(callSid)).toEqual({
      [finished]: 'completed',
      [active]: 'in-progress',
    });
    const before = twilio.exchanges.length;
    const erased = await erase(callSid);
    expect(erased.state).toBe('done');
    expect(erased.recordings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          recordingSid: active,
          statusBefore: 'in-progress',
          stoppedFirst: true,
          result: 'deleted',
        }),
        expect.objectContaining({
          recordingSid: finished,
          statusBefore: 'completed',
          result: 'deleted',
        }),
      ]),
    );
    const calls = exchangesSince(before);
    // Stopped before any delete of it; while it is processed, Twilio asks for a retry (503,
    // 21501, Retry-After), which comes once that time has passed on Twilio's clock.
    expect(calls).toContain('UpdateCallRecording 200');
    expect(calls).toContain('DeleteRecording 503');
    expect(calls.filter((line) => line === 'DeleteRecording 204')).toHaveLength(2);
    expect(Object.values(await twilioStatuses(callSid))).toEqual(['deleted', 'deleted']);
  });
});

describe('failures and interruptions', () => {
  it('reports a recording it could not delete, and a rerun deletes it', async () => {
    const { callSid, recordingSids } = await loggedCall(twilio, { recordings: 2 });
    const [first, second] = [...recordingSids].sort();
    twilio.injectFault({
      operation: 'DeleteRecording',
      effect: { kind: 'error', status: 400, code: 20001, message: 'Injected refusal' },
    });
    const partial = await erase(callSid);
    expect(partial.state).toBe('incomplete');
    expect(partial.recordings).toEqual([
      expect.objectContaining({
        recordingSid: first,
        result: 'failed',
        failure: expect.objectContaining({ detail: '20001', message: 'Injected refusal' }),
      }),
      expect.objectContaining({ recordingSid: second, result: 'deleted' }),
    ]);
    expect(await twilioStatuses(callSid)).toEqual({ [first]: 'completed', [second]: 'deleted' });
    expect((await logOf(callSid)).erasure?.complete).toBe(false);

    const before = twilio.exchanges.length;
    const rerun = await erase(callSid);
    expect(rerun).toMatchObject({ state: 'done', alreadyErased: false, erasure: partial.erasure });
    expect(rerun.recordings).toEqual([
      expect.objectContaining({ recordingSid: first, result: 'deleted' }),
    ]);
    // One delete, of the one left; no erasure entry written again, nothing else removed.
    expect(exchangesSince(before)).toEqual([
      'ListSyncMapItem 200',
      'ListRecording 200',
      'DeleteRecording 204',
      'CreateSyncMapItem 201',
    ]);
    expect((await logOf(callSid)).erasure?.complete).toBe(true);
  });

  it('retries what Twilio and Sync ask to retry (20429, 54009) inside its budget', async () => {
    const { callSid } = await loggedCall(twilio);
    twilio.injectFault({
      operation: 'DeleteRecording',
      effect: { kind: 'error', status: 429, code: 20429 },
    });
    twilio.injectFault({
      operation: 'CreateSyncMapItem',
      effect: { kind: 'error', status: 429, code: 54009 },
    });
    const before = twilio.exchanges.length;
    expect((await erase(callSid)).state).toBe('done');
    const calls = exchangesSince(before);
    expect(calls).toEqual(expect.arrayContaining(['DeleteRecording 429', 'DeleteRecording 204']));
    expect(calls).toEqual(
      expect.arrayContaining(['CreateSyncMapItem 429', 'CreateSyncMapItem 201']),
    );
  });

  it('finishes an erasure interrupted after its entry, repeating nothing', async () => {
    const { callSid, recordingSids } = await loggedCall(twilio);
    // The speech cannot be removed (a Sync refusal that is not worth retrying): the run stops
    // there for the log, and still deletes the recording.
    const lift = twilio.injectFault({
      operation: 'DeleteSyncMapItem',
      times: Infinity,
      effect: { kind: 'error', status: 400, code: 20001 },
    });
    const first = await erase(callSid);
    expect(first).toMatchObject({ state: 'incomplete', personalData: { found: 2, removed: 0 } });
    expect(first.recordings).toEqual([expect.objectContaining({ result: 'deleted' })]);
    // The log never shows the speech from then on: the erasure entry is there first.
    const meanwhile = await logOf(callSid);
    expect(meanwhile.feedback).toBeUndefined();
    expect(meanwhile.recordings[0].feedback).toBeUndefined();
    expect(meanwhile.consent).toMatchObject({ answerErased: true });
    expect(JSON.stringify(meanwhile)).not.toContain(CALLER_SPEECH);
    lift();

    const before = twilio.exchanges.length;
    const rerun = await erase(callSid, true, 'another reason');
    expect(rerun).toMatchObject({
      state: 'done',
      personalData: { found: 2, removed: 2 },
      erasure: first.erasure,
      recordings: [],
    });
    expect(exchangesSince(before)).toEqual([
      'ListSyncMapItem 200',
      'ListRecording 200',
      'DeleteSyncMapItem 204',
      'DeleteSyncMapItem 204',
    ]);
    expect((await logOf(callSid)).erasure).toMatchObject({
      recordingSids,
      complete: true,
      means: 'command',
    });
  });

  it('records a recording found deleted already (an interrupted run, or by hand) without deleting it again', async () => {
    const { callSid, recordingSids } = await loggedCall(twilio, { recordings: 2 });
    await client().recordings(recordingSids[0]).remove();
    const before = twilio.exchanges.length;
    const erased = await erase(callSid);
    expect(erased.state).toBe('done');
    expect(erased.recordings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          recordingSid: recordingSids[0],
          statusBefore: 'deleted',
          result: 'already-gone',
        }),
        expect.objectContaining({ recordingSid: recordingSids[1], result: 'deleted' }),
      ]),
    );
    expect(exchangesSince(before).filter((line) => line.startsWith('DeleteRecording'))).toEqual([
      'DeleteRecording 204',
    ]);
    expect((await logOf(callSid)).erasure?.deleted).toEqual(
      expect.arrayContaining([
        { recordingSid: recordingSids[0], at: expect.any(String), how: 'already-gone' },
        { recordingSid: recordingSids[1], at: expect.any(String), how: 'deleted' },
      ]),
    );
  });

  it('reports the whole call as incomplete when the log cannot be read, and deletes nothing', async () => {
    const { callSid } = await loggedCall(twilio);
    twilio.injectFault({
      operation: 'ListSyncMapItem',
      times: Infinity,
      effect: { kind: 'error', status: 400, code: 20001 },
    });
    const before = twilio.exchanges.length;
    const erased = await erase(callSid);
    expect(erased).toMatchObject({
      state: 'incomplete',
      failure: { code: 'recording-log-unavailable' },
    });
    expect(exchangesSince(before)).toEqual(['ListSyncMapItem 400']);
  });
});
