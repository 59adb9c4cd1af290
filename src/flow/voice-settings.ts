import { integerSetting, setting } from '../config/defaults';

/** What the Client Feedback flow says and how; every text is configurable (see .env.example). */
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

export function voiceSettings(env: Record<string, unknown>): VoiceSettings {
  const speechTimeout = setting(env, 'FEEDBACK_SPEECH_TIMEOUT');
  return {
    voice: setting(env, 'SAY_VOICE'),
    language: setting(env, 'SAY_LANGUAGE'),
    announcement: setting(env, 'ANNOUNCEMENT_TEXT'),
    inboundOnly: setting(env, 'INBOUND_ONLY_TEXT'),
    feedbackPrompt: setting(env, 'FEEDBACK_PROMPT'),
    feedbackReprompt: setting(env, 'FEEDBACK_REPROMPT'),
    // Gather accepts `auto` (end when the caller stops talking) or whole seconds.
    speechTimeout: /^(auto|[1-9]\d?)$/.test(speechTimeout) ? speechTimeout : 'auto',
    startTimeoutSeconds: integerSetting(env, 'FEEDBACK_START_TIMEOUT'),
    thankYou: setting(env, 'THANK_YOU_TEXT'),
    startFailed: setting(env, 'START_FAILED_TEXT'),
    stopFailed: setting(env, 'STOP_FAILED_TEXT'),
  };
}
