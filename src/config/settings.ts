import { CONSENT, type ConsentSettings } from './consent-settings';
import { LOG, RETENTION_DAYS, type LogSettings } from './log-settings';
import { PAGE_PASSWORD, type PagePassword } from './page-settings';
import { RECORDING, type RecordingSettings } from './recording-settings';
import { readGroups } from './settings-group';
import type { Context } from './setting-values';
import { TWILIO, type TwilioSettings } from './twilio-settings';
import { VOICE, type VoiceSettings } from './voice-settings';

export type { Context } from './setting-values';
export type { FieldResult } from './recording-options';
export type { ConsentSettings } from './consent-settings';
export type { LogSettings } from './log-settings';
export { MIN_PASSWORD_LENGTH, type PagePassword } from './page-settings';
export type { RecordingSettings } from './recording-settings';
export {
  MISSING_CREDENTIALS,
  RETURN_NEEDS_ACCOUNT,
  type Credentials,
  type TwilioSettings,
} from './twilio-settings';
export type { VoiceSettings } from './voice-settings';

/** Every group of settings, by the name each goes by in Settings. */
export const SETTINGS_GROUPS = {
  twilio: TWILIO,
  recording: RECORDING,
  log: LOG,
  consent: CONSENT,
  voice: VOICE,
  pagePassword: PAGE_PASSWORD,
  retentionDays: RETENTION_DAYS,
};

/**
 * Every setting, read once per invocation. A route reads only the groups it declares (the
 * route wrappers take them), so a step's settings are a Pick of these.
 */
export interface Settings {
  readonly twilio: TwilioSettings;
  readonly recording: RecordingSettings;
  readonly log: LogSettings;
  readonly consent: ConsentSettings;
  readonly voice: VoiceSettings;
  readonly pagePassword: PagePassword;
  /** Days recordings are kept; undefined keeps them. */
  readonly retentionDays?: number;
  /** Every setting found wrong so far, named, with what was used instead. */
  readonly problems: import('../failure').FieldError[];
}

/**
 * Every group of the context's settings, all read at once so that `problems` names every
 * broken setting: for the commands, the local tools and the tests.
 */
export function readSettings(context: Context): Settings {
  const settings = readGroups(context, SETTINGS_GROUPS);
  for (const name of Object.keys(SETTINGS_GROUPS)) void settings[name as keyof Settings];
  return settings;
}
