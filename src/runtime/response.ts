import type { TwilioResponse } from '@twilio-labs/serverless-runtime-types/types';
import { OutsideRuntime } from '../errors';
import type { Failure } from '../failure';

type ResponseConstructor = new () => TwilioResponse;

function newResponse(
  statusCode: number,
  contentType: string,
  headers: Record<string, string>,
): TwilioResponse {
  const Response = (globalThis as { Twilio?: { Response?: ResponseConstructor } }).Twilio?.Response;
  if (!Response) throw new OutsideRuntime('Twilio.Response');
  const response = new Response();
  response.setStatusCode(statusCode);
  response.appendHeader('Content-Type', contentType);
  for (const [name, value] of Object.entries(headers)) response.appendHeader(name, value);
  return response;
}

/** A JSON answer through the runtime's own Response class (the `Twilio.Response` global). */
export function jsonResponse(
  statusCode: number,
  body: unknown,
  headers: Record<string, string> = {},
): TwilioResponse {
  const response = newResponse(statusCode, 'application/json', headers);
  response.setBody(body as object);
  return response;
}

/**
 * Bytes as they are (audio), with their type. A Buffer body reaches the caller as bytes when
 * deployed and in-process locally; twilio-run's forked local mode would turn it into JSON,
 * which is why `npm start` runs the Functions in-process.
 */
export function bytesResponse(
  contentType: string,
  body: Buffer,
  headers: Record<string, string> = {},
): TwilioResponse {
  const response = newResponse(200, contentType, {
    'Content-Length': String(body.length),
    ...headers,
  });
  response.setBody(body as unknown as object);
  return response;
}

/**
 * A TwiML document. Twilio reads text/xml, application/xml and text/html answers as TwiML
 * ("Twilio understands MIME types", twilio.com/docs/voice/twiml); the runtime would set the type
 * itself only for twilio-node's own VoiceResponse.
 */
export function twimlResponse(twiml: { toString(): string }): TwilioResponse {
  const response = newResponse(200, 'text/xml', {});
  response.setBody(twiml.toString());
  return response;
}

/** The answer to an expected failure: its status, its code and message, the fields at fault. */
export function failureResponse(
  failure: Failure,
  headers: Record<string, string> = {},
): TwilioResponse {
  return jsonResponse(
    failure.status,
    {
      error: failure.code,
      message: failure.message,
      ...(failure.fields ? { fields: failure.fields } : {}),
    },
    headers,
  );
}
