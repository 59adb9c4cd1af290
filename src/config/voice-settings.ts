import type { SettingsGroup } from './settings-group';
import {
  ANNOUNCEMENT_TEXT,
  FEEDBACK_PROMPT,
  FEEDBACK_REPROMPT,
  FEEDBACK_SPEECH_TIMEOUT,
  FEEDBACK_START_TIMEOUT,
  INBOUND_ONLY_TEXT,
  SAY_LANGUAGE,
  SAY_VOICE,
  START_FAILED_TEXT,
  STOP_FAILED_TEXT,
  THANK_YOU_TEXT,
} from './settings-table';
import type { SettingValues } from './setting-values';

/** What the Client Feedback flow says and how; every text is a setting. */
export interface VoiceSettings {
  voice: string;
  language: string;
  announcement: string;
  inboundOnly: string;
  feedbackPrompt: string;
  feedbackReprompt: string;
  speechTimeout: string;
  startTimeoutSeconds: number;
  thankYou: string;
  startFailed: string;
  stopFailed: string;
}

export const VOICE: SettingsGroup<VoiceSettings> = {
  read: (values) => ({
    voice: values.text(SAY_VOICE),
    language: values.text(SAY_LANGUAGE),
    announcement: values.text(ANNOUNCEMENT_TEXT),
    inboundOnly: values.text(INBOUND_ONLY_TEXT),
    feedbackPrompt: values.text(FEEDBACK_PROMPT),
    feedbackReprompt: values.text(FEEDBACK_REPROMPT),
    speechTimeout: speechTimeout(values),
    startTimeoutSeconds: values.whole(FEEDBACK_START_TIMEOUT),
    thankYou: values.text(THANK_YOU_TEXT),
    startFailed: values.text(START_FAILED_TEXT),
    stopFailed: values.text(STOP_FAILED_TEXT),
  }),
};

/** Gather accepts `auto` (end when the caller stops talking) or whole seconds. */
function speechTimeout(values: SettingValues): string {
  const value = values.text(FEEDBACK_SPEECH_TIMEOUT);
  if (/^(auto|[1-9]\d?)$/.test(value)) return value;
  values.problem(FEEDBACK_SPEECH_TIMEOUT, `'${value}' must be auto or 1-99 seconds; using auto`);
  return 'auto';
}
