const PCM_FORMAT = 1;

/** One channel of a test tone: its pitch and its peak (0..1 of full scale) along the file. */
export interface ToneChannel {
  frequencyHz: number;
  /** The peak at a point of the file, from 0 (its start) to 1 (its end). */
  amplitude(position: number): number;
}

/**
 * A PCM WAV file (16-bit, interleaved) holding one sine tone per channel: small enough to build
 * in a test, and every browser decodes it.
 */
export function toneWav(options: {
  sampleRate: number;
  seconds: number;
  channels: ToneChannel[];
}): Buffer {
  const { sampleRate, seconds, channels } = options;
  const frames = Math.round(sampleRate * seconds);
  const blockAlign = channels.length * 2;
  const dataBytes = frames * blockAlign;
  const wav = Buffer.alloc(44 + dataBytes);
  wav.write('RIFF', 0, 'ascii');
  wav.writeUInt32LE(36 + dataBytes, 4);
  wav.write('WAVE', 8, 'ascii');
  wav.write('fmt ', 12, 'ascii');
  wav.writeUInt32LE(16, 16);
  wav.writeUInt16LE(PCM_FORMAT, 20);
  wav.writeUInt16LE(channels.length, 22);
  wav.writeUInt32LE(sampleRate, 24);
  wav.writeUInt32LE(sampleRate * blockAlign, 28);
  wav.writeUInt16LE(blockAlign, 32);
  wav.writeUInt16LE(16, 34);
  wav.write('data', 36, 'ascii');
  wav.writeUInt32LE(dataBytes, 40);
  for (let frame = 0; frame < frames; frame++) {
    channels.forEach((channel, index) => {
      const value =
        channel.amplitude(frame / frames) *
        Math.sin((2 * Math.PI * channel.frequencyHz * frame) / sampleRate);
      wav.writeInt16LE(Math.round(value * 32767), 44 + frame * blockAlign + index * 2);
    });
  }
  return wav;
}
