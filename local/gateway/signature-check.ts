import type { IncomingMessage } from 'node:http';
import { parseForm } from '../form';

/**
 * What deployed Functions answer to a request whose Twilio signature is missing or wrong: HTTP
 * 400, as Twilio's Function Request Flow page says (twilio.com/docs/serverless/functions-assets/
 * functions/request-flow: "the request is rejected with an HTTP 400 response"). A Twilio support
 * article says 403 instead; the project depends on neither, only on the Function not running.
 */
export const SIGNATURE_REJECTED_STATUS = 400;

/**
 * Whether X-Twilio-Signature signs this request, made to `url` (the address the sender used,
 * query included): over the form parameters of a POST, or over the body of a JSON request, as
 * twilio-node's validators read them.
 */
export function hasValidSignature(
  authToken: string,
  url: string,
  req: IncomingMessage,
  body: Buffer,
): boolean {
  const signature = req.headers['x-twilio-signature'];
  if (typeof signature !== 'string' || signature === '') return false;
  const { validateRequest, validateRequestWithBody } = require('twilio') as typeof import('twilio');
  const contentType = String(req.headers['content-type'] ?? '');
  if (contentType.includes('application/json'))
    return validateRequestWithBody(authToken, signature, url, body.toString('utf8'));
  const params = req.method === 'POST' ? parseForm(body.toString('utf8')) : {};
  return validateRequest(authToken, signature, url, params as Record<string, string>);
}
