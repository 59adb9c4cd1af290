import type { RecordingWindow, Track } from './timeline';

/**
 * Which tracks each channel of the file holds, channel 1 first.
 *
 * RecordingTrack, documented (https://www.twilio.com/docs/voice/tutorials/how-record-single-side-call):
 * "When inbound or outbound audio track is recorded, the resulting recording file will always be
 * mono-channel. When audio is recorded using both, you can choose either separate channel (dual)
 * or mixed (mono)." So a single track with RecordingChannels=dual still gives a one-channel file:
 * there is no second channel to fill, and the other party is simply not in the file.
 *
 * Channel order for dual, documented only indirectly. The API description says, for calls it
 * records with two legs: "The first channel of a dual-channel recording contains the parent call
 * and the second channel contains the child call." (twilio-oai, CreateCall RecordingChannels).
 * For the case this project has (an inbound call recorded through the Recordings REST API, as
 * Studio's Call Recording widget does), Twilio's Flex guide to recording the caller's leg says:
 * "With dual-channel recording, the left channel is the customer channel, and the right channel
 * is the agent channel." (https://www.twilio.com/docs/flex/developer/insights/enable-dual-channel-recordings).
 * Left is channel 1 in a WAV file. The module therefore puts the caller (inbound: the audio
 * Twilio receives on the recorded call) on channel 1 and what the flow plays (outbound: Say,
 * Play) on channel 2. Twilio does not state this for a single-leg call with no agent in so many
 * words; if a real recording shows the opposite, swap the two entries below.
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
