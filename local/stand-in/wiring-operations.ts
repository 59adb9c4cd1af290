import type { Params } from './openapi';
import type { PhoneNumbers } from './phone-numbers';
import type { ServerlessServices } from './serverless';

/**
 * The REST operations a phone number's wiring needs: the account's IncomingPhoneNumbers (list
 * by number, fetch, update) and a deployed service's environments (where its domain is read).
 * Undefined for any other operation.
 */
export function performWiringOperation(
  state: { phoneNumbers: PhoneNumbers; serverless: ServerlessServices },
  operationId: string,
  pathParams: Record<string, string>,
  params: Params,
  query: Params,
): { status: number; body: unknown } | undefined {
  const { phoneNumbers, serverless } = state;
  switch (operationId) {
    case 'ListIncomingPhoneNumber':
      return { status: 200, body: phoneNumbers.list(query) };
    case 'FetchIncomingPhoneNumber':
      return { status: 200, body: phoneNumbers.json(phoneNumbers.fetch(pathParams.Sid)) };
    case 'UpdateIncomingPhoneNumber':
      return {
        status: 200,
        body: phoneNumbers.json(phoneNumbers.update(pathParams.Sid, params)),
      };
    case 'ListEnvironment':
      return { status: 200, body: serverless.listEnvironments(pathParams.ServiceSid, query) };
    case 'FetchEnvironment':
      return {
        status: 200,
        body: serverless.fetchEnvironment(pathParams.ServiceSid, pathParams.Sid),
      };
    default:
      return undefined;
  }
}
