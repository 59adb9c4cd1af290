import {
  applyFeedback,
  applyStatusEvent,
  type RecordingLogItem,
} from '../../src/recording-log/call-history';
import type { RecordingStatusFacts } from '../../src/recording-log/entries';

const base: RecordingStatusFacts = {
  callSid: 'CA' + '2'.repeat(32),
  recordingSid: 'RE' + '3'.repeat(32),
  status: 'in-progress',
  channels: 2,
  source: 'StartCallRecordingAPI',
  track: 'both',
  startTime: 'Tue, 24 Nov 2026 15:21:30 +0000',
  url: 'https://api.twilio.com/2010-04-01/Accounts/AC/Recordings/RE',
};
const completed: RecordingStatusFacts = { ...base, status: 'completed', durationSeconds: 42 };

function fold(events: RecordingStatusFacts[]): RecordingLogItem | undefined {
  let item: RecordingLogItem | undefined;
  events.forEach((event, index) => {
    item = applyStatusEvent(item, event, `t${index}`).item;
  });
  return item;
}

describe('applyStatusEvent', () => {
  it('builds the item from the first event and completes it with the last', () => {
    expect(fold([base, completed])).toEqual({
      recordingSid: base.recordingSid,
      callSid: base.callSid,
      status: 'completed',
      channels: 2,
      source: 'StartCallRecordingAPI',
      track: 'both',
      startTime: base.startTime,
      durationSeconds: 42,
      url: base.url,
      history: [
        { status: 'in-progress', receivedAt: 't0' },
        { status: 'completed', receivedAt: 't1', durationSeconds: 42 },
      ],
    });
  });

  it('keeps the URL only once the recording is completed', () => {
    expect(fold([base])?.url).toBeUndefined();
  });

  it('ignores a duplicate delivery', () => {
    const once = fold([base, completed]) as RecordingLogItem;
    const again = applyStatusEvent(once, completed, 'later');
    expect(again.changed).toBe(false);
    expect(again.item).toBe(once);
  });

  it('never moves the status backwards, but keeps the late event in the history', () => {
    const item = fold([completed, base]) as RecordingLogItem;
    expect(item.status).toBe('completed');
    expect(item.history.map((entry) => entry.status)).toEqual(['completed', 'in-progress']);
    expect(item.durationSeconds).toBe(42);
  });

  it('records why a recording is absent', () => {
    const item = fold([base, { ...base, status: 'absent', durationSeconds: 0, errorCode: 16101 }]);
    expect(item).toMatchObject({ status: 'absent', errorCode: 16101, durationSeconds: 0 });
    expect(item?.url).toBeUndefined();
  });

  it('reaches the same state whatever the arrival order', () => {
    const a = fold([base, completed]) as RecordingLogItem;
    const b = fold([completed, base]) as RecordingLogItem;
    const comparable = (item: RecordingLogItem) => ({
      ...item,
      history: item.history.map((entry) => entry.status).sort(),
    });
    expect(comparable(a)).toEqual(comparable(b));
  });
});

describe('applyFeedback', () => {
  it('adds the caller’s answer to an existing item, or starts one', () => {
    const feedback = (receivedAt: string) => ({
      kind: 'feedback' as const,
      recordingSid: base.recordingSid,
      callSid: base.callSid,
      speechResult: 'Great',
      confidence: 0.9,
      receivedAt,
    });
    const fresh = applyFeedback(undefined, feedback('t0'));
    expect(fresh.item).toMatchObject({
      status: 'unknown',
      feedback: { speechResult: 'Great', confidence: 0.9, receivedAt: 't0' },
    });
    const withEvents = applyFeedback(fold([base]), feedback('t1'));
    expect(withEvents.item).toMatchObject({
      status: 'in-progress',
      feedback: { speechResult: 'Great' },
    });
    expect(applyFeedback(withEvents.item, feedback('t2')).changed).toBe(false);
    // Events arriving after the feedback keep it.
    expect(applyStatusEvent(fresh.item, completed, 't3').item.feedback?.speechResult).toBe('Great');
  });
});
