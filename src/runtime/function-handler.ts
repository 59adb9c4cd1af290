import type {
  Context,
  ServerlessCallback,
  ServerlessEventObject,
  TwilioResponse,
} from '@twilio-labs/serverless-runtime-types/types';
import { readGroups, type GroupValues, type SettingsGroup } from '../config/settings-group';
import type { VoiceSettings } from '../config/voice-settings';
import { errorMessage } from '../errors';
import { logEvent } from '../logger';
import type { VoiceResponse } from '../twilio/twiml';
import { jsonResponse, twimlResponse } from './response';

/** The request's parameters as the runtime merged them (query and body), headers left out. */
export type Event = Record<string, unknown>;
/** The request headers the runtime passes on (lower-case names; x-forwarded-* are stripped). */
export type Headers = Record<string, string | string[] | undefined>;

type Handler = (
  context: Context,
  event: ServerlessEventObject,
  callback: ServerlessCallback,
) => Promise<void>;

function withoutRequest(event: ServerlessEventObject): Event {
  const { request: _request, ...params } = event as ServerlessEventObject & Event;
  return params;
}

function headersOf(event: ServerlessEventObject): Headers {
  const request = (event as { request?: { headers?: Headers } }).request;
  return request?.headers ?? {};
}

/**
 * A broken setting keeps its safe behaviour (settings.ts says which) and is named in one log
 * line, at every request that reads it, until it is fixed.
 */
function reportProblems(name: string, settings: { problems: unknown[] }): void {
  if (settings.problems.length > 0) {
    logEvent('error', `${name}.configuration-error`, { errors: settings.problems });
  }
}

/**
 * Wraps a voice step, with the setting groups it reads (`voice` at least: the fallback speaks).
 * Whatever goes wrong inside, the caller hears `fallback` (a polite goodbye)
 * instead of Twilio's "an application error has occurred", and one log line says why. This and
 * httpStep are the only places that catch what nothing else expected.
 */
type Groups = Record<string, SettingsGroup<unknown>>;

export function voiceStep<G extends Groups & { voice: SettingsGroup<VoiceSettings> }>(
  name: string,
  groups: G,
  step: (settings: GroupValues<G>, event: Event) => VoiceResponse | Promise<VoiceResponse>,
  fallback: (settings: GroupValues<G>) => VoiceResponse,
): Handler {
  return async (context, event, callback) => {
    const settings = readGroups(context as unknown as Record<string, unknown>, groups);
    try {
      const twiml = await step(settings, withoutRequest(event));
      reportProblems(name, settings);
      callback(null, twimlResponse(twiml));
    } catch (error) {
      logEvent('error', `${name}.unexpected-error`, { message: errorMessage(error) });
      callback(null, twimlResponse(fallback(settings)));
    }
  };
}

export const UNEXPECTED_ERROR_BODY = {
  error: 'unexpected-error',
  message: 'The service could not answer this request; its logs say why.',
};

/** Wraps an HTTP step that answers with a status code and a body (JSON, or bytes). */
export function httpStep<G extends Groups>(
  name: string,
  groups: G,
  step: (
    settings: GroupValues<G>,
    event: Event,
    headers: Headers,
  ) => TwilioResponse | Promise<TwilioResponse>,
): Handler {
  return async (context, event, callback) => {
    try {
      const settings = readGroups(context as unknown as Record<string, unknown>, groups);
      const response = await step(settings, withoutRequest(event), headersOf(event));
      reportProblems(name, settings);
      callback(null, response);
    } catch (error) {
      logEvent('error', `${name}.unexpected-error`, { message: errorMessage(error) });
      // A 5xx on purpose (Twilio retries a webhook that failed, so the event is not lost), with
      // a body of our own: the runtime would send the error's message and stack to anyone.
      callback(null, jsonResponse(500, UNEXPECTED_ERROR_BODY));
    }
  };
}
