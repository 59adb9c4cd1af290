import type { SettingsGroup } from './settings-group';
import {
  CONSENT_DECLINED_TEXT,
  CONSENT_NO_ANSWER_TEXT,
  CONSENT_NO_KEY,
  CONSENT_NO_WORDS,
  CONSENT_PROMPT,
  CONSENT_REPROMPT,
  CONSENT_TIMEOUT,
  CONSENT_YES_KEY,
  CONSENT_YES_WORDS,
  OPT_OUT_PROMPT,
  OPT_OUT_REPROMPT,
  RECORDING_CONSENT,
  type SettingRow,
} from './settings-table';
import type { SettingValues } from './setting-values';

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

/** Why only the consent step can start a recording, in the mode the settings chose. */
export function consentProofRule(mode: ConsentMode): string {
  return `with RECORDING_CONSENT=${mode}, only the consent step (/recording-consent) can start or resume a recording, once the caller has agreed`;
}

/**
 * The consent settings, checked together. A mistake in any of them is a configuration error,
 * and the flow then asks for consent (`opt-in`), the safe side: it never records without
 * asking. Each broken field falls back to its default.
 */
export const CONSENT: SettingsGroup<ConsentSettings> = {
  read: (values) => readConsentSettings(values),
};

function readConsentSettings(values: SettingValues): ConsentSettings {
  const problemsBefore = values.problems.length;
  const mode = values.choice(RECORDING_CONSENT, CONSENT_MODES);
  const keys = consentKeys(values);
  const words = consentWords(values);
  const prompts = {
    'opt-in': [values.text(CONSENT_PROMPT), values.text(CONSENT_REPROMPT)],
    'opt-out': [values.text(OPT_OUT_PROMPT), values.text(OPT_OUT_REPROMPT)],
  };
  const declinedText = values.text(CONSENT_DECLINED_TEXT);
  const noAnswerText = values.text(CONSENT_NO_ANSWER_TEXT);
  const broken = values.problems.length > problemsBefore || mode.error !== undefined;
  const chosen: ConsentMode = broken ? 'opt-in' : mode.value;
  const [prompt, reprompt] = prompts[chosen === 'opt-out' ? 'opt-out' : 'opt-in'];
  return {
    mode: chosen,
    prompt,
    reprompt,
    ...keys,
    ...words,
    timeoutSeconds: values.whole(CONSENT_TIMEOUT),
    declinedText,
    noAnswerText,
  };
}

function consentKeys(values: SettingValues): { yesKey: string; noKey: string } {
  const key = (row: SettingRow) => {
    const value = values.text(row);
    if (/^[0-9*#]$/.test(value)) return value;
    values.problem(row, `'${value}' must be one key: 0-9, * or #`);
    return row.default;
  };
  const yesKey = key(CONSENT_YES_KEY);
  const noKey = key(CONSENT_NO_KEY);
  if (yesKey !== noKey) return { yesKey, noKey };
  values.problem(CONSENT_NO_KEY, `'${noKey}' is also CONSENT_YES_KEY; use another key`);
  return { yesKey: CONSENT_YES_KEY.default, noKey: CONSENT_NO_KEY.default };
}

function consentWords(values: SettingValues): { yesWords: string[]; noWords: string[] } {
  const words = (row: SettingRow) => {
    const list = wordList(values.text(row));
    if (list.length > 0) return list;
    values.problem(row, 'must list at least one word, comma separated');
    return wordList(row.default);
  };
  const yesWords = words(CONSENT_YES_WORDS);
  const noWords = words(CONSENT_NO_WORDS);
  const both = yesWords.filter((word) => noWords.includes(word));
  if (both.length === 0) return { yesWords, noWords };
  values.problem(
    CONSENT_NO_WORDS,
    `${both.map((word) => `'${word}'`).join(', ')} also in CONSENT_YES_WORDS; a word can mean only one answer`,
  );
  return {
    yesWords: wordList(CONSENT_YES_WORDS.default),
    noWords: wordList(CONSENT_NO_WORDS.default),
  };
}

/** `Yes, Sure ,I agree` → ['yes', 'sure', 'i agree']. */
export function wordList(value: string): string[] {
  return value
    .split(',')
    .map((word) => word.trim().toLowerCase().replace(/\s+/g, ' '))
    .filter((word) => word !== '');
}
