import { wordList } from '../../src/config/consent-settings';
import { readSettings } from '../../src/config/settings';
import { readConsentAnswer } from '../../src/flow/consent-answer';
import { consentToken, isConsentToken } from '../../src/recording/consent-token';
import { TEST_AUTH_TOKEN, TEST_CALL_SID } from '../support/fixtures';

/** The consent settings as the Functions read them, and every setting problem found. */
function consentSettings(env: Record<string, string>) {
  const read = readSettings(env);
  return { settings: read.consent, errors: read.problems };
}

describe('the consent settings', () => {
  it('default to a notice, with keys 1 and 2 and small word lists', () => {
    const { settings, errors } = consentSettings({});
    expect(errors).toEqual([]);
    expect(settings).toMatchObject({ mode: 'notice', yesKey: '1', noKey: '2', timeoutSeconds: 5 });
    expect(settings.yesWords).toContain('yes');
    expect(settings.noWords).toContain('no');
  });

  it('take the opt-out prompts in opt-out mode', () => {
    const { settings } = consentSettings({ RECORDING_CONSENT: 'OPT-OUT' });
    expect(settings.mode).toBe('opt-out');
    expect(settings.prompt).toMatch(/will be recorded/);
  });

  it.each([
    [{ RECORDING_CONSENT: 'always' }, 'RECORDING_CONSENT'],
    [{ RECORDING_CONSENT: 'opt-out', CONSENT_PROMPT: '   ' }, 'CONSENT_PROMPT'],
    [{ RECORDING_CONSENT: 'notice', CONSENT_NO_KEY: '1' }, 'CONSENT_NO_KEY'],
    [{ RECORDING_CONSENT: 'opt-out', CONSENT_YES_KEY: '12' }, 'CONSENT_YES_KEY'],
    [{ RECORDING_CONSENT: 'notice', CONSENT_NO_WORDS: 'nope, Yes' }, 'CONSENT_NO_WORDS'],
    [{ RECORDING_CONSENT: 'opt-out', CONSENT_YES_WORDS: ' , ,' }, 'CONSENT_YES_WORDS'],
  ])('treat %p as a configuration error naming %s, and fall back to opt-in', (env, field) => {
    const { settings, errors } = consentSettings(env);
    expect(errors).toEqual([expect.objectContaining({ field })]);
    expect(settings.mode).toBe('opt-in');
    // Whatever was broken, the flow still has a question to ask and keys that differ.
    expect(settings.prompt.trim()).not.toBe('');
    expect(settings.yesKey).not.toBe(settings.noKey);
  });

  it('read word lists in any case and spacing', () => {
    expect(wordList(' Yes , I   Agree,,OK ')).toEqual(['yes', 'i agree', 'ok']);
  });
});

describe('the caller’s answer', () => {
  const { settings } = consentSettings({ RECORDING_CONSENT: 'opt-in' });

  it.each([
    [{ digits: '1' }, 'yes', 'dtmf'],
    [{ digits: '2' }, 'no', 'dtmf'],
    [{ digits: '7' }, 'unclear', 'dtmf'],
    [{ speech: 'Yes.' }, 'yes', 'speech'],
    [{ speech: 'YEAH sure' }, 'yes', 'speech'],
    [{ speech: 'I agree to that' }, 'yes', 'speech'],
    [{ speech: 'No thanks!' }, 'no', 'speech'],
    [{ speech: 'I don’t want that' }, 'no', 'speech'],
    [{ speech: 'yes... no, wait' }, 'unclear', 'speech'],
    [{ speech: 'what is this about' }, 'unclear', 'speech'],
    [{ speech: 'yesterday' }, 'unclear', 'speech'],
    [{}, 'unclear', 'none'],
  ])('reads %p as %s (%s)', (input, answer, method) => {
    expect(readConsentAnswer(settings, input)).toMatchObject({ answer, method });
  });

  it('keeps what was given, for the evidence', () => {
    expect(readConsentAnswer(settings, { speech: 'yes please', confidence: 0.8 })).toEqual({
      answer: 'yes',
      method: 'speech',
      speech: 'yes please',
      confidence: 0.8,
    });
  });
});

describe('the consent proof', () => {
  it('is bound to the call and to the account’s auth token', () => {
    const token = consentToken(TEST_AUTH_TOKEN, TEST_CALL_SID);
    expect(isConsentToken(TEST_AUTH_TOKEN, TEST_CALL_SID, token)).toBe(true);
    expect(isConsentToken(TEST_AUTH_TOKEN, 'CA' + 'f'.repeat(32), token)).toBe(false);
    expect(isConsentToken('another-token', TEST_CALL_SID, token)).toBe(false);
    expect(isConsentToken(TEST_AUTH_TOKEN, TEST_CALL_SID, token.slice(1))).toBe(false);
    expect(isConsentToken(undefined, TEST_CALL_SID, token)).toBe(false);
    expect(token).not.toContain(TEST_AUTH_TOKEN);
  });
});
