import { encodeWav, parseWav, renderRecording } from '../../../local/stand-in/media';
import { parseStreamedWav } from '../../../local/stand-in/media/wav';
import { hums, presses, recordingWindow } from './call-fixture';

const dual = renderRecording(
  [hums('inbound', 0, 300), presses('7', 300, 100), hums('outbound', 500, 400)],
  recordingWindow({ endMs: 1000 }),
);
const bytes = encodeWav(dual);

/** A copy of the file with `edit` applied to it. */
function edited(edit: (copy: Buffer) => Buffer | void): Buffer {
  const copy = Buffer.from(bytes);
  return edit(copy) ?? copy;
}

describe('encodeWav', () => {
  it('writes a canonical PCM header', () => {
    expect(bytes.toString('ascii', 0, 4)).toBe('RIFF');
    expect(bytes.readUInt32LE(4)).toBe(bytes.length - 8);
    expect(bytes.toString('ascii', 8, 16)).toBe('WAVEfmt ');
    expect(bytes.readUInt16LE(20)).toBe(1);
    expect(bytes.readUInt16LE(22)).toBe(2);
    expect(bytes.readUInt32LE(24)).toBe(8000);
    expect(bytes.readUInt32LE(28)).toBe(8000 * 4);
    expect(bytes.readUInt16LE(32)).toBe(4);
    expect(bytes.readUInt16LE(34)).toBe(16);
    expect(bytes.toString('ascii', 36, 40)).toBe('data');
    expect(bytes.readUInt32LE(40)).toBe(8000 * 4);
    expect(bytes.length).toBe(44 + 8000 * 4);
  });

  it('reads back to the same samples, channel 1 first', () => {
    const parsed = parseWav(bytes);
    expect(parsed.channels).toEqual(dual.channels);
    expect(parsed.durationMs).toBe(dual.durationMs);
  });

  it('refuses channels of different lengths', () => {
    const uneven = { ...dual, channels: [dual.channels[0], dual.channels[1].subarray(1)] };
    expect(() => encodeWav(uneven)).toThrow(RangeError);
  });
});

describe('parseWav', () => {
  it.each<[string, Buffer]>([
    ['an empty file', Buffer.alloc(0)],
    ['a file cut inside the header', bytes.subarray(0, 30)],
    ['a file cut inside the samples', bytes.subarray(0, bytes.length - 3)],
    ['a file missing its last frame', bytes.subarray(0, bytes.length - 4)],
    ['no RIFF tag', edited((copy) => void copy.write('RIFX', 0, 'ascii'))],
    ['not WAVE', edited((copy) => void copy.write('AVI ', 8, 'ascii'))],
    ['a RIFF size that disagrees', edited((copy) => void copy.writeUInt32LE(12, 4))],
    ['a data size past the end', edited((copy) => void copy.writeUInt32LE(9_999_999, 40))],
    ['a data size of half a frame', edited((copy) => void copy.writeUInt32LE(8000 * 4 - 2, 40))],
    ['a non-PCM format', edited((copy) => void copy.writeUInt16LE(3, 20))],
    ['8-bit samples', edited((copy) => void copy.writeUInt16LE(8, 34))],
    ['an inconsistent block align', edited((copy) => void copy.writeUInt16LE(2, 32))],
    ['a wrong byte rate', edited((copy) => void copy.writeUInt32LE(1234, 28))],
    ['no fmt chunk', edited((copy) => void copy.write('junk', 12, 'ascii'))],
    ['trailing bytes', Buffer.concat([bytes, Buffer.alloc(10)])],
  ])('throws on %s', (_, malformed) => {
    expect(() => parseWav(malformed)).toThrow(/malformed WAV/);
  });

  it('skips chunks it does not know', () => {
    const list = Buffer.alloc(8 + 5);
    list.write('LIST', 0, 'ascii');
    list.writeUInt32LE(5, 4);
    const withList = Buffer.concat([
      bytes.subarray(0, 36),
      list,
      Buffer.alloc(1),
      bytes.subarray(36),
    ]);
    withList.writeUInt32LE(withList.length - 8, 4);
    expect(parseWav(withList).channels).toEqual(dual.channels);
  });
});

describe('parseStreamedWav', () => {
  it('reads a WAV written to a pipe, whose sizes are placeholders', () => {
    const piped = edited((copy) => {
      copy.writeUInt32LE(0x7ffff024, 4);
      copy.writeUInt32LE(0x7ffff000, 40);
    });
    expect(() => parseWav(piped)).toThrow(/malformed WAV/);
    expect(parseStreamedWav(piped).channels).toEqual(dual.channels);
  });
});
