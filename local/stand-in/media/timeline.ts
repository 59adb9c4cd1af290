/**
 * What happened on a simulated call, as sound, and the part of it a recording covered. All
 * times are milliseconds on the call's clock, the clock the stand-in runs the call on.
 */

/**
 * inbound = what the caller says or presses; outbound = what the flow plays to the caller (Say,
 * Play). Twilio's words: "The inbound track represents the audio received by Twilio, and the
 * outbound track represents the audio that Twilio generates on the call."
 * (https://www.twilio.com/docs/voice/tutorials/how-record-single-side-call)
 */
export type Track = 'inbound' | 'outbound';

export type SoundKind = 'speech' | 'dtmf' | 'audio';

export interface SoundSegment {
  track: Track;
  /** ms on the call's clock (same clock as the recording window) */
  startMs: number;
  durationMs: number;
  kind: SoundKind;
  /** what was said (speech), the digits (dtmf), or a label (audio, e.g. a Play URL) */
  text: string;
}

export type PauseBehavior = 'skip' | 'silence';

export interface RecordingPause {
  fromMs: number;
  toMs: number;
  behavior: PauseBehavior;
}

export interface RecordingWindow {
  startMs: number;
  endMs: number;
  /** paused spans, each with the PauseBehavior that was asked for when it was paused */
  pauses: RecordingPause[];
  /** RecordingChannels: 1 = mono, 2 = dual */
  channels: 1 | 2;
  /** RecordingTrack */
  track: 'inbound' | 'outbound' | 'both';
  /** Trim */
  trim: 'trim-silence' | 'do-not-trim';
}

const TRACKS = new Set(['inbound', 'outbound', 'both']);
const TRIMS = new Set(['trim-silence', 'do-not-trim']);
const BEHAVIORS = new Set(['skip', 'silence']);
const KINDS = new Set(['speech', 'dtmf', 'audio']);

function finite(value: number, name: string): void {
  if (!Number.isFinite(value)) throw new RangeError(`${name} must be a finite number`);
}

/**
 * Rejects a window no real recording could have: the stand-in builds these from its own state,
 * so a bad one is a bug to surface, not input to tolerate. Pauses reaching past the window are
 * fine (a recording stopped while paused); overlapping pauses are not, since a recording is
 * either paused or not.
 */
export function assertValidWindow(window: RecordingWindow): void {
  finite(window.startMs, 'startMs');
  finite(window.endMs, 'endMs');
  if (window.endMs < window.startMs) throw new RangeError('endMs is before startMs');
  if (window.channels !== 1 && window.channels !== 2) {
    throw new RangeError('channels must be 1 or 2');
  }
  if (!TRACKS.has(window.track)) throw new RangeError(`unknown track ${String(window.track)}`);
  if (!TRIMS.has(window.trim)) throw new RangeError(`unknown trim ${String(window.trim)}`);
  const pauses = [...window.pauses].sort((a, b) => a.fromMs - b.fromMs);
  pauses.forEach((pause, index) => {
    finite(pause.fromMs, 'pause fromMs');
    finite(pause.toMs, 'pause toMs');
    if (pause.toMs < pause.fromMs) throw new RangeError('a pause ends before it starts');
    if (!BEHAVIORS.has(pause.behavior)) {
      throw new RangeError(`unknown pause behavior ${String(pause.behavior)}`);
    }
    if (index > 0 && pause.fromMs < pauses[index - 1].toMs) {
      throw new RangeError('pauses overlap');
    }
  });
}

export function assertValidSegment(segment: SoundSegment): void {
  finite(segment.startMs, 'segment startMs');
  finite(segment.durationMs, 'segment durationMs');
  if (segment.durationMs < 0) throw new RangeError('segment durationMs is negative');
  if (segment.track !== 'inbound' && segment.track !== 'outbound') {
    throw new RangeError(`unknown segment track ${String(segment.track)}`);
  }
  if (!KINDS.has(segment.kind))
    throw new RangeError(`unknown segment kind ${String(segment.kind)}`);
}
