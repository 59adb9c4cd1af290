import { RecordingInstance } from 'twilio/lib/rest/api/v2010/account/call/recording';
import { SimulatedClock } from '../../local/clock';
import { CallsAndRecordings } from '../../local/stand-in/calls-and-recordings';
import { DEFAULT_PROCESSING_DELAY_MS } from '../../local/stand-in/server';
import type { Params } from '../../local/stand-in/openapi';
import { toSnapshot, type RecordingSnapshot } from '../../src/recording/recording-snapshot';
import type { RecordingsApi } from '../../src/recording/recordings-api';
import type { StartOptions, UpdateStatus } from '../../src/recording/toggle-types';
import type { PauseBehavior } from '../../src/twilio/recording-values';
import { TEST_ACCOUNT_SID } from './fixtures';

type Operation = 'create' | 'update' | 'fetch' | 'list';

/** What a scripted fault does to one request: the API refuses, or the answer never arrives. */
export type FakeFault =
  | { kind: 'refuse'; status: number; code?: number } // nothing applied, Twilio's error answer
  | { kind: 'network'; code: string } // nothing applied, a network error (ECONNREFUSED, ...)
  | { kind: 'lost-answer' }; // applied, then the answer is lost (reads as a reset)

/**
 * The Recordings API in memory, for unit tests of the toggle's retry policy. One answered call
 * and its recordings are kept by the stand-in's own CallsAndRecordings, so every request meets
 * the rules the local Twilio applies (Twilio.CURRENT, which status may follow which, the errors,
 * processing after a stop); any request can fail as scripted; and time is virtual: `clock` (a
 * SimulatedClock from 0) moves only by each request's latency and what the test lets pass.
 */
export class FakeRecordingsApi implements RecordingsApi {
  readonly clock = new SimulatedClock(0);
  /** The operations asked for, in order, failed ones included. */
  readonly requests: Operation[] = [];
  readonly callSid: string;
  private readonly state: CallsAndRecordings;
  private readonly faults: Array<{ operation: Operation; fault: FakeFault; left: number }> = [];

  /** `latencyMs`: the time each answer takes to come back, after the request is applied. */
  constructor(private readonly latencyMs: number) {
    this.state = new CallsAndRecordings(
      TEST_ACCOUNT_SID,
      this.clock,
      () => undefined,
      {
        later: (_callSid, ms, work) => this.clock.schedule(ms, work),
        processingDelayMs: () => DEFAULT_PROCESSING_DELAY_MS,
      },
      { segmentsOf: () => [], forget: () => undefined },
    );
    const call = this.state.createCall({
      from: '+15005550006',
      to: '+15005550001',
      direction: 'inbound',
    });
    this.state.answerCall(call.sid);
    this.callSid = call.sid;
  }

  /** The call's recordings as the API would describe them now, oldest first. */
  get recordings(): RecordingSnapshot[] {
    return this.state.recordingsOf(this.callSid).map((recording) => this.snapshot(recording));
  }

  /** The next `times` requests of `operation` (Infinity: all of them) fail with `fault`. */
  failNext(operation: Operation, fault: FakeFault, times = 1): this {
    this.faults.push({ operation, fault, left: times });
    return this;
  }

  /** A recording already on the call, started (and paused) before the test's request. */
  withRecording(status: 'in-progress' | 'paused'): RecordingSnapshot {
    const recording = this.state.create(this.callSid, { RecordingChannels: 'dual' });
    if (status === 'paused') this.state.update(this.callSid, recording.sid, { Status: 'paused' });
    return this.snapshot(recording);
  }

  /** The caller hangs up: the call ends, and with it every active recording. */
  hangUp(): void {
    this.state.endCall(this.callSid);
  }

  async create(callSid: string, options: StartOptions): Promise<RecordingSnapshot> {
    // The form fields twilio-node sends for these options (see twilioRecordingsApi).
    const params: Params = {
      RecordingStatusCallback: options.statusCallback,
      RecordingStatusCallbackMethod: options.statusCallbackMethod,
      RecordingStatusCallbackEvent: options.statusCallbackEvents,
      RecordingChannels: options.channels,
      Trim: options.trim,
      RecordingTrack: options.track,
    };
    return this.handle('create', () => this.snapshot(this.state.create(callSid, params)));
  }

  async update(
    callSid: string,
    sid: string,
    status: UpdateStatus,
    pauseBehavior?: PauseBehavior,
  ): Promise<RecordingSnapshot> {
    const params: Params = { Status: status };
    if (status === 'paused' && pauseBehavior) params.PauseBehavior = pauseBehavior;
    return this.handle('update', () => this.snapshot(this.state.update(callSid, sid, params)));
  }

  async fetch(callSid: string, sid: string): Promise<RecordingSnapshot> {
    return this.handle('fetch', () => this.snapshot(this.state.target(callSid, sid)));
  }

  async list(callSid: string): Promise<RecordingSnapshot[]> {
    return this.handle('list', () => {
      this.state.call(callSid);
      // Newest first, as the stand-in's ListCallRecording answers.
      return this.state
        .recordingsOf(callSid)
        .sort((a, b) => b.createdAt - a.createdAt)
        .map((recording) => this.snapshot(recording));
    });
  }

  /**
   * One request: a scripted refusal or network error is thrown without applying anything; else
   * the request is applied at once (an error the rules raise is the API's answer), and its
   * answer, or the error, or a lost answer's reset, arrives `latencyMs` later.
   */
  private async handle<T>(operation: Operation, apply: () => T): Promise<T> {
    this.requests.push(operation);
    const scripted = this.faults.find((entry) => entry.operation === operation && entry.left > 0);
    if (scripted) scripted.left -= 1;
    const fault = scripted?.fault;
    let outcome: { value: T } | { error: unknown };
    if (fault?.kind === 'refuse') {
      outcome = {
        error: Object.assign(new Error(`refused with ${fault.status}`), {
          status: fault.status,
          code: fault.code,
        }),
      };
    } else if (fault?.kind === 'network') {
      outcome = { error: Object.assign(new Error(fault.code), { code: fault.code }) };
    } else {
      try {
        outcome = { value: apply() };
      } catch (error) {
        outcome = { error };
      }
      if (fault?.kind === 'lost-answer') {
        outcome = { error: Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }) };
      }
    }
    await this.clock.advance(this.latencyMs);
    if ('error' in outcome) throw outcome.error;
    return outcome.value;
  }

  /** A recording as twilio-node reads the stand-in's JSON of it, then as the widget exposes it. */
  private snapshot(
    recording: Parameters<CallsAndRecordings['recordingJson']>[0],
  ): RecordingSnapshot {
    type Arguments = ConstructorParameters<typeof RecordingInstance>;
    const payload = this.state.recordingJson(recording) as unknown as Arguments[1];
    // The version is only used by the instance's own requests, which are never made here.
    const version = undefined as unknown as Arguments[0];
    return toSnapshot(new RecordingInstance(version, payload, TEST_ACCOUNT_SID, recording.callSid));
  }
}
