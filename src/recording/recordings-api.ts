import type { Twilio } from 'twilio';
import type { PauseBehavior } from '../twilio/recording-values';
import { toSnapshot, type RecordingSnapshot } from './recording-snapshot';
import type { StartOptions, UpdateStatus } from './toggle-types';

/** The Calls Recordings operations the toggle uses, one REST request each. */
export interface RecordingsApi {
  create(callSid: string, options: StartOptions): Promise<RecordingSnapshot>;
  update(
    callSid: string,
    recording: string,
    status: UpdateStatus,
    pauseBehavior?: PauseBehavior,
  ): Promise<RecordingSnapshot>;
  fetch(callSid: string, recordingSid: string): Promise<RecordingSnapshot>;
  list(callSid: string): Promise<RecordingSnapshot[]>;
}

/** The RecordingsApi backed by twilio-node (which serialises the form body the API expects). */
export function twilioRecordingsApi(client: Twilio): RecordingsApi {
  const recordingsOf = (callSid: string) => client.calls(callSid).recordings;
  return {
    async create(callSid, options) {
      const created = await recordingsOf(callSid).create({
        recordingStatusCallback: options.statusCallback,
        recordingStatusCallbackMethod: options.statusCallbackMethod,
        recordingStatusCallbackEvent: options.statusCallbackEvents,
        recordingChannels: options.channels,
        trim: options.trim,
        recordingTrack: options.track,
      });
      return toSnapshot(created);
    },
    async update(callSid, recording, status, pauseBehavior) {
      const updated = await recordingsOf(callSid)(recording).update(
        status === 'paused' && pauseBehavior ? { status, pauseBehavior } : { status },
      );
      return toSnapshot(updated);
    },
    async fetch(callSid, recordingSid) {
      return toSnapshot(await recordingsOf(callSid)(recordingSid).fetch());
    },
    async list(callSid) {
      const page = await recordingsOf(callSid).page({ pageSize: 20 });
      return page.instances.map(toSnapshot);
    },
  };
}
