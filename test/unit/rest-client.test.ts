import { integerSetting } from '../../src/config/defaults';
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
    expect(createRestClient({}, { timeoutMs: 1000 })).toEqual({
      ok: false,
      error: expect.stringContaining('ACCOUNT_SID'),
    });
    expect(createRestClient({ ACCOUNT_SID: 'AC' + '0'.repeat(32) }, { timeoutMs: 1000 }).ok).toBe(
      false,
    );
  });

  it('keeps request timeout and budget inside the 10-second Function limit', () => {
    expect(integerSetting({}, 'REST_TIMEOUT_MS')).toBe(3000);
    expect(integerSetting({}, 'TOGGLE_BUDGET_MS')).toBe(7000);
    expect(integerSetting({ REST_TIMEOUT_MS: '30000' }, 'REST_TIMEOUT_MS')).toBe(9000);
    expect(integerSetting({ TOGGLE_BUDGET_MS: 'soon' }, 'TOGGLE_BUDGET_MS')).toBe(7000);
    expect(integerSetting({ REST_TIMEOUT_MS: '1' }, 'REST_TIMEOUT_MS')).toBe(250);
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
