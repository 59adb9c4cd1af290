import type { Clock } from '../clock';
import type { CallDirection, CallStatus, SimulatedCall, SimulatedRecording } from '../contracts';
import { dateFilter } from './date-filter';
import type { Params } from './openapi';
import { rfc2822 } from '../../src/twilio/dates';
import {
  durationSeconds,
  recordedAudioMs,
  recordedChannelCount,
  type RecordingPause,
  type RecordingWindow,
  type SoundSegment,
} from './media';
import { RetryLaterError } from './media-route';
import { newSid, notFound, TwilioApiError } from './twilio-error';

/**
 * A recording whose file would be shorter than this is `absent` (error 16101, "too short to be
 * processed") instead of `completed`, and has no media. The file's length is what counts: a
 * skipped pause is not in it, and trim-silence may cut it down, to nothing when nothing was
 * heard.
 * Assumption [absent-under-one-second]: Twilio gives no figure for "too short"; one second.
 */
export const MIN_RECORDING_MS = 1000;
const ACTIVE = new Set(['in-progress', 'paused']);

interface StoredRecording extends SimulatedRecording {
  /** Closed pauses, in order; an open one is `pausedAt` with `pauseBehavior`. */
  pauses: RecordingPause[];
  pausedAt?: number;
  pauseBehavior: RecordingPause['behavior'];
  errorCode?: number;
  processedAt?: number;
  /** When processing ends, on the clock (set at the stop). */
  readyAt?: number;
}

export type RecordingEvent = 'in-progress' | 'completed' | 'absent';

/** What each call sounded like (the voice engine reports it), for the recordings' audio. */
export interface CallSounds {
  segmentsOf(callSid: string): readonly SoundSegment[];
}

/** How the calls and recordings hand work to later on Twilio's side. */
export interface RecordingTimeline {
  /** Runs `work` after `ms` of the clock's time, counted as work still to come for the call. */
  later(callSid: string, ms: number, work: () => void): void;
  /** Simulated milliseconds between a recording's stop and the end of its processing. */
  processingDelayMs(): number;
}

/**
 * The calls and recordings Twilio would hold, and the rules it applies to them. Everything a
 * status callback must report goes through `onEvent`.
 */
export class CallsAndRecordings {
  readonly calls = new Map<string, SimulatedCall>();
  readonly recordings = new Map<string, StoredRecording>();

  constructor(
    private readonly accountSid: string,
    private readonly clock: Clock,
    private readonly onEvent: (recording: SimulatedRecording, event: RecordingEvent) => void,
    private readonly timeline: RecordingTimeline,
    private readonly sounds: CallSounds,
  ) {}

  createCall(call: { from: string; to: string; direction: CallDirection }): SimulatedCall {
    const created: SimulatedCall = {
      sid: newSid('CA'),
      accountSid: this.accountSid,
      ...call,
      status: 'ringing',
      createdAt: this.clock.now(),
    };
    this.calls.set(created.sid, created);
    return created;
  }

  answerCall(callSid: string): void {
    const call = this.call(callSid);
    if (call.status === 'ringing' || call.status === 'queued') {
      call.status = 'in-progress';
      call.answeredAt = this.clock.now();
    }
  }

  /**
   * Ends the call: `completed` once it was answered; one that never was ends `no-answer`, or as
   * `unanswered` says (a rejected call ends `busy` or `no-answer`).
   */
  endCall(
    callSid: string,
    unanswered: Extract<CallStatus, 'busy' | 'no-answer'> = 'no-answer',
  ): void {
    const call = this.calls.get(callSid);
    if (!call || call.endedAt !== undefined) return;
    call.status = call.answeredAt === undefined ? unanswered : 'completed';
    call.endedAt = this.clock.now();
    for (const recording of this.recordingsOf(callSid)) {
      if (ACTIVE.has(recording.status)) this.stop(recording);
    }
  }

  call(callSid: string): SimulatedCall {
    const call = this.calls.get(callSid);
    if (!call) throw notFound(`Call ${callSid}`);
    return call;
  }

  recordingsOf(callSid: string): StoredRecording[] {
    return [...this.recordings.values()].filter((recording) => recording.callSid === callSid);
  }

  create(callSid: string, params: Params): StoredRecording {
    const call = this.call(callSid);
    if (call.status !== 'in-progress') {
      // Assumption [status-400-for-21220-16108]: the error pages of 21220 and 16108 give no HTTP
      // status; 400, Twilio's status for a request it refuses (16108 below too).
      throw new TwilioApiError(400, 21220, 'Call is not in-progress. Cannot start a recording.');
    }
    const events = ([] as string[])
      .concat(params.RecordingStatusCallbackEvent ?? [])
      .flatMap((value) => value.split(/\s+/))
      .filter(Boolean);
    const now = this.clock.now();
    const track = (params.RecordingTrack as StoredRecording['track']) ?? 'both';
    const recording: StoredRecording = {
      sid: newSid('RE'),
      callSid,
      status: 'in-progress',
      // The channels of the file, which is what the resource reports: a single track is always
      // one channel, whatever RecordingChannels asked for (see media/channel-layout.ts).
      channels: recordedChannelCount({
        track,
        channels: params.RecordingChannels === 'dual' ? 2 : 1,
      }),
      track,
      trim: (params.Trim as StoredRecording['trim']) ?? 'do-not-trim',
      source: 'StartCallRecordingAPI',
      statusCallback:
        typeof params.RecordingStatusCallback === 'string'
          ? params.RecordingStatusCallback
          : undefined,
      statusCallbackMethod: params.RecordingStatusCallbackMethod === 'GET' ? 'GET' : 'POST',
      statusCallbackEvents: (events.length > 0
        ? events
        : ['completed']) as StoredRecording['statusCallbackEvents'],
      createdAt: now,
      startedAt: now,
      recordedMs: 0,
      pauses: [],
      pauseBehavior: 'silence',
    };
    this.recordings.set(recording.sid, recording);
    this.onEvent(recording, 'in-progress');
    return recording;
  }

  /** Resolves a RE sid or `Twilio.CURRENT` (the call's one active recording). */
  target(callSid: string, sid: string): StoredRecording {
    this.call(callSid);
    if (sid === 'Twilio.CURRENT') {
      const active = this.recordingsOf(callSid).filter((recording) => ACTIVE.has(recording.status));
      // Assumption [current-none-active-404]: with no active recording, Twilio.CURRENT names no
      // resource: 404 (20404), as for a recording that does not exist.
      if (active.length === 0) throw notFound(`Twilio.CURRENT (no active recording on ${callSid})`);
      if (active.length > 1)
        throw new TwilioApiError(
          400,
          16108,
          'Call has more than one active recording: name the recording to update',
        );
      return active[0];
    }
    const recording = this.recordings.get(sid);
    if (!recording || recording.callSid !== callSid) throw notFound(`Recording ${sid}`);
    return recording;
  }

  update(callSid: string, sid: string, params: Params): StoredRecording {
    const recording = this.target(callSid, sid);
    const status = params.Status;
    // Assumption [update-invalid-state-21220]: acting on a recording that is no longer active,
    // or asking for a transition it cannot make, is error 21220 "invalid state".
    const invalid = () =>
      new TwilioApiError(
        400,
        21220,
        `Recording ${recording.sid} is ${recording.status} and cannot be set to ${status}`,
      );
    const now = this.clock.now();
    if (status === 'paused') {
      if (recording.status !== 'in-progress') throw invalid();
      recording.status = 'paused';
      recording.pausedAt = now;
      recording.pauseBehavior = params.PauseBehavior === 'skip' ? 'skip' : 'silence';
    } else if (status === 'in-progress') {
      if (recording.status !== 'paused') throw invalid();
      this.closePause(recording, now);
      recording.status = 'in-progress';
    } else if (status === 'stopped') {
      if (!ACTIVE.has(recording.status)) throw invalid();
      this.stop(recording);
    }
    return recording;
  }

  private closePause(recording: StoredRecording, now: number): void {
    if (recording.pausedAt === undefined) return;
    recording.pauses.push({
      fromMs: recording.pausedAt,
      toMs: now,
      behavior: recording.pauseBehavior,
    });
    recording.pausedAt = undefined;
  }

  /** The part of the call the recording covers, as the renderer reads it. */
  windowOf(recording: StoredRecording): RecordingWindow {
    return {
      startMs: recording.startedAt,
      endMs: recording.endedAt ?? this.clock.now(),
      pauses: recording.pauses,
      channels: recording.channels,
      track: recording.track,
      trim: recording.trim,
    };
  }

  private stop(recording: StoredRecording): void {
    const now = this.clock.now();
    this.closePause(recording, now);
    recording.endedAt = now;
    recording.status = 'stopped';
    // Twilio documents `stopped` and `processing`, and that `completed` (with its callback) comes
    // once processing has finished.
    // Assumption [stop-answers-stopped]: how long a recording stays `stopped` is undocumented;
    // the stop's own answer says `stopped`, the recording is `processing` from the next turn of
    // the clock, and processing takes the stand-in's processing delay.
    this.timeline.later(recording.callSid, 0, () => {
      if (recording.status === 'stopped') recording.status = 'processing';
    });
    const delay = this.timeline.processingDelayMs();
    recording.readyAt = now + delay;
    this.timeline.later(recording.callSid, delay, () => this.finishProcessing(recording));
  }

  private finishProcessing(recording: StoredRecording): void {
    recording.processedAt = this.clock.now();
    recording.recordedMs = recordedAudioMs(
      this.windowOf(recording),
      this.sounds.segmentsOf(recording.callSid),
    );
    if (recording.recordedMs < MIN_RECORDING_MS) {
      // Assumption [absent-always-16101]: an absent recording is always "too short" (16101),
      // never "silent" (16102): a recording that trims to nothing is too short to be processed.
      recording.status = 'absent';
      recording.errorCode = 16101;
      this.onEvent(recording, 'absent');
    } else {
      recording.status = 'completed';
      this.onEvent(recording, 'completed');
    }
  }

  recordingJson(recording: StoredRecording): Record<string, unknown> {
    // Twilio's examples show duration, price and price_unit null while a recording runs, and a
    // duration (a string) with price_unit once it is completed. Prices are not modelled: the
    // completed example's price is a string where the schema says number, so it stays null.
    const processed = recording.processedAt !== undefined;
    return {
      account_sid: this.accountSid,
      api_version: '2010-04-01',
      call_sid: recording.callSid,
      conference_sid: null,
      date_created: rfc2822(recording.createdAt) ?? null,
      date_updated:
        rfc2822(recording.processedAt ?? recording.endedAt ?? recording.createdAt) ?? null,
      start_time: rfc2822(recording.startedAt) ?? null,
      duration: processed ? String(durationSeconds(recording.recordedMs)) : null,
      sid: recording.sid,
      price: null,
      price_unit: processed ? 'USD' : null,
      status: recording.status,
      channels: recording.channels,
      source: recording.source,
      error_code: recording.errorCode ?? null,
      uri: `/2010-04-01/Accounts/${this.accountSid}/Calls/${recording.callSid}/Recordings/${recording.sid}.json`,
      encryption_details: null,
      track: recording.track,
    };
  }

  /**
   * The same recording as the account's Recordings list and fetch describe it
   * (`api.v2010.account.recording`): no `track`, but its media URL and subresources.
   */
  accountRecordingJson(recording: StoredRecording): Record<string, unknown> {
    const { track: _callOnly, ...common } = this.recordingJson(recording);
    const path = `/2010-04-01/Accounts/${this.accountSid}/Recordings/${recording.sid}`;
    return {
      ...common,
      uri: `${path}.json`,
      subresource_uris: {
        add_on_results: `${path}/AddOnResults.json`,
        transcriptions: `${path}/Transcriptions.json`,
      },
      // Twilio's example writes http://; the media is served (and RecordingUrl given) as https.
      media_url: `https://api.twilio.com${path}`,
    };
  }

  /** Any recording of the account, by its SID. */
  recording(sid: string): StoredRecording {
    const recording = this.recordings.get(sid);
    if (!recording) throw notFound(`Recording ${sid}`);
    return recording;
  }

  /**
   * What a recording's media is made from. Only a completed recording has a file ("Any Completed
   * status recording can be downloaded"). One still being processed (stopped, processing) has
   * one "momentarily": Twilio's error 21501, "Resource not available", names that case ("Most
   * likely you're fetching a Recording resource that is temporarily performing some
   * post-processing") and tells the client to retry after the `Retry-After` header.
   */
  mediaSource(sid: string): { callSid: string; window: RecordingWindow } {
    const recording = this.recording(sid);
    if (recording.status === 'stopped' || recording.status === 'processing') {
      const left = Math.max(0, (recording.readyAt ?? this.clock.now()) - this.clock.now());
      // Assumption [recording-media-processing-503]: 21501 comes with HTTP 503, the status
      // Retry-After is defined for when a service cannot answer yet; its page gives no status.
      // Assumption [recording-media-retry-after]: Retry-After is the processing time left on the
      // stand-in's clock in whole seconds, rounded up, at least 1 (the page: "Within a couple
      // seconds should be ample").
      throw new RetryLaterError(
        503,
        21501,
        `Resource not available: Recording ${sid} is ${recording.status}; its media is not ready yet`,
        Math.max(1, Math.ceil(left / 1000)),
      );
    }
    // Assumption [recording-media-not-completed-404]: a recording in progress, paused or absent
    // has no file and never will have one as it is (21501 is for post-processing only): 404
    // (20404), as for a recording that does not exist.
    if (recording.status !== 'completed')
      throw notFound(`media of Recording ${sid}, which is ${recording.status}`);
    return { callSid: recording.callSid, window: this.windowOf(recording) };
  }

  callJson(call: SimulatedCall): Record<string, unknown> {
    return {
      sid: call.sid,
      account_sid: call.accountSid,
      api_version: '2010-04-01',
      date_created: rfc2822(call.createdAt) ?? null,
      date_updated: rfc2822(call.endedAt ?? call.answeredAt ?? call.createdAt) ?? null,
      from: call.from,
      to: call.to,
      direction: call.direction,
      status: call.status,
      start_time: rfc2822(call.answeredAt) ?? null,
      end_time: rfc2822(call.endedAt) ?? null,
      // Assumption [call-duration-nearest-second]: a call's duration, "the length of the call in
      // seconds", is rounded to the nearest second, as a recording's is.
      duration:
        call.endedAt !== undefined && call.answeredAt !== undefined
          ? String(Math.round((call.endedAt - call.answeredAt) / 1000))
          : null,
      uri: `/2010-04-01/Accounts/${call.accountSid}/Calls/${call.sid}.json`,
    };
  }
}

/**
 * Whether a call passes ListCall's date filters: `StartTime`, `StartTime<`, `StartTime>` on
 * when it started (was answered: a call never answered has no start_time and passes none) and
 * `EndTime`, `EndTime<`, `EndTime>` on when it ended, read as date-filter.ts reads every list's
 * dates.
 */
export function startsWithin(call: SimulatedCall, query: Params): boolean {
  return (
    dateFilter(query, 'StartTime')(call.answeredAt) && dateFilter(query, 'EndTime')(call.endedAt)
  );
}
