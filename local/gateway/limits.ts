import type { IncomingMessage } from 'node:http';
import type { Refusal } from './exchange';

/** Twilio stops a Function after 10 seconds and its gateway answers 504 Gateway Time-out. */
export const FUNCTION_EXECUTION_LIMIT_MS = 10_000;
export const EXECUTION_LIMIT_STATUS = 504;

/** The only methods that reach a deployed Function (the Function Request Flow page). */
export const FUNCTION_METHODS: ReadonlySet<string> = new Set(['GET', 'POST', 'OPTIONS']);
// Assumption [function-method-405]: Twilio does not document the status methods other than GET,
// POST and OPTIONS get; 405 Method Not Allowed with an Allow header. The refusal is what matters.
export const METHOD_REFUSED_STATUS = 405;

/** "If a GET request includes a body, Twilio Functions returns an HTTP 403 Forbidden" (same page). */
export const GET_WITH_BODY_STATUS = 403;

/**
 * The Function Request Flow page limits a request to 1 MB, headers and cookies included, and a
 * Function's answer to 4 MB.
 * Assumption [function-size-limits-decimal]: the request's 1 MB and the answer's 4 MB are read
 * as 10^6 and 4 x 10^6 bytes, the stricter reading, counting each header as its name, its value
 * and four bytes (": " and the line end).
 */
export const MAX_REQUEST_BYTES = 1_000_000;
export const MAX_ANSWER_BYTES = 4_000_000;
// Assumption [function-request-too-large-413]: the page gives no status for a request over 1 MB;
// 413 Content Too Large, without calling the Function.
export const REQUEST_TOO_LARGE_STATUS = 413;
// Assumption [function-answer-too-large-502]: nor for a Function's answer over 4 MB; it is not
// delivered and the client gets 502 Bad Gateway, as from a gateway that got no usable answer.
export const ANSWER_TOO_LARGE_STATUS = 502;

/**
 * Headers and cookies, of a request and of an answer alike, for Functions and assets. Twilio's
 * two pages disagree: the limitations page says "Max header size: 15kb (including cookies)" and
 * "Max header count: 90 (including cookies)", answered 431 with "Request headers or cookies too
 * long" or "Response headers or cookies too long" (twilio.com/docs/serverless/functions-assets/
 * functions/headers-and-cookies/limitations); error 82008 says headers and cookies over 4 kB, or
 * more than 75 of them (twilio.com/docs/api/errors/82008).
 * Assumption [function-header-limits-page]: the stricter page, 82008, is followed (4 kB, 75),
 * with the limitations page's 431 and wording, for Functions and assets alike, so that what
 * passes here passes whichever page Twilio's gateway follows.
 * Assumption [function-header-size-decimal]: the 4 kB is read as 4,000 bytes, each header
 * counted as its name, its value and four bytes (": " and the line end).
 */
export const MAX_HEADER_BYTES = 4_000;
export const MAX_HEADER_COUNT = 75;
export const HEADERS_TOO_LARGE_STATUS = 431;

/** The bytes of a header list as the limits count them (name, value, ": " and the line end). */
export function headerBytes(raw: readonly string[]): number {
  let bytes = 0;
  for (let index = 0; index + 1 < raw.length; index += 2)
    bytes += Buffer.byteLength(raw[index]) + Buffer.byteLength(raw[index + 1]) + 4;
  return bytes;
}

/**
 * "Headers and cookies" counted as 82008 says them, the sum of the two.
 * Assumption [header-cookie-count]: every header line counts one, and every cookie one more:
 * each `name=value` of a request's Cookie header, each Set-Cookie line of an answer. So a Cookie
 * header with three cookies counts four, the strictest reading of "75 headers and cookies".
 */
export function headerAndCookieCount(raw: readonly string[]): number {
  let count = 0;
  for (let index = 0; index + 1 < raw.length; index += 2) {
    const name = raw[index].toLowerCase();
    count += 1;
    if (name === 'set-cookie') count += 1;
    if (name === 'cookie')
      count += raw[index + 1].split(';').filter((pair) => pair.trim() !== '').length;
  }
  return count;
}

/** Why a list of raw headers is over Twilio's header limits, or undefined. */
function headersOverLimit(raw: readonly string[]): string | undefined {
  const count = headerAndCookieCount(raw);
  if (count > MAX_HEADER_COUNT) return `${count} headers and cookies (at most ${MAX_HEADER_COUNT})`;
  const bytes = headerBytes(raw);
  return bytes > MAX_HEADER_BYTES
    ? `${bytes} bytes of headers (at most ${MAX_HEADER_BYTES})`
    : undefined;
}

/** What a route is to the limits: a Function, an asset, or a path the gateway does not know. */
export type RouteKind = 'function' | 'asset' | 'unknown';

/**
 * Why Twilio's gateway refuses a request before it reaches a Function or an asset, or
 * undefined. Methods, sizes and a GET's body are the Functions' rules; headers hold for all.
 */
export function requestRefusal(
  kind: RouteKind,
  req: IncomingMessage,
  body: Buffer,
): Refusal | undefined {
  const method = req.method ?? 'GET';
  if (kind === 'function' && !FUNCTION_METHODS.has(method))
    return {
      status: METHOD_REFUSED_STATUS,
      message: `Method ${method} is not allowed: Functions answer GET, POST and OPTIONS`,
      headers: { Allow: [...FUNCTION_METHODS].join(', ') },
    };
  const tooManyHeaders = headersOverLimit(req.rawHeaders);
  if (tooManyHeaders)
    return {
      status: HEADERS_TOO_LARGE_STATUS,
      message: `Request headers or cookies too long: ${tooManyHeaders}`,
    };
  if (kind !== 'function') return undefined;
  const size = body.length + headerBytes(req.rawHeaders);
  if (size > MAX_REQUEST_BYTES)
    return {
      status: REQUEST_TOO_LARGE_STATUS,
      message: `Request too large: ${size} bytes with its headers, over the ${MAX_REQUEST_BYTES} a Function accepts`,
    };
  if (method === 'GET' && body.length > 0)
    return {
      status: GET_WITH_BODY_STATUS,
      message: 'Forbidden: a GET request to a Function has no body',
    };
  return undefined;
}

/**
 * Why an answer is not delivered, or undefined: its headers, for every route; its size, for a
 * Function (or a path the gateway cannot tell is an asset).
 */
export function answerRefusal(
  kind: RouteKind,
  rawHeaders: readonly string[],
  body: Buffer,
): Refusal | undefined {
  const tooManyHeaders = headersOverLimit(rawHeaders);
  if (tooManyHeaders)
    return {
      status: HEADERS_TOO_LARGE_STATUS,
      message: `Response headers or cookies too long: ${tooManyHeaders}`,
    };
  const size = body.length + headerBytes(rawHeaders);
  if (kind !== 'asset' && size > MAX_ANSWER_BYTES)
    return {
      status: ANSWER_TOO_LARGE_STATUS,
      message: `Bad Gateway: the Function's answer is ${size} bytes, over the ${MAX_ANSWER_BYTES} a Function may answer`,
    };
  return undefined;
}
