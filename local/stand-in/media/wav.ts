import { BITS_PER_SAMPLE, samplesToMs, WAVE_FORMAT_PCM } from './media-format';
import type { RenderedAudio } from './rendered-audio';

export interface ParsedWav {
  sampleRate: number;
  bitsPerSample: number;
  format: number;
  channels: Int16Array[];
  durationMs: number;
}

const RIFF_HEADER_BYTES = 12;
const CHUNK_HEADER_BYTES = 8;
const FMT_PCM_BYTES = 16;
const BYTES_PER_SAMPLE = BITS_PER_SAMPLE / 8;

/** A canonical 44-byte-header RIFF/WAVE file of 16-bit PCM, channels interleaved. */
export function encodeWav(audio: RenderedAudio): Buffer {
  const channelCount = audio.channels.length;
  if (channelCount < 1) throw new RangeError('audio has no channels');
  const frames = audio.channels[0].length;
  if (audio.channels.some((channel) => channel.length !== frames)) {
    throw new RangeError('channels differ in length');
  }
  const blockAlign = channelCount * BYTES_PER_SAMPLE;
  const dataBytes = frames * blockAlign;
  const headerBytes = RIFF_HEADER_BYTES + 2 * CHUNK_HEADER_BYTES + FMT_PCM_BYTES;
  const buffer = Buffer.alloc(headerBytes + dataBytes);
  buffer.write('RIFF', 0, 'ascii');
  buffer.writeUInt32LE(buffer.length - 8, 4);
  buffer.write('WAVE', 8, 'ascii');
  buffer.write('fmt ', 12, 'ascii');
  buffer.writeUInt32LE(FMT_PCM_BYTES, 16);
  buffer.writeUInt16LE(WAVE_FORMAT_PCM, 20);
  buffer.writeUInt16LE(channelCount, 22);
  buffer.writeUInt32LE(audio.sampleRate, 24);
  buffer.writeUInt32LE(audio.sampleRate * blockAlign, 28);
  buffer.writeUInt16LE(blockAlign, 32);
  buffer.writeUInt16LE(BITS_PER_SAMPLE, 34);
  buffer.write('data', 36, 'ascii');
  buffer.writeUInt32LE(dataBytes, 40);
  const view = new DataView(buffer.buffer, buffer.byteOffset, buffer.length);
  for (let c = 0; c < channelCount; c += 1) {
    const samples = audio.channels[c];
    for (let frame = 0, at = headerBytes + c * BYTES_PER_SAMPLE; frame < frames; frame += 1) {
      view.setInt16(at, samples[frame], true);
      at += blockAlign;
    }
  }
  return buffer;
}

class MalformedWav extends Error {
  constructor(reason: string) {
    super(`malformed WAV: ${reason}`);
    this.name = 'MalformedWav';
  }
}

interface ReadOptions {
  /**
   * A WAV written to a pipe cannot go back to fill in its sizes, so the RIFF and data sizes are
   * placeholders: take the data chunk as running to the end of the bytes.
   */
  streamed: boolean;
}

function readWav(bytes: Buffer, { streamed }: ReadOptions): ParsedWav {
  if (bytes.length < RIFF_HEADER_BYTES) throw new MalformedWav('shorter than a RIFF header');
  if (bytes.toString('ascii', 0, 4) !== 'RIFF') throw new MalformedWav('no RIFF tag');
  if (bytes.toString('ascii', 8, 12) !== 'WAVE') throw new MalformedWav('not a WAVE file');
  const riffSize = bytes.readUInt32LE(4);
  if (!streamed && riffSize !== bytes.length - 8) {
    throw new MalformedWav(`RIFF size ${riffSize} does not match ${bytes.length - 8} bytes`);
  }

  let format: { tag: number; channels: number; rate: number; bits: number } | undefined;
  let at = RIFF_HEADER_BYTES;
  while (at + CHUNK_HEADER_BYTES <= bytes.length) {
    const id = bytes.toString('ascii', at, at + 4);
    const declared = bytes.readUInt32LE(at + 4);
    const body = at + CHUNK_HEADER_BYTES;
    if (id === 'data') {
      if (!format) throw new MalformedWav('data chunk before fmt chunk');
      const available = bytes.length - body;
      if (!streamed && declared > available) throw new MalformedWav('data chunk is truncated');
      return decodePcm(bytes, body, streamed ? available : declared, format, streamed);
    }
    if (declared > bytes.length - body) throw new MalformedWav(`${id} chunk is truncated`);
    if (id === 'fmt ') {
      if (declared < FMT_PCM_BYTES) throw new MalformedWav('fmt chunk too short');
      format = {
        tag: bytes.readUInt16LE(body),
        channels: bytes.readUInt16LE(body + 2),
        rate: bytes.readUInt32LE(body + 4),
        bits: bytes.readUInt16LE(body + 14),
      };
      const blockAlign = bytes.readUInt16LE(body + 12);
      const byteRate = bytes.readUInt32LE(body + 8);
      if (format.tag !== WAVE_FORMAT_PCM) {
        throw new MalformedWav(`format ${format.tag} is not PCM`);
      }
      if (format.bits !== BITS_PER_SAMPLE) {
        throw new MalformedWav(`${format.bits}-bit samples are not supported`);
      }
      if (format.channels < 1) throw new MalformedWav('no channels');
      if (format.rate < 1) throw new MalformedWav('sample rate is zero');
      if (blockAlign !== format.channels * BYTES_PER_SAMPLE) {
        throw new MalformedWav('block align does not match the channel count');
      }
      if (byteRate !== format.rate * blockAlign) {
        throw new MalformedWav('byte rate does not match the sample rate');
      }
    }
    // Chunks are word-aligned: an odd-sized chunk is followed by a pad byte.
    at = body + declared + (declared % 2);
  }
  throw new MalformedWav('no data chunk');
}

function decodePcm(
  bytes: Buffer,
  start: number,
  size: number,
  format: { tag: number; channels: number; rate: number; bits: number },
  streamed: boolean,
): ParsedWav {
  const blockAlign = format.channels * BYTES_PER_SAMPLE;
  if (!streamed && size % blockAlign !== 0) {
    throw new MalformedWav('data size is not a whole number of frames');
  }
  const frames = Math.floor(size / blockAlign);
  const channels = Array.from({ length: format.channels }, () => new Int16Array(frames));
  for (let frame = 0, at = start; frame < frames; frame += 1) {
    for (let c = 0; c < format.channels; c += 1, at += BYTES_PER_SAMPLE) {
      channels[c][frame] = bytes.readInt16LE(at);
    }
  }
  return {
    sampleRate: format.rate,
    bitsPerSample: format.bits,
    format: format.tag,
    channels,
    durationMs: samplesToMs(frames, format.rate),
  };
}

/** Strict: throws on anything but a complete, self-consistent 16-bit PCM WAV. */
export function parseWav(bytes: Buffer): ParsedWav {
  return readWav(bytes, { streamed: false });
}

/** For a WAV written to a pipe (placeholder sizes), e.g. a speech synthesiser's stdout. */
export function parseStreamedWav(bytes: Buffer): ParsedWav {
  return readWav(bytes, { streamed: true });
}
