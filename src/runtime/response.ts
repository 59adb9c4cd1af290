import type { TwilioResponse } from '@twilio-labs/serverless-runtime-types/types';
import { describeFieldErrors, type FieldError } from '../request/fields';

type ResponseConstructor = new () => TwilioResponse;

function newResponse(
  statusCode: number,
  contentType: string,
  headers: Record<string, string>,
): TwilioResponse {
  const Response = (globalThis as { Twilio?: { Response?: ResponseConstructor } }).Twilio?.Response;
  if (!Response) throw new Error('Twilio.Response is only available inside the Functions runtime');
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

export function badRequest(
  errors: FieldError[],
  headers: Record<string, string> = {},
): TwilioResponse {
  return jsonResponse(
    400,
    {
      error: 'invalid-request',
      message: describeFieldErrors(errors),
      fields: errors,
    },
    headers,
  );
}
