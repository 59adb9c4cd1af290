/** Recording media for the stand-in: render a call's recording, encode it as Twilio serves it. */
export {
  assertValidSegment,
  type RecordingPause,
  type RecordingWindow,
  type SoundSegment,
  type Track,
} from './timeline';
export { renderRecording } from './render';
export type { RenderedAudio } from './rendered-audio';
export { durationSeconds, recordedAudioMs, recordingDurationSeconds } from './recording-duration';
export { recordedChannelCount } from './channel-layout';
export { encodeWav, parseWav, type ParsedWav } from './wav';
export { encodeMp3, MP3_BITRATE_KBPS } from './mp3';
export { MEDIA_TYPES } from './media-format';
