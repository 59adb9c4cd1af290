// The call's bar: a canvas with the spans, its description for screen readers, and a legend.
import type { CallView } from '../src/dashboard/view';
import { element } from './dom';
import { SEGMENT_COLOURS } from './palette';
import {
  buildTimeline,
  describeTimeline,
  segmentColumns,
  segmentWord,
  type SegmentKind,
  type Timeline,
} from './timeline';

/** Drawing units; the stylesheet stretches the canvas to the card's width. */
const BAR_WIDTH = 600;
const BAR_HEIGHT = 14;

export function renderTimeline(call: CallView, nowMs: number): HTMLElement | undefined {
  const timeline = buildTimeline(call, nowMs);
  if (!timeline) return undefined;
  const canvas = element('canvas', {
    className: 'timeline-bar',
    attributes: {
      width: String(BAR_WIDTH),
      height: String(BAR_HEIGHT),
      role: 'img',
      'aria-label': describeTimeline(timeline),
      'data-segments': timeline.segments.map((segment) => segment.kind).join(' '),
    },
  });
  drawBar(canvas, timeline);
  return element('figure', { className: 'timeline' }, canvas, legend(timeline));
}

function drawBar(canvas: HTMLCanvasElement, timeline: Timeline): void {
  const context = canvas.getContext('2d');
  if (!context) return;
  for (const segment of timeline.segments) {
    const columns = segmentColumns(segment, timeline.totalSeconds, canvas.width);
    context.fillStyle = SEGMENT_COLOURS[segment.kind];
    context.fillRect(columns.from, 0, columns.to - columns.from, canvas.height);
  }
}

/** Only the kinds this bar shows, in the order they first appear. */
function legend(timeline: Timeline): HTMLElement {
  const kinds = [...new Set(timeline.segments.map((segment) => segment.kind))];
  const items = kinds.map((kind: SegmentKind) =>
    element(
      'li',
      {},
      element('span', {
        className: `swatch swatch-${kind}`,
        attributes: { 'aria-hidden': 'true' },
      }),
      segmentWord(kind),
    ),
  );
  if (timeline.ongoing) items.push(element('li', { className: 'ongoing' }, 'call still going'));
  return element('figcaption', {}, element('ul', { className: 'legend' }, ...items));
}
