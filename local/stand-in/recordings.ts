import type { Clock } from '../clock';
import type { SimulatedCall, SimulatedRecording } from '../contracts';
import {
  recordedAudioMs,
  recordedChannelCount,
  type RecordingPause,
  type RecordingWindow,
  type SoundSegment,
} from './media';
import { RetryLaterError } from './media-route';
import type { Params } from './openapi';
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

export interface StoredRecording extends SimulatedRecording {
  /** Closed pauses, in order; an open one is `pausedAt` with `pauseBehavior`. */
  pauses: RecordingPause[];
  pausedAt?: number;
  pauseBehavior: RecordingPause['behavior'];
  errorCode?: number;
  processedAt?: number;
  /** When processing ends, on the clock (set at the stop). */
  readyAt?: number;
  /** When it was deleted: from then on only its metadata is left (see soft-deleted-recordings.ts). */
  deletedAt?: number;
}

export type RecordingEvent = 'in-progress' | 'completed' | 'absent';

/** What each call sounded like (the voice engine reports it), for the recordings' audio. */
export interface CallSounds {
  segmentsOf(callSid: string): readonly SoundSegment[];
  /** A recording was deleted: whatever is kept of its audio goes. */
  forget(recordingSid: string): void;
}

/** How the recordings hand work to later on Twilio's side. */
export interface RecordingTimeline {
  /** Runs `work` after `ms` of the clock's time, counted as work still to come for the call. */
  later(callSid: string, ms: number, work: () => void): void;
  /** Simulated milliseconds between a recording's stop and the end of its processing. */
  processingDelayMs(): number;
}

/** Whether a recording is still being made (in progress or paused). */
export const isActive = (recording: SimulatedRecording) => ACTIVE.has(recording.status);

/**
 * The account's call recordings that exist (a deleted one is no longer here), and the rules
 * Twilio applies to them: starting, pausing, resuming, stopping, processing, deleting.
 * Everything a status callback must report goes through `onEvent`.
 */
export class Recordings {
  readonly all = new Map<string, StoredRecording>();

  constructor(
    private readonly clock: Clock,
    private readonly onEvent: (recording: SimulatedRecording, event: RecordingEvent) => void,
    private readonly timeline: RecordingTimeline,
    private readonly sounds: CallSounds,
  ) {}

  of(callSid: string): StoredRecording[] {
    return [...this.all.values()].filter((recording) => recording.callSid === callSid);
  }

  /** Any recording, by its SID. */
  get(sid: string): StoredRecording {
    const recording = this.all.get(sid);
    if (!recording) throw notFound(`Recording ${sid}`);
    return recording;
  }

  /** Starts a recording of `call` (CreateCallRecording), as its form `params` ask. */
  start(call: SimulatedCall, params: Params): StoredRecording {
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
      callSid: call.sid,
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
    this.all.set(recording.sid, recording);
    this.onEvent(recording, 'in-progress');
    return recording;
  }

  /** A recording of `callSid` by its SID, or `Twilio.CURRENT` (the call's one active recording). */
  target(callSid: string, sid: string): StoredRecording {
    if (sid === 'Twilio.CURRENT') {
      const active = this.of(callSid).filter(isActive);
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
    const recording = this.all.get(sid);
    if (!recording || recording.callSid !== callSid) throw notFound(`Recording ${sid}`);
    return recording;
  }

  /** Pauses, resumes or stops a recording (UpdateCallRecording's `Status`). */
  update(recording: StoredRecording, params: Params): StoredRecording {
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
      if (!isActive(recording)) throw invalid();
      this.stop(recording);
    }
    return recording;
  }

  /** Stops every recording of the call still being made (the call has ended). */
  stopActive(callSid: string): void {
    for (const recording of this.of(callSid)) if (isActive(recording)) this.stop(recording);
  }

  /**
   * Deletes a recording: it is no longer among the recordings, its audio is gone, and what is
   * left is its metadata, marked `deletedAt` (DeleteRecording, DeleteCallRecording).
   */
  delete(recording: StoredRecording): StoredRecording & { deletedAt: number } {
    // Assumption [delete-active-recording-refused]: Twilio does not say what deleting a recording
    // still in progress or paused does. Refused, 400 (21220, as for any action the recording's
    // state does not allow), and nothing changes: a recording is stopped before it is deleted,
    // and nothing is lost that the caller did not mean to lose.
    if (isActive(recording))
      throw new TwilioApiError(
        400,
        21220,
        `Recording ${recording.sid} is ${recording.status}: stop it before deleting it`,
      );
    // Assumption [delete-processing-recording-503]: nor what deleting one still being processed
    // (stopped, processing) does. Refused as its media is, 503 (21501) with Retry-After, so
    // that a client waits for the end of processing and deletes the finished recording.
    if (recording.status === 'stopped' || recording.status === 'processing')
      throw this.notReadyYet(recording, 'it cannot be deleted until processing ends');
    this.all.delete(recording.sid);
    this.sounds.forget(recording.sid);
    return Object.assign(recording, { deletedAt: this.clock.now() });
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

  /**
   * What a recording's media is made from. Only a completed recording has a file ("Any Completed
   * status recording can be downloaded"). One still being processed (stopped, processing) has
   * one "momentarily": Twilio's error 21501, "Resource not available", names that case ("Most
   * likely you're fetching a Recording resource that is temporarily performing some
   * post-processing") and tells the client to retry after the `Retry-After` header.
   */
  mediaSource(sid: string): { callSid: string; window: RecordingWindow } {
    const recording = this.get(sid);
    if (recording.status === 'stopped' || recording.status === 'processing')
      throw this.notReadyYet(recording, 'its media is not ready yet');
    // Assumption [recording-media-not-completed-404]: a recording in progress, paused or absent
    // has no file and never will have one as it is (21501 is for post-processing only): 404
    // (20404), as for a recording that does not exist.
    if (recording.status !== 'completed')
      throw notFound(`media of Recording ${sid}, which is ${recording.status}`);
    return { callSid: recording.callSid, window: this.windowOf(recording) };
  }

  /** Error 21501 for a recording still being processed, with the time left as Retry-After. */
  private notReadyYet(recording: StoredRecording, why: string): RetryLaterError {
    const left = Math.max(0, (recording.readyAt ?? this.clock.now()) - this.clock.now());
    // Assumption [recording-media-processing-503]: 21501 comes with HTTP 503, the status
    // Retry-After is defined for when a service cannot answer yet; its page gives no status.
    // Assumption [recording-media-retry-after]: Retry-After is the processing time left on the
    // stand-in's clock in whole seconds, rounded up, at least 1 (the page: "Within a couple
    // seconds should be ample").
    return new RetryLaterError(
      503,
      21501,
      `Resource not available: Recording ${recording.sid} is ${recording.status}; ${why}`,
      Math.max(1, Math.ceil(left / 1000)),
    );
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
}
