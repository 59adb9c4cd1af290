import { allowedList, oneOf, type FieldError } from '../request/fields';
import { DEFAULTS, integerSetting, setting, type SettingName } from './defaults';

export const CONSENT_MODES = ['notice', 'opt-in', 'opt-out'] as const;
export type ConsentMode = (typeof CONSENT_MODES)[number];

/** How the flow asks for consent, and how it reads the answer. */
export interface ConsentSettings {
  mode: ConsentMode;
  /** What the caller is asked, the first time and the second. */
  prompt: string;
  reprompt: string;
  yesKey: string;
  noKey: string;
  /** Lower case, each a word or a short phrase. */
  yesWords: string[];
  noWords: string[];
  timeoutSeconds: number;
  declinedText: string;
  noAnswerText: string;
}

/**
 * The consent settings, checked. A mistake in them is a configuration error, reported with the
 * settings; the flow then asks for consent (`opt-in`), the safe side, and never records
 * without asking. Each broken field falls back to its default.
 */
export function consentSettings(env: Record<string, unknown>): {
  settings: ConsentSettings;
  errors: FieldError[];
} {
  const errors: FieldError[] = [];
  const text = (name: SettingName) => {
    if (typeof env[name] === 'string' && (env[name] as string).trim() === '' && env[name] !== '') {
      errors.push({
        field: name,
        message: 'is blank; leave it out to use the default, or say something',
      });
    }
    return setting(env, name);
  };
  const rawMode = setting(env, 'RECORDING_CONSENT').toLowerCase();
  const knownMode = oneOf(CONSENT_MODES, rawMode);
  if (!knownMode) {
    errors.push({
      field: 'RECORDING_CONSENT',
      message: `'${rawMode}' is not a consent mode; use one of ${allowedList(CONSENT_MODES)}`,
    });
  }
  const key = (name: 'CONSENT_YES_KEY' | 'CONSENT_NO_KEY') => {
    const value = setting(env, name);
    if (/^[0-9*#]$/.test(value)) return value;
    errors.push({ field: name, message: `'${value}' must be one key: 0-9, * or #` });
    return DEFAULTS[name];
  };
  let yesKey = key('CONSENT_YES_KEY');
  let noKey = key('CONSENT_NO_KEY');
  if (yesKey === noKey) {
    errors.push({
      field: 'CONSENT_NO_KEY',
      message: `'${noKey}' is also CONSENT_YES_KEY; use another key`,
    });
    yesKey = DEFAULTS.CONSENT_YES_KEY;
    noKey = DEFAULTS.CONSENT_NO_KEY;
  }
  const words = (name: 'CONSENT_YES_WORDS' | 'CONSENT_NO_WORDS') => {
    const list = wordList(setting(env, name));
    if (list.length > 0) return list;
    errors.push({ field: name, message: 'must list at least one word, comma separated' });
    return wordList(DEFAULTS[name]);
  };
  let yesWords = words('CONSENT_YES_WORDS');
  let noWords = words('CONSENT_NO_WORDS');
  const both = yesWords.filter((word) => noWords.includes(word));
  if (both.length > 0) {
    errors.push({
      field: 'CONSENT_NO_WORDS',
      message: `${both.map((word) => `'${word}'`).join(', ')} also in CONSENT_YES_WORDS; a word can mean only one answer`,
    });
    yesWords = wordList(DEFAULTS.CONSENT_YES_WORDS);
    noWords = wordList(DEFAULTS.CONSENT_NO_WORDS);
  }
  const prompts = {
    'opt-in': [text('CONSENT_PROMPT'), text('CONSENT_REPROMPT')],
    'opt-out': [text('OPT_OUT_PROMPT'), text('OPT_OUT_REPROMPT')],
  };
  const declinedText = text('CONSENT_DECLINED_TEXT');
  const noAnswerText = text('CONSENT_NO_ANSWER_TEXT');
  const mode: ConsentMode = knownMode && errors.length === 0 ? rawMode : 'opt-in';
  const [prompt, reprompt] = prompts[mode === 'opt-out' ? 'opt-out' : 'opt-in'];
  return {
    settings: {
      mode,
      prompt,
      reprompt,
      yesKey,
      noKey,
      yesWords,
      noWords,
      timeoutSeconds: integerSetting(env, 'CONSENT_TIMEOUT'),
      declinedText,
      noAnswerText,
    },
    errors,
  };
}

/** `Yes, Sure ,I agree` → ['yes', 'sure', 'i agree']. */
export function wordList(value: string): string[] {
  return value
    .split(',')
    .map((word) => word.trim().toLowerCase().replace(/\s+/g, ' '))
    .filter((word) => word !== '');
}
