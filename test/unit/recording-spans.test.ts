import { recordingSpans } from '../../src/dashboard/recording-spans';

const start = '2026-11-24T15:30:00.000Z';
const at = (seconds: number) => new Date(Date.parse(start) + seconds * 1000).toISOString();

describe('the spans a recording’s bar shows', () => {
  it('is one recorded span from start to start + duration', () => {
    expect(recordingSpans({ startTime: start, durationSeconds: 20, status: 'completed' })).toEqual([
      { kind: 'recorded', from: start, to: at(20) },
    ]);
  });

  it('counts a silence pause inside the duration, and a skip pause outside it', () => {
    const pause = (behavior: 'skip' | 'silence') => [
      { action: 'pause' as const, at: at(5), pauseBehavior: behavior },
      { action: 'resume' as const, at: at(9) },
    ];
    expect(
      recordingSpans(
        { startTime: start, durationSeconds: 20, status: 'completed' },
        pause('silence'),
      ),
    ).toEqual([
      { kind: 'recorded', from: start, to: at(5) },
      { kind: 'paused', from: at(5), to: at(9) },
      { kind: 'recorded', from: at(9), to: at(20) },
    ]);
    expect(
      recordingSpans(
        { startTime: start, durationSeconds: 20, status: 'completed' },
        pause('skip'),
      ).at(-1),
    ).toEqual({ kind: 'recorded', from: at(9), to: at(24) });
  });

  it('leaves the last span open while the recording runs or is paused', () => {
    expect(
      recordingSpans({ startTime: start, status: 'paused' }, [{ action: 'pause', at: at(3) }]),
    ).toEqual([
      { kind: 'recorded', from: start, to: at(3) },
      { kind: 'paused', from: at(3) },
    ]);
  });

  it('ignores a repeated or an earlier action, and has nothing without a start', () => {
    expect(
      recordingSpans({ startTime: start, durationSeconds: 10, status: 'completed' }, [
        { action: 'resume', at: at(2) },
        { action: 'pause', at: at(-5) },
      ]),
    ).toEqual([{ kind: 'recorded', from: start, to: at(10) }]);
    expect(recordingSpans({ durationSeconds: 10, status: 'completed' })).toEqual([]);
  });
});
