/** Walks MPEG audio Layer III frame headers, enough to check an encoder's output. */
export interface Mp3Frames {
  count: number;
  sampleRate: number;
  bitrateKbps: number;
  /** 'mono' | 'stereo' | 'joint stereo' | 'dual channel' */
  mode: string;
  samplesPerFrame: number;
}

const VERSIONS: Record<number, { name: '1' | '2' | '2.5'; rates: number[] }> = {
  0: { name: '2.5', rates: [11025, 12000, 8000] },
  2: { name: '2', rates: [22050, 24000, 16000] },
  3: { name: '1', rates: [44100, 48000, 32000] },
};
const LAYER3_KBPS_V1 = [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320];
const LAYER3_KBPS_V2 = [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160];
const MODES = ['stereo', 'joint stereo', 'dual channel', 'mono'];

/** Throws unless `bytes` is a whole number of consistent Layer III frames, back to back. */
export function readMp3Frames(bytes: Buffer): Mp3Frames {
  let at = 0;
  let first: Omit<Mp3Frames, 'count'> | undefined;
  let count = 0;
  while (at < bytes.length) {
    if (at + 4 > bytes.length) throw new Error(`trailing ${bytes.length - at} bytes`);
    const header = bytes.readUInt32BE(at);
    if (header >>> 21 !== 0x7ff) throw new Error(`no frame sync at byte ${at}`);
    const version = VERSIONS[(header >>> 19) & 3];
    if (!version) throw new Error('reserved MPEG version');
    if (((header >>> 17) & 3) !== 1) throw new Error('not Layer III');
    const bitrateIndex = (header >>> 12) & 15;
    const rateIndex = (header >>> 10) & 3;
    const padding = (header >>> 9) & 1;
    const kbps = (version.name === '1' ? LAYER3_KBPS_V1 : LAYER3_KBPS_V2)[bitrateIndex];
    const sampleRate = version.rates[rateIndex];
    if (!kbps || !sampleRate) throw new Error(`bad bitrate or rate at byte ${at}`);
    const samplesPerFrame = version.name === '1' ? 1152 : 576;
    const frameBytes = Math.floor((samplesPerFrame / 8) * ((kbps * 1000) / sampleRate)) + padding;
    const frame = {
      sampleRate,
      bitrateKbps: kbps,
      mode: MODES[(header >>> 6) & 3],
      samplesPerFrame,
    };
    first ??= frame;
    if (frame.sampleRate !== first.sampleRate || frame.mode !== first.mode) {
      throw new Error(`frame ${count} changes format`);
    }
    count += 1;
    at += frameBytes;
  }
  if (!first) throw new Error('no frames');
  if (at !== bytes.length) throw new Error('last frame is truncated');
  return { count, ...first };
}
