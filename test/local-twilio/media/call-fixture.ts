import type { RecordingWindow, SoundSegment, Track } from '../../../local/stand-in/media';

export const RATE = 8000;

export function recordingWindow(overrides: Partial<RecordingWindow> = {}): RecordingWindow {
  return {
    startMs: 0,
    endMs: 10_000,
    pauses: [],
    channels: 2,
    track: 'both',
    trim: 'do-not-trim',
    ...overrides,
  };
}

export function says(
  track: Track,
  startMs: number,
  durationMs: number,
  text: string,
): SoundSegment {
  return { track, startMs, durationMs, kind: 'speech', text };
}

export function presses(digits: string, startMs: number, durationMs: number): SoundSegment {
  return { track: 'inbound', startMs, durationMs, kind: 'dtmf', text: digits };
}

export function plays(url: string, startMs: number, durationMs: number): SoundSegment {
  return { track: 'outbound', startMs, durationMs, kind: 'audio', text: url };
}

/** One long word, so the party is sounding without gaps for the whole segment. */
export function hums(track: Track, startMs: number, durationMs: number): SoundSegment {
  return says(track, startMs, durationMs, 'mmmmmmmm');
}
