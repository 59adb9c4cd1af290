import type {
  Context,
  ServerlessCallback,
  ServerlessEventObject,
  TwilioResponse,
} from '@twilio-labs/serverless-runtime-types/types';
import { errorMessage } from '../errors';
import { logEvent } from '../logger';
import { jsonResponse } from './response';
import type { VoiceResponse } from '../twilio/twiml';

/** The Function's environment (`context`): settings and, deployed, the account's credentials. */
export type Env = Record<string, unknown>;
/** The request's parameters as the runtime merged them (query and body), headers left out. */
export type Event = Record<string, unknown>;

type Handler = (
  context: Context,
  event: ServerlessEventObject,
  callback: ServerlessCallback,
) => Promise<void>;

function withoutRequest(event: ServerlessEventObject): Event {
  const { request: _request, ...params } = event as ServerlessEventObject & Event;
  return params;
}

/**
 * Wraps a voice step. Whatever goes wrong inside, the caller hears `fallback` (a polite goodbye)
 * instead of Twilio's "an application error has occurred", and one log line says why.
 */
export function voiceStep(
  name: string,
  step: (env: Env, event: Event) => VoiceResponse | Promise<VoiceResponse>,
  fallback: (env: Env) => VoiceResponse,
): Handler {
  return async (context, event, callback) => {
    const env = context as unknown as Env;
    try {
      callback(null, await step(env, withoutRequest(event)));
    } catch (error) {
      logEvent('error', `${name}.unexpected-error`, { message: errorMessage(error) });
      callback(null, fallback(env));
    }
  };
}

/** The request headers the runtime passes on (lower-case names; x-forwarded-* are stripped). */
export type Headers = Record<string, string | string[] | undefined>;

function headersOf(event: ServerlessEventObject): Headers {
  const request = (event as { request?: { headers?: Headers } }).request;
  return request?.headers ?? {};
}

export const UNEXPECTED_ERROR_BODY = {
  error: 'unexpected-error',
  message: 'The service could not answer this request; its logs say why.',
};

/** Wraps an HTTP step that answers with a status code and a body (JSON, or bytes). */
export function httpStep(
  name: string,
  step: (env: Env, event: Event, headers: Headers) => TwilioResponse | Promise<TwilioResponse>,
): Handler {
  return async (context, event, callback) => {
    try {
      callback(
        null,
        await step(context as unknown as Env, withoutRequest(event), headersOf(event)),
      );
    } catch (error) {
      logEvent('error', `${name}.unexpected-error`, { message: errorMessage(error) });
      // A 5xx on purpose (Twilio retries a webhook that failed, so the event is not lost), with
      // a body of our own: the runtime would send the error's message and stack to anyone.
      callback(null, jsonResponse(500, UNEXPECTED_ERROR_BODY));
    }
  };
}
