import {
  failedUrl,
  resolveTransitions,
  successUrl,
  WIDGET_VARIABLE_PARAMS,
  withQuery,
} from '../../src/transitions';
import { toSnapshot } from '../../src/recording/recording-snapshot';
import { splitUrl } from '../support/twiml';

describe('resolveTransitions', () => {
  it('defaults to the flow’s own Success and Failed steps', () => {
    expect(resolveTransitions({}, {})).toEqual({
      transitions: { successPath: '/recording-success', failedPath: '/recording-failed' },
      errors: [],
    });
  });

  it('accepts paths inside the service from the environment and per use', () => {
    const { transitions, errors } = resolveTransitions(
      { RECORDING_SUCCESS_PATH: '/ok', RECORDING_FAILED_PATH: '/ko' },
      { Success: '/steps/next?step=2' },
    );
    expect(errors).toEqual([]);
    expect(transitions).toEqual({ successPath: '/steps/next?step=2', failedPath: '/ko' });
  });

  it.each([
    'https://evil.example/x',
    '//evil.example/x',
    'javascript:alert(1)',
    '/../../etc/passwd',
    '/steps/../x',
    'relative',
    '/a\\b',
    '/x?y=<script>',
  ])('refuses %p and keeps a safe Failed path', (value) => {
    const { transitions, errors } = resolveTransitions({}, { Success: value, Failed: value });
    expect(errors.map((error) => error.field)).toEqual(['Success', 'Failed']);
    expect(transitions).toEqual({
      successPath: '/recording-success',
      failedPath: '/recording-failed',
    });
  });

  it('reports a bad configured path and falls back to the built-in one', () => {
    const { transitions, errors } = resolveTransitions(
      { RECORDING_FAILED_PATH: 'https://x.example' },
      {},
    );
    expect(errors[0].field).toBe('RECORDING_FAILED_PATH');
    expect(transitions.failedPath).toBe('/recording-failed');
  });
});

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
      reason: 'api-error',
      code: '20404',
      message: 'x'.repeat(900),
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
});
