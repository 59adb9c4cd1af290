import { readSettings } from '../../src/config/settings';
import { SETTINGS } from '../../src/config/settings-table';
import { consentToken } from '../../src/recording/consent-token';
import { parseToggleRequest } from '../../src/recording/toggle-request';
import {
  OTHER_ACCOUNT_SID,
  studioReturnUrlOf,
  TEST_ACCOUNT_SID,
  TEST_AUTH_TOKEN,
  TEST_CALL_SID,
  TEST_FLOW_SID,
  voiceWebhook,
} from '../support/fixtures';

const env = { DOMAIN_NAME: 'svc-1234.twil.io', ACCOUNT_SID: TEST_ACCOUNT_SID };
const start = (extra: Record<string, unknown> = {}) => ({
  ...voiceWebhook({ Record: 'true' }),
  ...extra,
});

function accepted(env: Record<string, string>, event: Record<string, unknown>) {
  const { request } = parseToggleRequest(readSettings(env), event);
  if (!request.ok) throw new Error(`refused: ${request.error.message}`);
  return request.value;
}

/** A refused request: where its Failed goes, its reason, and every field at fault. */
function refused(env: Record<string, string>, event: Record<string, unknown>) {
  const { route, request } = parseToggleRequest(readSettings(env), event);
  if (request.ok) throw new Error('accepted');
  return { ...route, reason: request.error.code, errors: request.error.fields ?? [] };
}

describe('the start options', () => {
  it('has the widget’s defaults, with absent added to its events and its own status route', () => {
    const request = accepted(env, start());
    expect(request).toMatchObject({
      action: 'start',
      options: {
        statusCallback: 'https://svc-1234.twil.io/recording-status?Consent=notice#rc=5&rp=all',
        statusCallbackMethod: 'POST',
        statusCallbackEvents: ['completed', 'absent'],
        channels: 'dual',
        trim: 'do-not-trim',
        track: 'both',
      },
      transitions: { success: '/recording-success', failed: '/recording-failed' },
    });
  });

  it('uses http for the local server', () => {
    const request = accepted({ DOMAIN_NAME: 'localhost:3000' }, start());
    expect(request.action === 'start' && request.options.statusCallback).toBe(
      'http://localhost:3000/recording-status?Consent=notice#rc=5&rp=all',
    );
  });

  it('reads every default from the environment', () => {
    const request = accepted(
      {
        ...env,
        RECORDING_STATUS_CALLBACK: 'https://hooks.example.com/rec?x=1',
        RECORDING_STATUS_CALLBACK_METHOD: 'get',
        RECORDING_STATUS_CALLBACK_EVENT: 'completed,absent',
        RECORDING_CHANNELS: 'MONO',
        RECORDING_TRIM: 'trim-silence',
        RECORDING_TRACK: 'outbound',
      },
      start(),
    );
    expect(request.action === 'start' && request.options).toEqual({
      statusCallback: 'https://hooks.example.com/rec?x=1',
      statusCallbackMethod: 'GET',
      statusCallbackEvents: ['completed', 'absent'],
      channels: 'mono',
      trim: 'trim-silence',
      track: 'outbound',
    });
  });

  it('lets a query override beat the environment, and blank overrides fall back', () => {
    const request = accepted(
      { ...env, RECORDING_CHANNELS: 'mono', RECORDING_TRACK: 'inbound' },
      start({ RecordingChannels: 'dual', RecordingTrack: '   ' }),
    );
    expect(request.action === 'start' && [request.options.channels, request.options.track]).toEqual(
      ['dual', 'inbound'],
    );
  });

  it('reports every bad option at once, named as it was given, as a configuration error', () => {
    const rejection = refused(
      { ...env, RECORDING_TRIM: 'sometimes' },
      start({
        RecordingChannels: 'stereo',
        RecordingStatusCallbackMethod: 'PUT',
        RecordingStatusCallbackEvent: 'started',
        RecordingStatusCallback: 'javascript:alert(1)',
        RecordingTrack: ['inbound', 'outbound'],
      }),
    );
    expect(rejection.reason).toBe('invalid-configuration');
    expect(rejection.action).toBe('start');
    expect(rejection.errors.map((error) => error.field).sort()).toEqual([
      'RECORDING_TRIM',
      'RecordingChannels',
      'RecordingStatusCallback',
      'RecordingStatusCallbackEvent',
      'RecordingStatusCallbackMethod',
      'RecordingTrack',
    ]);
    expect(new Set(rejection.errors.map((error) => error.reason))).toEqual(
      new Set(['invalid-configuration']),
    );
  });

  it.each(['//evil.example/x', 'http://user:pw@example.com/x', '/../etc', 'not a url', '/a b'])(
    'rejects the callback URL %p',
    (value) => {
      expect(refused(env, start({ RecordingStatusCallback: value })).errors[0].field).toBe(
        'RecordingStatusCallback',
      );
    },
  );

  it.each([
    ['RecordingStatusCallback', 'https://hookuser:S3cret-Pw@hooks.example.com/cb'],
    ['Success', 'https://hookuser:S3cret-Pw@webhooks.twilio.com/v1/x'],
    ['Failed', 'http://hookuser:S3cret-Pw@example.com/failed'],
  ])('never repeats the password of a %s URL in its error message', (field, value) => {
    const error = refused(env, start({ [field]: value })).errors.find(
      (entry) => entry.field === field,
    );
    expect(error?.message).toContain('***@');
    expect(error?.message).not.toContain('S3cret-Pw');
    expect(error?.message).not.toContain('hookuser');
  });

  it.each([
    [
      '/recording-status#rc=3&rp=all',
      'https://svc-1234.twil.io/recording-status?Consent=notice#rc=3&rp=all',
    ],
    [
      'https://hooks.example.com/cb#ct=1000&rt=8000&rc=2&rp=5xx',
      'https://hooks.example.com/cb#ct=1000&rt=8000&rc=2&rp=5xx',
    ],
  ])('keeps the connection overrides of %p', (value, expected) => {
    const request = accepted(env, start({ RecordingStatusCallback: value }));
    expect(request.action === 'start' && request.options.statusCallback).toBe(expected);
  });

  it.each([
    '/recording-status#',
    '/recording-status#x=1',
    '/recording-status#rc=3#rp=all',
    '/recording-status#rc=<1>',
  ])('refuses the fragment of %p', (value) => {
    expect(refused(env, start({ RecordingStatusCallback: value })).errors[0].field).toBe(
      'RecordingStatusCallback',
    );
  });

  it('keeps every default in one place', () => {
    expect(SETTINGS.RECORDING_CHANNELS.default).toBe('dual');
    expect(SETTINGS.RECORDING_STATUS_CALLBACK_EVENT.default).toBe('completed absent');
  });
});

describe('the update actions', () => {
  it('reads false, pause and resume in any case, with an optional recording', () => {
    const recordingSid = 'RE' + '5'.repeat(32);
    expect(accepted(env, voiceWebhook({ Record: 'FALSE' }))).toMatchObject({
      action: 'stop',
      recordingSid: undefined,
    });
    expect(
      accepted(env, voiceWebhook({ Record: 'Resume', RecordingSid: recordingSid })),
    ).toMatchObject({
      action: 'resume',
      recordingSid,
    });
  });

  it('defaults the pause behaviour to silence, accepts skip, rejects anything else', () => {
    expect(accepted(env, voiceWebhook({ Record: 'pause' }))).toMatchObject({
      pauseBehavior: 'silence',
    });
    expect(
      accepted({ ...env, RECORDING_PAUSE_BEHAVIOR: 'skip' }, voiceWebhook({ Record: 'pause' })),
    ).toMatchObject({ pauseBehavior: 'skip' });
    const rejection = refused(env, voiceWebhook({ Record: 'pause', PauseBehavior: 'drop' }));
    expect(rejection.errors[0]).toMatchObject({
      field: 'PauseBehavior',
      reason: 'invalid-configuration',
    });
    expect(rejection.errors[0].message).toContain("'skip', 'silence'");
  });
});

describe('what the request says about the call', () => {
  it.each([
    ['Record', { Record: 'maybe' }, 'invalid-input'],
    ['Record', { Record: undefined }, 'invalid-input'],
    ['CallSid', { CallSid: 'CA123' }, 'invalid-input'],
    ['AccountSid', { AccountSid: OTHER_ACCOUNT_SID }, 'invalid-input'],
    ['RecordingSid', { Record: 'false', RecordingSid: 'RE-nope' }, 'invalid-input'],
    ['CallStatus', { CallStatus: 'ringing' }, 'call-not-in-progress'],
  ])('refuses a bad %s with its own reason', (field, extra, reason) => {
    const rejection = refused(env, start(extra));
    expect(rejection.errors).toEqual([expect.objectContaining({ field, reason })]);
    expect(rejection.reason).toBe(reason);
  });

  it('gives the most telling reason when several fields are wrong', () => {
    const rejection = refused(
      env,
      start({ CallStatus: 'ringing', CallSid: 'nope', RecordingChannels: 'stereo' }),
    );
    expect(rejection.errors.map((error) => error.reason).sort()).toEqual([
      'call-not-in-progress',
      'invalid-configuration',
      'invalid-input',
    ]);
    expect(rejection.reason).toBe('call-not-in-progress');
  });
});

describe('consent (RECORDING_CONSENT)', () => {
  const withToken = { ...env, AUTH_TOKEN: TEST_AUTH_TOKEN };
  const token = consentToken(TEST_AUTH_TOKEN, TEST_CALL_SID);

  it.each(['opt-in', 'opt-out'])(
    'in %s mode, refuses a start or a resume without the consent step’s proof',
    (mode) => {
      for (const record of ['true', 'resume']) {
        const rejection = refused(
          { ...withToken, RECORDING_CONSENT: mode },
          voiceWebhook({ Record: record }),
        );
        expect(rejection.reason).toBe('no-consent');
        expect(rejection.errors).toEqual([
          expect.objectContaining({ field: 'Consent', reason: 'no-consent' }),
        ]);
      }
    },
  );

  it('accepts the proof for this call, not another call’s', () => {
    const settings = { ...withToken, RECORDING_CONSENT: 'opt-in' };
    expect(accepted(settings, start({ Consent: token }))).toMatchObject({ consent: token });
    const otherCall = consentToken(TEST_AUTH_TOKEN, 'CA' + 'f'.repeat(32));
    expect(refused(settings, start({ Consent: otherCall })).reason).toBe('no-consent');
  });

  it('marks only its own status route, and only in notice mode, as following a notice', () => {
    const optIn = { ...withToken, RECORDING_CONSENT: 'opt-in' };
    const own = accepted(optIn, start({ Consent: token }));
    expect(own.action === 'start' && own.options.statusCallback).toBe(
      'https://svc-1234.twil.io/recording-status#rc=5&rp=all',
    );
    const foreign = accepted(
      env,
      start({ RecordingStatusCallback: 'https://hooks.example.com/cb' }),
    );
    expect(foreign.action === 'start' && foreign.options.statusCallback).toBe(
      'https://hooks.example.com/cb',
    );
  });

  it('asks nothing of a stop, a pause, or any action in notice mode', () => {
    const optIn = { ...withToken, RECORDING_CONSENT: 'opt-in' };
    expect(accepted(optIn, voiceWebhook({ Record: 'false' })).action).toBe('stop');
    expect(accepted(optIn, voiceWebhook({ Record: 'pause' })).action).toBe('pause');
    expect(accepted(withToken, start()).action).toBe('start');
  });

  it('requires the proof when the consent settings are broken (they fall back to opt-in)', () => {
    expect(refused({ ...withToken, RECORDING_CONSENT: 'sometimes' }, start()).reason).toBe(
      'no-consent',
    );
  });
});

describe('the transitions', () => {
  it('defaults to the flow’s own Success and Failed steps', () => {
    expect(accepted({}, start()).transitions).toEqual({
      success: '/recording-success',
      failed: '/recording-failed',
    });
  });

  it('accepts paths inside the service from the environment and per use', () => {
    expect(
      accepted(
        { RECORDING_SUCCESS_PATH: '/ok', RECORDING_FAILED_PATH: '/ko' },
        start({ Success: '/steps/next?step=2' }),
      ).transitions,
    ).toEqual({ success: '/steps/next?step=2', failed: '/ko' });
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
    const rejection = refused({}, start({ Success: value, Failed: value }));
    expect(rejection.errors.map((error) => error.field)).toEqual(['Success', 'Failed']);
    expect(rejection.transitions).toEqual({
      success: '/recording-success',
      failed: '/recording-failed',
    });
  });

  it('reports a bad configured path and falls back to the built-in one', () => {
    const rejection = refused({ RECORDING_FAILED_PATH: 'https://x.example' }, start());
    expect(rejection.errors[0]).toMatchObject({
      field: 'RECORDING_FAILED_PATH',
      reason: 'invalid-configuration',
    });
    expect(rejection.transitions.failed).toBe('/recording-failed');
  });
});

describe('returning to Studio', () => {
  const studio = studioReturnUrlOf();

  it('accepts this account’s Studio return URL per use and in the settings', () => {
    expect(accepted(env, start({ Success: studio, Failed: studio })).transitions).toEqual({
      success: studio,
      failed: studio,
    });
    expect(
      accepted({ ...env, RECORDING_SUCCESS_PATH: studio, RECORDING_FAILED_PATH: studio }, start())
        .transitions,
    ).toEqual({ success: studio, failed: studio });
    expect(accepted(env, start({ Failed: studio })).transitions).toEqual({
      success: '/recording-success',
      failed: studio,
    });
  });

  it('sets both transitions from Return=FW…', () => {
    expect(accepted(env, start({ Return: TEST_FLOW_SID })).transitions).toEqual({
      success: studio,
      failed: studio,
    });
  });

  const OTHER_FLOW = 'FW' + 'd4'.repeat(16);
  it.each([
    ['another account', studioReturnUrlOf(TEST_FLOW_SID, OTHER_ACCOUNT_SID), /another account/],
    ['plain http', studio.replace('https:', 'http:'), /https only/],
    [
      'another host',
      studio.replace('webhooks.twilio.com', 'webhooks.twilio.com.evil.example'),
      /path inside this service/,
    ],
    [
      'a look-alike host',
      studio.replace('webhooks.twilio.com', 'hooks.twilio.com'),
      /path inside this service/,
    ],
    ['a port', studio.replace('twilio.com/', 'twilio.com:8443/'), /no port/],
    ['credentials', studio.replace('https://', 'https://user:pw@'), /no credentials/],
    ['an extra path part', studio.replace('/Flows/', '/Flows/x/'), /no other path parts/],
    ['a trailing path part', studio.replace('?', '/Executions?'), /no other path parts/],
    [
      'a traversal',
      studio.replace(`/Flows/${TEST_FLOW_SID}`, `/Flows/${OTHER_FLOW}/../${TEST_FLOW_SID}`),
      /no other path parts/,
    ],
    [
      'an upper-case flow SID',
      studio.replace(TEST_FLOW_SID, `FW${TEST_FLOW_SID.slice(2).toUpperCase()}`),
      /no other path parts/,
    ],
    [
      'another event',
      studio.replace('FlowEvent=return', 'FlowEvent=start'),
      /exactly \?FlowEvent=return/,
    ],
    ['an extra parameter', `${studio}&RecAction=start`, /exactly \?FlowEvent=return/],
    ['no query', studio.split('?')[0], /exactly \?FlowEvent=return/],
    ['a fragment', `${studio}#rc=3`, /no fragment/],
  ])('refuses a Studio return URL with %s, naming the field', (_name, value, message) => {
    const rejection = refused(env, start({ Success: value, Failed: value }));
    expect(rejection.reason).toBe('invalid-configuration');
    expect(rejection.errors.map((error) => error.field)).toEqual(['Success', 'Failed']);
    expect(rejection.errors[0].message).toMatch(message);
    expect(rejection.transitions).toEqual({
      success: '/recording-success',
      failed: '/recording-failed',
    });
  });

  it('refuses a Studio URL in the settings too', () => {
    const rejection = refused(
      { ...env, RECORDING_FAILED_PATH: studioReturnUrlOf(TEST_FLOW_SID, OTHER_ACCOUNT_SID) },
      start(),
    );
    expect(rejection.errors).toEqual([
      expect.objectContaining({
        field: 'RECORDING_FAILED_PATH',
        message: expect.stringMatching(/another account/),
      }),
    ]);
    expect(rejection.transitions.failed).toBe('/recording-failed');
  });

  it('cannot check a Studio URL without the service’s own ACCOUNT_SID', () => {
    const rejection = refused({}, start({ Success: studio }));
    expect(rejection.errors[0]).toMatchObject({
      field: 'Success',
      message: expect.stringMatching(/ACCOUNT_SID is not set/),
    });
    expect(refused({}, start({ Return: TEST_FLOW_SID })).errors[0]).toMatchObject({
      field: 'Return',
      message: expect.stringMatching(/needs ACCOUNT_SID/),
    });
  });

  it.each([
    'FW123',
    TEST_FLOW_SID.toUpperCase(),
    'https://webhooks.twilio.com/v1',
    TEST_ACCOUNT_SID,
  ])('refuses Return=%p and keeps the configured Failed target', (value) => {
    const rejection = refused(env, start({ Return: value }));
    expect(rejection.errors).toEqual([
      expect.objectContaining({
        field: 'Return',
        reason: 'invalid-configuration',
        message: expect.stringMatching(
          /FW followed by 32 lowercase hex digits.*\{\{flow\.flow_sid\}\}/,
        ),
      }),
    ]);
    expect(rejection.transitions.failed).toBe('/recording-failed');
  });

  it('refuses Return together with Success or Failed, and still returns to the flow', () => {
    for (const extra of [{ Success: '/next' }, { Failed: '/oops' }]) {
      const rejection = refused(env, start({ Return: TEST_FLOW_SID, ...extra }));
      expect(rejection.errors).toEqual([
        expect.objectContaining({
          field: 'Return',
          reason: 'invalid-configuration',
          message: expect.stringMatching(/cannot be combined with Success or Failed/),
        }),
      ]);
      expect(rejection.transitions.failed).toBe(studio);
    }
  });
});
