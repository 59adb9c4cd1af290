import { DEFAULTS } from '../../src/config/defaults';
import { resolvePauseBehavior, resolveStartOptions } from '../../src/config/recording-options';

const env = { DOMAIN_NAME: 'svc-1234.twil.io' };

describe('resolveStartOptions', () => {
  it('has the widget’s defaults, with the project’s wider event set and its own status route', () => {
    expect(resolveStartOptions(env, {})).toEqual({
      ok: true,
      value: {
        statusCallback: 'https://svc-1234.twil.io/recording-status',
        statusCallbackMethod: 'POST',
        statusCallbackEvents: ['in-progress', 'completed', 'absent'],
        channels: 'dual',
        trim: 'do-not-trim',
        track: 'both',
      },
    });
  });

  it('uses http for the local server', () => {
    const result = resolveStartOptions({ DOMAIN_NAME: 'localhost:3000' }, {});
    expect(result.ok && result.value.statusCallback).toBe('http://localhost:3000/recording-status');
  });

  it('reads every default from the environment', () => {
    const result = resolveStartOptions(
      {
        ...env,
        RECORDING_STATUS_CALLBACK: 'https://hooks.example.com/rec?x=1',
        RECORDING_STATUS_CALLBACK_METHOD: 'get',
        RECORDING_STATUS_CALLBACK_EVENT: 'completed,absent',
        RECORDING_CHANNELS: 'MONO',
        RECORDING_TRIM: 'trim-silence',
        RECORDING_TRACK: 'outbound',
      },
      {},
    );
    expect(result).toEqual({
      ok: true,
      value: {
        statusCallback: 'https://hooks.example.com/rec?x=1',
        statusCallbackMethod: 'GET',
        statusCallbackEvents: ['completed', 'absent'],
        channels: 'mono',
        trim: 'trim-silence',
        track: 'outbound',
      },
    });
  });

  it('lets a query override beat the environment, and blank overrides fall back', () => {
    const result = resolveStartOptions(
      { ...env, RECORDING_CHANNELS: 'mono', RECORDING_TRACK: 'inbound' },
      { RecordingChannels: 'dual', RecordingTrack: '   ' },
    );
    expect(result.ok && [result.value.channels, result.value.track]).toEqual(['dual', 'inbound']);
  });

  it('reports every bad field at once, named as it was given', () => {
    const result = resolveStartOptions(
      { ...env, RECORDING_TRIM: 'sometimes' },
      {
        RecordingChannels: 'stereo',
        RecordingStatusCallbackMethod: 'PUT',
        RecordingStatusCallbackEvent: 'started',
        RecordingStatusCallback: 'javascript:alert(1)',
        RecordingTrack: ['inbound', 'outbound'],
      },
    );
    expect(result.ok).toBe(false);
    const fields = result.ok ? [] : result.errors.map((error) => error.field).sort();
    expect(fields).toEqual([
      'RECORDING_TRIM',
      'RecordingChannels',
      'RecordingStatusCallback',
      'RecordingStatusCallbackEvent',
      'RecordingStatusCallbackMethod',
      'RecordingTrack',
    ]);
  });

  it.each(['//evil.example/x', 'http://user:pw@example.com/x', '/../etc', 'not a url', '/a b'])(
    'rejects the callback URL %p',
    (value) => {
      const result = resolveStartOptions(env, { RecordingStatusCallback: value });
      expect(result.ok).toBe(false);
    },
  );

  it('keeps every default in one place', () => {
    expect(DEFAULTS.RECORDING_CHANNELS).toBe('dual');
    expect(DEFAULTS.RECORDING_STATUS_CALLBACK_EVENT).toBe('in-progress completed absent');
  });
});

describe('resolvePauseBehavior', () => {
  it('defaults to silence, accepts skip, rejects anything else', () => {
    expect(resolvePauseBehavior({}, {})).toEqual({ ok: true, value: 'silence' });
    expect(resolvePauseBehavior({ RECORDING_PAUSE_BEHAVIOR: 'skip' }, {})).toEqual({
      ok: true,
      value: 'skip',
    });
    const bad = resolvePauseBehavior({}, { PauseBehavior: 'drop' });
    expect(bad.ok).toBe(false);
    expect(bad.ok ? '' : bad.errors[0].message).toContain("'skip', 'silence'");
  });
});
