import type { RecordingWindow, Track } from './timeline';

/**
 * Which tracks each channel of the file holds, channel 1 first.
 *
 * RecordingTrack, documented (https://www.twilio.com/docs/voice/tutorials/how-record-single-side-call):
 * "When inbound or outbound audio track is recorded, the resulting recording file will always be
 * mono-channel." So a single track with RecordingChannels=dual still gives a one-channel file:
 * there is no second channel to fill, and the other party is simply not in the file.
 *
 * Channel order for dual, documented only indirectly. For calls it records with two legs the API
 * description says: "The first channel of a dual-channel recording contains the parent call and
 * the second channel contains the child call." (twilio-oai, CreateCall RecordingChannels). For
 * the case this project has (an inbound call recorded through the Recordings REST API, as
 * Studio's Call Recording widget does), Twilio's Flex guide to dual-channel recordings of the
 * customer's call says it produces "two distinct channels: 1. The Customer channel (the left
 * speaker when played with stereo speakers). 2. The Agent channel (the right speaker ...) for
 * the rest of the conversation participants."
 * (https://www.twilio.com/docs/flex/developer/insights/enable-dual-channel-recordings). So the
 * caller (inbound: the audio Twilio receives on the recorded call) is channel 1, left, and
 * everything else, here what the flow plays (outbound: Say, Play), channel 2.
 * Assumption [dual-channel-caller-first]: Twilio does not say this in so many words for a
 * single-leg call with no agent; if a real recording shows the opposite, swap the two entries.
 */
export type ChannelLayout = Track[][];

const CALLER_FIRST: ChannelLayout = [['inbound'], ['outbound']];
const MIXED: ChannelLayout = [['inbound', 'outbound']];

export function channelLayout(window: Pick<RecordingWindow, 'track' | 'channels'>): ChannelLayout {
  if (window.track !== 'both') return [[window.track]];
  return window.channels === 2 ? CALLER_FIRST : MIXED;
}

/** The channel count the file (and so the Recording resource's `channels`) ends up with. */
export function recordedChannelCount(window: Pick<RecordingWindow, 'track' | 'channels'>): 1 | 2 {
  return channelLayout(window).length === 2 ? 2 : 1;
}
