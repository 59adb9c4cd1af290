import { loadLame } from './lame';
import type { RenderedAudio } from './rendered-audio';

/**
 * Twilio serves a recording as MP3 when `.mp3` is appended to its media URL ("a binary MP3 audio
 * file" with MIME type `audio/mpeg`, https://www.twilio.com/docs/voice/api/recording).
 * Assumption [mp3-32kbps]: the bitrate and channel mode are undocumented; 32 kbps constant
 * bitrate at the recording's own 8 kHz (MPEG 2.5 Layer III, 576 samples = 72 ms per frame), mono stays mono and dual becomes
 * a two-channel MP3. The encoder fixes the two-channel mode to plain stereo (it exposes no joint
 * stereo setting); for two independent parties, left/right coding is what joint stereo would
 * pick for most frames anyway. The file has no ID3 tag and no VBR header.
 */
export const MP3_BITRATE_KBPS = 32;

/** Whole frames per call to the encoder: large batches are much faster than small ones. */
const BATCH_SAMPLES = 1152 * 64;

export function encodeMp3(audio: RenderedAudio): Buffer {
  const channelCount = audio.channels.length;
  if (channelCount !== 1 && channelCount !== 2) {
    throw new RangeError('MP3 holds one or two channels');
  }
  const [left, right] = audio.channels;
  if (right && right.length !== left.length) throw new RangeError('channels differ in length');
  const { Mp3Encoder } = loadLame();
  const encoder = new Mp3Encoder(channelCount, audio.sampleRate, MP3_BITRATE_KBPS);
  const parts: Buffer[] = [];
  const keep = (bytes: Uint8Array) => {
    if (bytes.length > 0) parts.push(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length));
  };
  for (let at = 0; at < left.length; at += BATCH_SAMPLES) {
    const end = Math.min(left.length, at + BATCH_SAMPLES);
    keep(
      right
        ? encoder.encodeBuffer(left.subarray(at, end), right.subarray(at, end))
        : encoder.encodeBuffer(left.subarray(at, end)),
    );
  }
  keep(encoder.flush());
  return Buffer.concat(parts);
}
