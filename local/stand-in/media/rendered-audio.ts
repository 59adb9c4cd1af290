/**
 * A recording's audio as samples, between the renderer that makes it (render.ts) and the
 * encoders that write it out (wav.ts, mp3.ts), which speech synthesis also reads through
 * wav.ts: kept apart from all of them so that none imports another for its type.
 */
export interface RenderedAudio {
  sampleRate: number;
  /** one array per channel, channel 1 first, all the same length */
  channels: Int16Array[];
  /** exactly samples / sampleRate, in ms */
  durationMs: number;
}
