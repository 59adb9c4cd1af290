import type { ServerResponse } from 'node:http';
import { MEDIA_PARAMETERS, mediaFile, type MediaRequest } from './media-route';
import type { Params } from './openapi';
import type { Answering } from './rest-answer';
import { unknownParameters } from './request-checks';
import type { StandInContext } from './stand-in-context';
import { notFound } from './twilio-error';

/**
 * A recording's audio, once the request is admitted. Behind the same Basic auth as the API:
 * Twilio makes that a setting ("Enforce HTTP Auth on Media URLs"); the stand-in always
 * enforces it. The file is raw bytes, so no response schema applies; its errors are Twilio's
 * JSON errors, checked as every error is (thrown to the caller, which answers them).
 */
export function serveMedia(
  context: StandInContext,
  request: MediaRequest,
  query: Params,
  reply: Answering,
  res: ServerResponse,
): void {
  const exchange = reply.exchange;
  // Assumption [other-account-404]: a path under another account's SID answers 404 (20404),
  // as if it named nothing (operations.ts does the same for the REST operations).
  if (request.accountSid !== context.accountSid) throw notFound(`Account ${request.accountSid}`);
  const unknown = Object.keys(query).filter((name) => !MEDIA_PARAMETERS.has(name));
  if (unknown.length > 0)
    unknownParameters(context.settings, exchange, exchange.operation, unknown);
  const file = mediaFile(request, query, {
    mediaSource: (sid) => context.voice.mediaSource(sid),
    file: (sid, callSid, window, format) => context.media.file(sid, callSid, window, format),
  });
  exchange.status = 200;
  exchange.response = { contentType: file.contentType, bytes: file.body.length };
  if (file.warnings.length > 0)
    exchange.warnings = [...(exchange.warnings ?? []), ...file.warnings];
  context.exchanges.push(exchange);
  res.writeHead(200, {
    'Content-Type': file.contentType,
    'Content-Length': String(file.body.length),
    Date: new Date(context.clock.now()).toUTCString(),
    'Twilio-Concurrent-Requests': String(context.concurrency.current),
  });
  res.end(file.body);
}
