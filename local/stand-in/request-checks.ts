import type { IncomingMessage } from 'node:http';
import { logEvent } from '../../src/logger';
import type { RestExchange } from '../contracts';
import {
  matchOperation,
  operationsOf,
  validateParams,
  validatePath,
  type MatchedOperation,
  type Params,
} from './openapi';
import type { StandInContext } from './stand-in-context';
import type { StandInSettings } from './stand-in-types';
import { matchUpload } from './serverless/uploads';
import { notFound, TwilioApiError } from './twilio-error';

/** Which pinned OpenAPI description serves each product (`https://{product}.twilio.com`). */
const SPEC_OF_PRODUCT = {
  api: 'twilio_api_v2010',
  sync: 'twilio_sync_v1',
  serverless: 'twilio_serverless_v1',
} as const;

/**
 * The operation a request names in its product's description.
 * Assumption [unknown-route-404-before-auth]: a path that names no operation answers 404
 * (20404) before credentials are looked at; Twilio does not say which check comes first.
 */
export function routeOf(
  product: string,
  method: string,
  path: string,
  pathname: string,
): MatchedOperation {
  const spec = Object.prototype.hasOwnProperty.call(SPEC_OF_PRODUCT, product)
    ? SPEC_OF_PRODUCT[product as keyof typeof SPEC_OF_PRODUCT]
    : undefined;
  const matched = spec
    ? matchOperation(operationsOf(spec), method, path)
    : product === 'serverless-upload'
      ? matchUpload(method, path)
      : undefined;
  if (!matched) throw notFound(`${method} ${pathname}`);
  return matched;
}

/** Credentials, then the account's concurrency limit, before anything else is looked at. */
export function admit(context: StandInContext, req: IncomingMessage, overLimit: boolean): void {
  if (req.headers.authorization !== context.expectedAuthorization)
    throw new TwilioApiError(401, 20003, 'Authenticate');
  if (overLimit)
    throw new TwilioApiError(
      429,
      20429,
      `Too Many Requests: more than ${context.settings.concurrencyLimit} concurrent requests on this account`,
    );
}

/** The answer Twilio gives to an unknown parameter name: ignored, with a warning (20001). */
export function unknownParameters(
  settings: StandInSettings,
  exchange: RestExchange,
  operationId: string,
  names: string[],
): void {
  const text = `Unknown parameter${names.length > 1 ? 's' : ''} ${names.join(', ')} for ${operationId}`;
  if (settings.strict)
    throw new TwilioApiError(
      400,
      20001,
      `${text} (rejected by the stand-in's strict mode; Twilio ignores unknown parameters)`,
    );
  const warning = `20001 ${text}: ignored, as Twilio does`;
  exchange.warnings = [...(exchange.warnings ?? []), warning];
  logEvent('warn', 'stand-in.unknown-parameters', {
    operation: operationId,
    parameters: names,
    code: 20001,
  });
}

/** The path's segments and the parameters, checked against the operation's description. */
export function checkRequest(
  settings: StandInSettings,
  exchange: RestExchange,
  matched: MatchedOperation,
  request: { pathname: string; query: Params; form: Params },
): void {
  // Assumption [path-shape-404]: a path segment without the shape the description gives it
  // (e.g. a fetch by Twilio.CURRENT, whose Sid the description limits to RE…) names no
  // resource: 404 (20404), as Twilio documents no validation error for it.
  if (validatePath(matched.operation, matched.pathParams).length > 0)
    throw notFound(request.pathname);

  const queryProblems = validateParams(matched.operation, 'query', request.query);
  const formProblems = validateParams(matched.operation, 'form', request.form);
  const unknown = [...queryProblems.unknown, ...formProblems.unknown];
  if (unknown.length > 0) unknownParameters(settings, exchange, exchange.operation, unknown);
  const invalid = [...queryProblems.invalid, ...formProblems.invalid];
  if (invalid.length > 0) {
    // Assumption [value-outside-set-400]: Twilio documents no code for a value outside a
    // parameter's set; 400 with 13621 for callback events (the code its TwiML gives the same
    // mistake), else 20001.
    const code = invalid.some((problem) => problem.startsWith('RecordingStatusCallbackEvent'))
      ? 13621
      : 20001;
    throw new TwilioApiError(400, code, invalid.join('; '));
  }
}
