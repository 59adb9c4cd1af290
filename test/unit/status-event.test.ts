import { parseStatusEvent } from '../../src/recording-log/status-event';
import { statusCallback, TEST_ACCOUNT_SID } from '../support/fixtures';

const ACCOUNT = TEST_ACCOUNT_SID;
const valid = statusCallback({
  RecordingStartTime: 'Tue, 24 Nov 2026 15:21:30 +0000',
  RecordingSource: 'StartCallRecordingAPI',
  RecordingTrack: 'both',
  ErrorCode: '0',
});

describe('parseStatusEvent', () => {
  it('reads every documented parameter', () => {
    expect(parseStatusEvent(valid, ACCOUNT)).toEqual({
      ok: true,
      value: {
        accountSid: ACCOUNT,
        callSid: valid.CallSid,
        recordingSid: valid.RecordingSid,
        status: 'completed',
        url: valid.RecordingUrl,
        durationSeconds: 12,
        channels: 2,
        startTime: valid.RecordingStartTime,
        source: 'StartCallRecordingAPI',
        track: 'both',
        errorCode: undefined,
      },
    });
  });

  it('accepts -1 as the duration of a recording still in progress, and keeps error codes', () => {
    const inProgress = parseStatusEvent(
      { ...valid, RecordingStatus: 'in-progress', RecordingDuration: '-1' },
      ACCOUNT,
    );
    expect(inProgress.ok && inProgress.value.durationSeconds).toBeUndefined();
    const absent = parseStatusEvent(
      { ...valid, RecordingStatus: 'absent', RecordingDuration: '0', ErrorCode: '16101' },
      ACCOUNT,
    );
    expect(absent.ok && absent.value.errorCode).toBe(16101);
  });

  it.each([
    ['RecordingStatus', { RecordingStatus: 'paused' }],
    ['RecordingStatus', { RecordingStatus: undefined }],
    ['RecordingSid', { RecordingSid: 'RE123' }],
    ['CallSid', { CallSid: undefined }],
    ['AccountSid', { AccountSid: 'AC' + 'f'.repeat(32) }],
    ['RecordingDuration', { RecordingDuration: '-5' }],
    ['RecordingDuration', { RecordingDuration: '-1' }],
    ['RecordingDuration', { RecordingDuration: 'ten' }],
    ['RecordingUrl', { RecordingUrl: 'not a url' }],
    ['RecordingUrl', { RecordingUrl: 'javascript:alert(1)' }],
    ['RecordingChannels', { RecordingChannels: '3' }],
    ['RecordingStartTime', { RecordingStartTime: 'yesterday-ish' }],
    ['RecordingTrack', { RecordingTrack: 'left' }],
    ['ErrorCode', { ErrorCode: 'E1' }],
    ['RecordingSource', { RecordingSource: ['a', 'b'] }],
  ])('rejects a bad %s', (field, change) => {
    const result = parseStatusEvent({ ...valid, ...change }, ACCOUNT);
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.error.map((error) => error.field)).toContain(field);
  });
});
