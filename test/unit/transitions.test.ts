import { failure } from '../../src/failure';
import { failedUrl, successUrl, WIDGET_VARIABLE_PARAMS } from '../../src/recording/transitions';
import { withQuery } from '../../src/service-url';
import { toSnapshot } from '../../src/recording/recording-snapshot';
import { studioReturnUrlOf } from '../support/fixtures';
import { splitUrl } from '../support/twiml';

describe('transition URLs', () => {
  it('carries every widget variable under a Rec-prefixed name', () => {
    const snapshot = toSnapshot({
      accountSid: 'AC1',
      apiVersion: '2010-04-01',
      callSid: 'CA1',
      conferenceSid: 'CF1',
      dateCreated: new Date(Date.UTC(2026, 10, 24, 15, 21, 30)),
      dateUpdated: new Date(Date.UTC(2026, 10, 24, 15, 21, 31)),
      encryptionDetails: { a: 1 },
      errorCode: 0,
      priceUnit: 'USD',
      sid: 'RE1',
      uri: '/uri',
      source: 'StartCallRecordingAPI',
      startTime: new Date(Date.UTC(2026, 10, 24, 15, 21, 30)),
      status: 'in-progress',
      channels: 2,
      track: 'both',
    });
    const { params } = splitUrl(successUrl('/recording-success', 'start', snapshot));
    expect(Object.keys(params).sort()).toEqual(
      ['RecAction', ...Object.values(WIDGET_VARIABLE_PARAMS)].sort(),
    );
    expect(params.RecDateUpdated).toBe('Tue, 24 Nov 2026 15:21:31 +0000');
    expect(params.RecEncryptionDetails).toBe('{"a":1}');
    for (const name of Object.keys(params)) expect(name.startsWith('Rec')).toBe(true);
  });

  it('builds the Failed URL with reason, code and a bounded message', () => {
    const url = failedUrl('/recording-failed?keep=1', {
      action: 'stop',
      failure: failure('api-error', 'x'.repeat(900), { detail: '20404' }),
      recordingSid: 'RE1',
    });
    const { path, params } = splitUrl(url);
    expect(path).toBe('/recording-failed');
    expect(params).toMatchObject({
      keep: '1',
      RecAction: 'stop',
      RecFailureReason: 'api-error',
      RecFailureCode: '20404',
      RecSid: 'RE1',
    });
    expect(params.RecFailureMessage).toHaveLength(500);
  });

  it('encodes values and skips empty ones', () => {
    expect(withQuery('/p', { a: 'x&y=z', b: '', c: undefined })).toBe('/p?a=x%26y%3Dz');
    expect(withQuery('/p', {})).toBe('/p');
  });

  it('appends the variables to a Studio return URL after its FlowEvent', () => {
    const studio = studioReturnUrlOf();
    const url = failedUrl(studio, {
      action: 'start',
      failure: failure('api-error', 'Call is not in-progress', { detail: '21220' }),
    });
    expect(url.startsWith(`${studio}&RecAction=start&`)).toBe(true);
    const parsed = new URL(url);
    expect(parsed.searchParams.getAll('FlowEvent')).toEqual(['return']);
    expect(Object.fromEntries(parsed.searchParams)).toEqual({
      FlowEvent: 'return',
      RecAction: 'start',
      RecFailureReason: 'api-error',
      RecFailureCode: '21220',
      RecFailureMessage: 'Call is not in-progress',
    });
  });
});
