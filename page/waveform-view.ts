// The decoded audio's outline: one lane per channel, one min/max line per pixel column.
import { element } from './dom';
import { WAVEFORM_COLOUR } from './palette';
import { columnRanges, columnRows } from './waveform';

const WIDTH = 600;
const LANE_HEIGHT = 56;
const LANE_GAP = 6;

/** The waveform, with a caption saying which lane is which when there are several. */
export function renderWaveform(audio: AudioBuffer): HTMLElement {
  const canvas = drawLanes(audio);
  const lanes = audio.numberOfChannels;
  const caption =
    lanes > 1 &&
    element(
      'figcaption',
      {},
      `Waveform: ${Array.from({ length: lanes }, (_, lane) => `channel ${lane + 1}`).join(', ')}, from the top.`,
    );
  return element('figure', { className: 'waveform-figure' }, canvas, caption);
}

function drawLanes(audio: AudioBuffer): HTMLCanvasElement {
  const lanes = audio.numberOfChannels;
  const canvas = element('canvas', {
    className: 'waveform',
    attributes: {
      width: String(WIDTH),
      height: String(lanes * LANE_HEIGHT + (lanes - 1) * LANE_GAP),
      role: 'img',
      'aria-label': `Waveform, ${lanes === 1 ? 'one channel' : `${lanes} channels, one lane each (channel 1 on top)`}, ${audio.duration.toFixed(1)} s`,
      'data-lanes': String(lanes),
      'data-lane-height': String(LANE_HEIGHT),
      'data-lane-gap': String(LANE_GAP),
    },
  });
  const context = canvas.getContext('2d');
  if (!context) return canvas;
  context.fillStyle = WAVEFORM_COLOUR;
  for (let channel = 0; channel < lanes; channel++) {
    const laneTop = channel * (LANE_HEIGHT + LANE_GAP);
    const ranges = columnRanges(audio.getChannelData(channel), WIDTH);
    ranges.forEach((range, column) => {
      const rows = columnRows(range, LANE_HEIGHT);
      context.fillRect(column, laneTop + rows.top, 1, rows.bottom - rows.top);
    });
  }
  return canvas;
}
