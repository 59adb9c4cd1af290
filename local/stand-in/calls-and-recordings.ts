import type { Clock } from '../clock';
import type { CallDirection, CallStatus, SimulatedCall, SimulatedRecording } from '../contracts';
import { callJson, Calls } from './calls';
import type { RecordingWindow } from './media';
import type { Params } from './openapi';
import { accountRecordingJson, callRecordingJson } from './recording-json';
import {
  Recordings,
  type CallSounds,
  type RecordingEvent,
  type RecordingTimeline,
  type StoredRecording,
} from './recordings';
import { SoftDeletedRecordings } from './soft-deleted-recordings';
import { notFound } from './twilio-error';

export type { CallSounds, RecordingEvent, RecordingTimeline, StoredRecording } from './recordings';

/**
 * The voice side of the account, as the REST operations reach it: its calls (calls.ts), the
 * recordings that exist (recordings.ts) and the metadata of deleted ones (soft-deleted-
 * recordings.ts). It ties them together where one acts on the other: a recording belongs to a
 * call, and a call that ends stops its recordings.
 */
export class CallsAndRecordings {
  private readonly allCalls: Calls;
  private readonly live: Recordings;
  private readonly deleted: SoftDeletedRecordings;

  constructor(
    private readonly accountSid: string,
    clock: Clock,
    onEvent: (recording: SimulatedRecording, event: RecordingEvent) => void,
    timeline: RecordingTimeline,
    sounds: CallSounds,
  ) {
    this.allCalls = new Calls(accountSid, clock);
    this.live = new Recordings(clock, onEvent, timeline, sounds);
    this.deleted = new SoftDeletedRecordings(clock);
  }

  /** Every call, by SID. */
  get calls(): ReadonlyMap<string, SimulatedCall> {
    return this.allCalls.all;
  }

  /** Every recording that exists (not deleted), by SID. */
  get recordings(): ReadonlyMap<string, StoredRecording> {
    return this.live.all;
  }

  createCall(call: { from: string; to: string; direction: CallDirection }): SimulatedCall {
    return this.allCalls.create(call);
  }

  answerCall(callSid: string): void {
    this.allCalls.answer(callSid);
  }

  /**
   * Ends the call: `completed` once it was answered; one that never was ends `no-answer`, or as
   * `unanswered` says (a rejected call ends `busy` or `no-answer`). Its recordings stop.
   */
  endCall(
    callSid: string,
    unanswered: Extract<CallStatus, 'busy' | 'no-answer'> = 'no-answer',
  ): void {
    if (this.allCalls.end(callSid, unanswered)) this.live.stopActive(callSid);
  }

  call(callSid: string): SimulatedCall {
    return this.allCalls.get(callSid);
  }

  callJson(call: SimulatedCall): Record<string, unknown> {
    return callJson(call);
  }

  recordingsOf(callSid: string): StoredRecording[] {
    return this.live.of(callSid);
  }

  create(callSid: string, params: Params): StoredRecording {
    return this.live.start(this.call(callSid), params);
  }

  /** Resolves a RE sid or `Twilio.CURRENT` (the call's one active recording). */
  target(callSid: string, sid: string): StoredRecording {
    this.call(callSid);
    return this.live.target(callSid, sid);
  }

  update(callSid: string, sid: string, params: Params): StoredRecording {
    return this.live.update(this.target(callSid, sid), params);
  }

  /**
   * Deletes a recording of the account (DeleteRecording) or, given `callSid`, of that call
   * (DeleteCallRecording). A recording that does not exist, or no longer does, is 20404; one
   * that cannot be deleted yet is refused (see Recordings.delete).
   */
  deleteRecording(sid: string, callSid?: string): void {
    const recording =
      callSid === undefined ? this.live.get(sid) : this.live.target(this.call(callSid).sid, sid);
    this.deleted.keep(this.live.delete(recording));
  }

  /** Any recording of the account by its SID; a deleted one only when `includeSoftDeleted`. */
  recording(sid: string, options: { includeSoftDeleted?: boolean } = {}): StoredRecording {
    const found =
      this.live.all.get(sid) ?? (options.includeSoftDeleted ? this.deleted.find(sid) : undefined);
    if (!found) throw notFound(`Recording ${sid}`);
    return found;
  }

  /** The account's recordings, and the deleted ones' metadata when `includeSoftDeleted`. */
  accountRecordings(options: { includeSoftDeleted?: boolean } = {}): StoredRecording[] {
    const live = [...this.live.all.values()];
    return options.includeSoftDeleted ? [...live, ...this.deleted.all()] : live;
  }

  windowOf(recording: StoredRecording): RecordingWindow {
    return this.live.windowOf(recording);
  }

  /** What a recording's media is made from (see Recordings.mediaSource). */
  mediaSource(sid: string): { callSid: string; window: RecordingWindow } {
    return this.live.mediaSource(sid);
  }

  recordingJson(recording: StoredRecording): Record<string, unknown> {
    return callRecordingJson(this.accountSid, recording);
  }

  accountRecordingJson(recording: StoredRecording): Record<string, unknown> {
    return accountRecordingJson(this.accountSid, recording);
  }
}
