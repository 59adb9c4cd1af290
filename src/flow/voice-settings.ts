import { setting } from '../config/defaults';

/** What the Client Feedback flow says and how; every text is configurable (see .env.example). */
export interface VoiceSettings {
  voice: string;
  language: string;
  announcement: string;
  inboundOnly: string;
  feedbackPrompt: string;
  feedbackReprompt: string;
  speechTimeout: string;
  maxSpeechSeconds: number;
  thankYou: string;
  startFailed: string;
  stopFailed: string;
}

export function voiceSettings(env: Record<string, unknown>): VoiceSettings {
  const speechTimeout = setting(env, 'FEEDBACK_SPEECH_TIMEOUT');
  const maxSeconds = Number(setting(env, 'FEEDBACK_MAX_SECONDS'));
  return {
    voice: setting(env, 'SAY_VOICE'),
    language: setting(env, 'SAY_LANGUAGE'),
    announcement: setting(env, 'ANNOUNCEMENT_TEXT'),
    inboundOnly: setting(env, 'INBOUND_ONLY_TEXT'),
    feedbackPrompt: setting(env, 'FEEDBACK_PROMPT'),
    feedbackReprompt: setting(env, 'FEEDBACK_REPROMPT'),
    // Gather accepts `auto` (end when the caller stops talking) or whole seconds.
    speechTimeout: /^(auto|[1-9]\d?)$/.test(speechTimeout) ? speechTimeout : 'auto',
    maxSpeechSeconds: Number.isInteger(maxSeconds) && maxSeconds > 0 && maxSeconds <= 600 ? maxSeconds : 60,
    thankYou: setting(env, 'THANK_YOU_TEXT'),
    startFailed: setting(env, 'START_FAILED_TEXT'),
    stopFailed: setting(env, 'STOP_FAILED_TEXT'),
  };
}
