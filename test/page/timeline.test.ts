import { buildTimeline, describeTimeline, segmentColumns } from '../../page/timeline';
import type { RecordingView } from '../../src/dashboard/view';

const at = (seconds: number) => new Date(Date.UTC(2026, 10, 27, 10, 0, seconds)).toISOString();
const START = at(0);

function recording(spans: RecordingView['spans']): RecordingView {
  return { sid: 'RE1', status: 'completed', channels: 2, spans };
}

describe("a call's timeline", () => {
  it('lays recorded and paused spans over the call, with stopped after the last one', () => {
    const timeline = buildTimeline(
      {
        startTime: START,
        endTime: at(130),
        recordings: [
          recording([
            { kind: 'recorded', from: at(12), to: at(40) },
            { kind: 'paused', from: at(40), to: at(50) },
            { kind: 'recorded', from: at(50), to: at(90) },
          ]),
        ],
      },
      0,
    );
    expect(timeline).toEqual({
      totalSeconds: 130,
      ongoing: false,
      segments: [
        { kind: 'not-recorded', fromSeconds: 0, toSeconds: 12 },
        { kind: 'recorded', fromSeconds: 12, toSeconds: 40 },
        { kind: 'paused', fromSeconds: 40, toSeconds: 50 },
        { kind: 'recorded', fromSeconds: 50, toSeconds: 90 },
        { kind: 'stopped', fromSeconds: 90, toSeconds: 130 },
      ],
    });
    expect(describeTimeline(timeline!)).toBe(
      'Call of 2:10: not recorded 0:00–0:12, recorded 0:12–0:40, paused 0:40–0:50, recorded 0:50–1:30, stopped 1:30–2:10',
    );
  });

  it('runs an ongoing call and its open span up to now', () => {
    const now = Date.parse(at(60));
    const timeline = buildTimeline(
      { startTime: START, recordings: [recording([{ kind: 'recorded', from: at(10) }])] },
      now,
    );
    expect(timeline?.ongoing).toBe(true);
    expect(timeline?.segments).toEqual([
      { kind: 'not-recorded', fromSeconds: 0, toSeconds: 10 },
      { kind: 'recorded', fromSeconds: 10, toSeconds: 60 },
    ]);
    expect(describeTimeline(timeline!)).toBe(
      'Call of 1:00 so far: not recorded 0:00–0:10, recorded 0:10–1:00',
    );
  });

  it('puts the gap between two recordings down as stopped, and joins spans that touch', () => {
    const timeline = buildTimeline(
      {
        startTime: START,
        endTime: at(100),
        recordings: [
          recording([{ kind: 'recorded', from: at(0), to: at(20) }]),
          recording([
            { kind: 'recorded', from: at(50), to: at(70) },
            { kind: 'recorded', from: at(70), to: at(100) },
          ]),
        ],
      },
      0,
    );
    expect(timeline?.segments).toEqual([
      { kind: 'recorded', fromSeconds: 0, toSeconds: 20 },
      { kind: 'stopped', fromSeconds: 20, toSeconds: 50 },
      { kind: 'recorded', fromSeconds: 50, toSeconds: 100 },
    ]);
  });

  it('cuts spans to the call, whose clock may differ a little from the log', () => {
    const timeline = buildTimeline(
      {
        startTime: at(5),
        endTime: at(30),
        recordings: [recording([{ kind: 'recorded', from: at(3), to: at(31) }])],
      },
      0,
    );
    expect(timeline?.segments).toEqual([{ kind: 'recorded', fromSeconds: 0, toSeconds: 25 }]);
  });

  it('shows a call without recordings as not recorded, and has no bar without any time', () => {
    const timeline = buildTimeline({ startTime: START, endTime: at(40), recordings: [] }, 0);
    expect(timeline?.segments).toEqual([{ kind: 'not-recorded', fromSeconds: 0, toSeconds: 40 }]);
    expect(buildTimeline({ recordings: [] }, 0)).toBeUndefined();
  });

  it('starts the bar at the first span when Twilio gave no start time', () => {
    const timeline = buildTimeline(
      {
        endTime: at(20),
        recordings: [recording([{ kind: 'recorded', from: at(10), to: at(15) }])],
      },
      0,
    );
    expect(timeline?.segments).toEqual([
      { kind: 'recorded', fromSeconds: 0, toSeconds: 5 },
      { kind: 'stopped', fromSeconds: 5, toSeconds: 10 },
    ]);
  });

  it('maps a segment to pixel columns, never narrower than one', () => {
    expect(segmentColumns({ kind: 'paused', fromSeconds: 40, toSeconds: 50 }, 100, 600)).toEqual({
      from: 240,
      to: 300,
    });
    expect(segmentColumns({ kind: 'paused', fromSeconds: 40, toSeconds: 40.01 }, 100, 600)).toEqual(
      {
        from: 240,
        to: 241,
      },
    );
  });
});
