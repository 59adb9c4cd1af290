import type {
  Handler,
  HandlerTable,
  OperationAnswer,
  OperationRequest,
  StandInResources,
} from './operation-types';
import { SERVERLESS_HANDLERS } from './serverless/handlers';
import { SYNC_HANDLERS } from './sync-operations';
import { notFound, TwilioApiError } from './twilio-error';
import { VOICE_HANDLERS } from './voice-operations';
import { WIRING_HANDLERS } from './wiring-operations';

export type { OperationAnswer, OperationRequest, StandInResources } from './operation-types';

/** The stand-in's own operations (calls, recordings, Sync), by their operationId. */
export const OPERATION_HANDLERS: HandlerTable = { ...VOICE_HANDLERS, ...SYNC_HANDLERS };

/** A table's own entry for an operation (never one an object inherits, such as `toString`). */
function lookUp<T>(table: Readonly<Record<string, T>>, operationId: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(table, operationId) ? table[operationId] : undefined;
}

/**
 * Carries out one operation on the stand-in's resources and says what to answer, or throws
 * the TwilioApiError Twilio would answer with. Every table of handlers is looked up here.
 */
export function performOperation(
  resources: StandInResources,
  request: OperationRequest,
): OperationAnswer {
  const { pathParams, headers, operationId } = request;
  if (pathParams.AccountSid !== undefined && pathParams.AccountSid !== resources.accountSid) {
    throw notFound(`Account ${pathParams.AccountSid}`);
  }
  const ifMatch = typeof headers['if-match'] === 'string' ? headers['if-match'] : undefined;
  const own: Handler | undefined = lookUp(OPERATION_HANDLERS, operationId);
  if (own) return own({ ...request, resources, ifMatch });
  const wired = lookUp(WIRING_HANDLERS, operationId);
  if (wired) return wired(resources, request.pathParams, request.params, request.query);
  const deploy = lookUp(SERVERLESS_HANDLERS, operationId);
  if (deploy) return deploy(resources.serverless, request);
  throw new TwilioApiError(405, 20004, `${operationId} is not supported by the local stand-in`);
}
