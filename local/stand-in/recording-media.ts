import {
  assertValidSegment,
  encodeMp3,
  encodeWav,
  renderRecording,
  type RecordingWindow,
  type RenderedAudio,
  type SoundSegment,
} from './media';
import type { SpeechVoice } from './media/segment-sound';

/**
 * What recordings' audio the stand-in keeps for repeated downloads, by bytes held: rendered
 * samples and encoded files alike. A render always gives the same samples and an encoding the
 * same bytes, so this only spares the work; 32 MB holds a few long calls or dozens of short ones,
 * while a soak's hundreds of recordings cost nothing until downloaded.
 */
const CACHE_BYTES = 32 * 1024 * 1024;

/** The formats a recording is served in. */
export type MediaFormat = 'wav' | 'mp3';

/** How a rendered recording becomes a file (replaceable, so a test can count the work). */
export type MediaEncoders = Record<MediaFormat, (audio: RenderedAudio) => Buffer>;

const ENCODERS: MediaEncoders = { wav: encodeWav, mp3: encodeMp3 };

type Cached = { kind: 'audio'; audio: RenderedAudio } | { kind: 'file'; file: Buffer };

const sizeOf = (entry: Cached) =>
  entry.kind === 'file'
    ? entry.file.byteLength
    : entry.audio.channels.reduce((sum, channel) => sum + channel.byteLength, 0);

/**
 * What each call sounded like, as the voice engine reports it, and the files of its recordings.
 *
 * Segments are kept for the stand-in's lifetime: a few small objects per call. Audio is rendered
 * lazily, on a recording's first download, and encoded once per format: MP3 encoding is
 * synchronous and slow (seconds for a long call) and, under `npm start`, holds up everything
 * else, so each encoded file is kept too. Rendered audio and files share one cache, bounded by
 * bytes, least recently used first out. Processing a recording only needs its length, which the
 * plan gives without making a sound.
 */
export class RecordingMedia {
  private readonly sounds = new Map<string, SoundSegment[]>();
  private readonly cache = new Map<string, Cached>();
  private cachedBytes = 0;

  constructor(
    private readonly voice: () => SpeechVoice,
    private readonly encoders: MediaEncoders = ENCODERS,
    private readonly cacheBytes = CACHE_BYTES,
  ) {}

  /** One sound on a call, in the clock's ms; a malformed one is a bug in the reporter. */
  heard(callSid: string, segment: SoundSegment): void {
    assertValidSegment(segment);
    const sounds = this.sounds.get(callSid) ?? [];
    sounds.push({ ...segment });
    this.sounds.set(callSid, sounds);
  }

  segmentsOf(callSid: string): readonly SoundSegment[] {
    return this.sounds.get(callSid) ?? [];
  }

  /** The audio of one recording of `callSid`, from the cache when it is there. */
  audio(recordingSid: string, callSid: string, window: RecordingWindow): RenderedAudio {
    const key = `${recordingSid} ${window.channels} ${this.voice()}`;
    const cached = this.take(key);
    if (cached?.kind === 'audio') return cached.audio;
    const audio = renderRecording(this.segmentsOf(callSid), window, { speech: this.voice() });
    this.keep(key, { kind: 'audio', audio });
    return audio;
  }

  /** One recording's file in one format, encoded once and then served from the cache. */
  file(
    recordingSid: string,
    callSid: string,
    window: RecordingWindow,
    format: MediaFormat,
  ): Buffer {
    const key = `${recordingSid} ${window.channels} ${this.voice()} ${format}`;
    const cached = this.take(key);
    if (cached?.kind === 'file') return cached.file;
    const file = this.encoders[format](this.audio(recordingSid, callSid, window));
    this.keep(key, { kind: 'file', file });
    return file;
  }

  /** A deleted recording: its rendered audio and files are let go at once. */
  forget(recordingSid: string): void {
    for (const [key, entry] of this.cache) {
      if (!key.startsWith(`${recordingSid} `)) continue;
      this.cache.delete(key);
      this.cachedBytes -= sizeOf(entry);
    }
  }

  /** A cached entry, now the most recently used. */
  private take(key: string): Cached | undefined {
    const cached = this.cache.get(key);
    if (cached) {
      this.cache.delete(key);
      this.cache.set(key, cached);
    }
    return cached;
  }

  private keep(key: string, entry: Cached): void {
    const bytes = sizeOf(entry);
    if (bytes > this.cacheBytes) return;
    for (const [oldest, old] of this.cache) {
      if (this.cachedBytes + bytes <= this.cacheBytes) break;
      this.cache.delete(oldest);
      this.cachedBytes -= sizeOf(old);
    }
    this.cache.set(key, entry);
    this.cachedBytes += bytes;
  }
}
