import type { TwilioResponse } from '@twilio-labs/serverless-runtime-types/types';
import type { FieldError } from '../request/fields';

type ResponseConstructor = new () => TwilioResponse;

/** A JSON answer through the runtime's own Response class (the `Twilio.Response` global). */
export function jsonResponse(statusCode: number, body: unknown): TwilioResponse {
  const Response = (globalThis as { Twilio?: { Response?: ResponseConstructor } }).Twilio?.Response;
  if (!Response) throw new Error('Twilio.Response is only available inside the Functions runtime');
  const response = new Response();
  response.setStatusCode(statusCode);
  response.appendHeader('Content-Type', 'application/json');
  response.setBody(body as object);
  return response;
}

export function badRequest(errors: FieldError[]): TwilioResponse {
  return jsonResponse(400, {
    error: 'invalid-request',
    message: errors.map((error) => `${error.field} ${error.message}`).join('; '),
    fields: errors,
  });
}
