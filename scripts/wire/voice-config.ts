import { ROUTE_PATHS } from '../../src/route-paths';

/** The part of a number's configuration this command changes: where its calls start. */
export interface VoiceConfig {
  /** '' when the number has none. */
  voiceUrl: string;
  voiceMethod: 'GET' | 'POST';
}

/** Where a number's calls must start to reach this project's flow on a deployed domain. */
export function wiredVoiceConfig(domain: string): VoiceConfig {
  return { voiceUrl: `https://${domain}${ROUTE_PATHS.incomingCall}`, voiceMethod: 'POST' };
}

export function sameVoiceConfig(a: VoiceConfig, b: VoiceConfig): boolean {
  return a.voiceUrl === b.voiceUrl && a.voiceMethod === b.voiceMethod;
}

export function describeVoiceConfig(config: VoiceConfig): string {
  return `VoiceUrl=${config.voiceUrl === '' ? '(none)' : config.voiceUrl}  VoiceMethod=${config.voiceMethod}`;
}

/** A value a POSIX shell passes through unchanged, inside single quotes. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** The command that puts a configuration back, ready to paste. */
export function restoreCommand(phoneNumber: string, config: VoiceConfig): string {
  return `npm run wire -- ${phoneNumber} --restore --voice-url ${shellQuote(config.voiceUrl)} --voice-method ${config.voiceMethod}`;
}
