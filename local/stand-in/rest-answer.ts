import type { ServerResponse } from 'node:http';
import { errorMessage } from '../../src/errors';
import { logEvent } from '../../src/logger';
import type { RestExchange } from '../contracts';
import { RetryLaterError } from './media-route';
import type { Operation } from './openapi';
import { responseProblems } from './response-check';
import type { StandInContext } from './stand-in-context';
import { TwilioApiError } from './twilio-error';

/** How one REST request is answered, once, and logged as an exchange. */
export interface Answering {
  readonly exchange: RestExchange;
  /** The operation the request was routed to, once it is known (for strict answer checks). */
  operation?: Operation;
  answer(status: number, body: unknown, headers?: Record<string, string>): void;
  /** Answers an error: a TwilioApiError as it is, anything else as a 500 (20500). */
  fail(error: unknown): void;
}

/** In strict mode, an answer Twilio's description does not allow becomes a loud 500. */
function checked(
  context: StandInContext,
  answering: Answering,
  status: number,
  body: unknown,
): { status: number; body: unknown } {
  const problems = context.settings.strict
    ? responseProblems(answering.operation, status, body)
    : [];
  if (problems.length === 0) return { status, body };
  // A stand-in bug, not a Twilio behaviour: say so loudly rather than let a test pass on it.
  const operation = answering.exchange.operation;
  const message = `stand-in bug: ${operation} answered ${status} with a body Twilio's description does not allow: ${problems.join('; ')}`;
  logEvent('error', 'stand-in.invalid-answer', { operation, problems });
  return { status: 500, body: new TwilioApiError(500, 20500, message).toJson() };
}

/** The JSON answers of one request, written to `res`, with Twilio's headers. */
export function answering(
  context: StandInContext,
  res: ServerResponse,
  exchange: RestExchange,
): Answering {
  const self: Answering = {
    exchange,
    answer(status, body, headers = {}) {
      const sent = checked(context, self, status, body);
      exchange.status = sent.status;
      exchange.response = sent.body;
      context.exchanges.push(exchange);
      const revision =
        sent.body && typeof sent.body === 'object' && 'revision' in sent.body
          ? { ETag: String((sent.body as { revision: unknown }).revision) }
          : {};
      res.writeHead(sent.status, {
        'Content-Type': 'application/json',
        // Twilio's clock is the stand-in's: what a client reads as Twilio's time (an HTTP
        // server's Date, RFC 9110 section 6.6.1) moves with the simulated clock.
        Date: new Date(context.clock.now()).toUTCString(),
        'Twilio-Concurrent-Requests': String(context.concurrency.current),
        ...revision,
        ...headers,
      });
      res.end(sent.body === undefined ? '' : JSON.stringify(sent.body));
    },
    fail(error) {
      const apiError =
        error instanceof TwilioApiError
          ? error
          : new TwilioApiError(500, 20500, errorMessage(error));
      self.answer(
        apiError.status,
        apiError.toJson(),
        apiError instanceof RetryLaterError
          ? { 'Retry-After': String(apiError.retryAfterSeconds) }
          : {},
      );
    },
  };
  return self;
}
