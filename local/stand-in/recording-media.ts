import {
  assertValidSegment,
  renderRecording,
  type RecordingWindow,
  type RenderedAudio,
  type SoundSegment,
} from './media';
import type { SpeechVoice } from './media/segment-sound';

/**
 * Rendered recordings kept for repeated downloads, by total sample bytes. A render is quick and
 * always gives the same samples, so this only spares the work; 32 MB holds a few long calls or
 * dozens of short ones, while a soak's hundreds of recordings cost nothing until downloaded.
 */
const CACHE_BYTES = 32 * 1024 * 1024;

/**
 * What each call sounded like, as the voice engine reports it, and the audio of its recordings.
 *
 * Segments are kept for the stand-in's lifetime: a few small objects per call. Audio is rendered
 * lazily, on a recording's first download, and then cached (least recently used first out):
 * processing a recording only needs its length, which the plan gives without making a sound.
 */
export class RecordingMedia {
  private readonly sounds = new Map<string, SoundSegment[]>();
  private readonly rendered = new Map<string, RenderedAudio>();
  private renderedBytes = 0;

  constructor(private readonly voice: () => SpeechVoice) {}

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
    const voice = this.voice();
    const key = `${recordingSid} ${window.channels} ${voice}`;
    const cached = this.rendered.get(key);
    if (cached) {
      this.rendered.delete(key);
      this.rendered.set(key, cached);
      return cached;
    }
    const audio = renderRecording(this.segmentsOf(callSid), window, { speech: voice });
    this.keep(key, audio);
    return audio;
  }

  private keep(key: string, audio: RenderedAudio): void {
    const bytes = audio.channels.reduce((sum, channel) => sum + channel.byteLength, 0);
    if (bytes > CACHE_BYTES) return;
    for (const [oldest, old] of this.rendered) {
      if (this.renderedBytes + bytes <= CACHE_BYTES) break;
      this.rendered.delete(oldest);
      this.renderedBytes -= old.channels.reduce((sum, channel) => sum + channel.byteLength, 0);
    }
    this.rendered.set(key, audio);
    this.renderedBytes += bytes;
  }
}
