import { parseStatusEvent } from '../../src/log-routes/status-event';
import { OTHER_ACCOUNT_SID, statusCallback, TEST_ACCOUNT_SID } from '../support/fixtures';

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
        event: {
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
        oddities: [],
        afterNotice: false,
      },
    });
  });

  it('tells a recording started after a notice by Consent=notice, and nothing else', () => {
    const noted = parseStatusEvent({ ...valid, Consent: 'notice' }, ACCOUNT);
    expect(noted.ok && noted.value.afterNotice).toBe(true);
    const other = parseStatusEvent({ ...valid, Consent: 'opt-in' }, ACCOUNT);
    expect(other.ok && other.value.afterNotice).toBe(false);
  });

  it('takes -1 as the duration of a recording still in progress, and keeps error codes', () => {
    const inProgress = parseStatusEvent(
      { ...valid, RecordingStatus: 'in-progress', RecordingDuration: '-1' },
      ACCOUNT,
    );
    expect(inProgress.ok && inProgress.value).toMatchObject({
      event: { durationSeconds: undefined },
      oddities: [],
    });
    const absent = parseStatusEvent(
      { ...valid, RecordingStatus: 'absent', RecordingDuration: '0', ErrorCode: '16101' },
      ACCOUNT,
    );
    expect(absent.ok && absent.value.event.errorCode).toBe(16101);
  });

  it.each([
    ['RecordingStatus', { RecordingStatus: 'paused' }],
    ['RecordingStatus', { RecordingStatus: undefined }],
    ['RecordingSid', { RecordingSid: 'RE123' }],
    ['RecordingSid', { RecordingSid: undefined }],
    ['CallSid', { CallSid: undefined }],
    ['CallSid', { CallSid: 'CA-1' }],
    ['AccountSid', { AccountSid: OTHER_ACCOUNT_SID }],
    ['AccountSid', { AccountSid: undefined }],
  ])('refuses an event it cannot store: bad %s', (field, change) => {
    const result = parseStatusEvent({ ...valid, ...change }, ACCOUNT);
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : (result.error.fields ?? []).map((error) => error.field)).toEqual([
      field,
    ]);
  });

  it.each([
    ['RecordingDuration', 'durationSeconds', { RecordingDuration: '-1' }],
    ['RecordingDuration', 'durationSeconds', { RecordingDuration: '-5' }],
    ['RecordingDuration', 'durationSeconds', { RecordingDuration: 'ten' }],
    ['RecordingDuration', 'durationSeconds', { RecordingDuration: '1.5' }],
    ['RecordingUrl', 'url', { RecordingUrl: 'not a url' }],
    ['RecordingUrl', 'url', { RecordingUrl: 'javascript:alert(1)' }],
    ['RecordingChannels', 'channels', { RecordingChannels: '3' }],
    ['RecordingStartTime', 'startTime', { RecordingStartTime: 'yesterday-ish' }],
    ['RecordingTrack', 'track', { RecordingTrack: 'left' }],
    ['ErrorCode', 'errorCode', { ErrorCode: 'E1' }],
    ['RecordingSource', 'source', { RecordingSource: ['a', 'b'] }],
    ['RecordingSource', 'source', { RecordingSource: 'x'.repeat(5000) }],
  ])(
    'keeps an event with an odd %s, leaving the field out and saying why',
    (field, key, change) => {
      const result = parseStatusEvent({ ...valid, ...change }, ACCOUNT);
      if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.error)}`);
      expect(result.value.event).toMatchObject({
        recordingSid: valid.RecordingSid,
        status: 'completed',
      });
      expect((result.value.event as unknown as Record<string, unknown>)[key]).toBeUndefined();
      expect(result.value.oddities).toEqual([
        { field, message: expect.stringContaining('left out') },
      ]);
    },
  );
});
