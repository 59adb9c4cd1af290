import { readSettings } from '../../src/config/settings';
import { loopbackBaseUrl, rewriteToLoopback } from '../../src/twilio/loopback';
import { createRestClient } from '../../src/twilio/rest-client';
import { redact } from '../../src/logger';

describe('the loopback seam', () => {
  it.each([
    ['http://127.0.0.1:4010', 'http://127.0.0.1:4010'],
    ['http://localhost:4010/', 'http://localhost:4010'],
    ['http://[::1]:4010', 'http://[::1]:4010'],
  ])('accepts the loopback address %s', (value, expected) => {
    expect(loopbackBaseUrl(value)).toBe(expected);
  });

  it.each([
    'https://api.twilio.com',
    'http://10.0.0.1:4010',
    'http://example.com',
    'file:///etc',
    'nonsense',
    '',
    undefined,
    42,
  ])('ignores %p, so deployed Functions always reach Twilio', (value) => {
    expect(loopbackBaseUrl(value)).toBeUndefined();
  });

  it('maps each Twilio product host to a path prefix', () => {
    expect(
      rewriteToLoopback(
        'https://api.twilio.com/2010-04-01/Accounts/AC1/Calls.json',
        'http://127.0.0.1:1',
      ),
    ).toBe('http://127.0.0.1:1/api/2010-04-01/Accounts/AC1/Calls.json');
    expect(
      rewriteToLoopback('https://sync.twilio.com/v1/Services/default', 'http://127.0.0.1:1'),
    ).toBe('http://127.0.0.1:1/sync/v1/Services/default');
    expect(rewriteToLoopback('https://example.com/x', 'http://127.0.0.1:1')).toBe(
      'https://example.com/x',
    );
  });
});

describe('client settings', () => {
  it('refuses to build a client without credentials', () => {
    expect(createRestClient(readSettings({}).twilio)).toEqual({
      ok: false,
      error: expect.objectContaining({
        code: 'missing-credentials',
        message: expect.stringContaining('ACCOUNT_SID'),
      }),
    });
    expect(createRestClient(readSettings({ ACCOUNT_SID: 'AC' + '0'.repeat(32) }).twilio).ok).toBe(
      false,
    );
  });

  it('keeps request timeout and budget inside the 10-second Function limit', () => {
    const timeout = (env: Record<string, string>) => readSettings(env).twilio.restTimeoutMs;
    const toggleBudget = (env: Record<string, string>) =>
      readSettings(env).recording.toggleBudgetMs;
    expect(timeout({})).toBe(3000);
    expect(toggleBudget({})).toBe(7000);
    expect(timeout({ REST_TIMEOUT_MS: '30000' })).toBe(9000);
    expect(toggleBudget({ TOGGLE_BUDGET_MS: 'soon' })).toBe(7000);
    expect(timeout({ REST_TIMEOUT_MS: '1' })).toBe(250);
  });
});

describe('the logger', () => {
  it('redacts secret-looking fields', () => {
    expect(redact({ AUTH_TOKEN: 'abc', authToken: 'x', signature: 's', callSid: 'CA1' })).toEqual({
      AUTH_TOKEN: '[redacted]',
      authToken: '[redacted]',
      signature: '[redacted]',
      callSid: 'CA1',
    });
  });
});
