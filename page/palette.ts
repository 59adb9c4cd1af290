// The colours of the drawings (the stylesheet cannot reach into a canvas). Each reaches at least
// 3:1 against the white page, as non-text contrast asks.
import type { SegmentKind } from './timeline';

export const SEGMENT_COLOURS: Record<SegmentKind, string> = {
  'not-recorded': '#8a94a3',
  recorded: '#c62828',
  paused: '#b26a00',
  stopped: '#37474f',
};

export const WAVEFORM_COLOUR = '#1f4e9c';
