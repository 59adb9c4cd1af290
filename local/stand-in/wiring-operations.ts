import type { Params } from './openapi';
import type { PhoneNumbers } from './phone-numbers';
import type { ServerlessServices } from './serverless';

type WiringHandler = (
  state: { phoneNumbers: PhoneNumbers; serverless: ServerlessServices },
  pathParams: Record<string, string>,
  params: Params,
  query: Params,
) => { status: number; body: unknown };

/**
 * The REST operations a phone number's wiring needs, by operationId: the account's
 * IncomingPhoneNumbers (list by number, fetch, update) and a deployed service's environments
 * (where its domain is read).
 */
export const WIRING_HANDLERS: Readonly<Record<string, WiringHandler>> = {
  ListIncomingPhoneNumber: ({ phoneNumbers }, _path, _params, query) => ({
    status: 200,
    body: phoneNumbers.list(query),
  }),
  FetchIncomingPhoneNumber: ({ phoneNumbers }, pathParams) => ({
    status: 200,
    body: phoneNumbers.json(phoneNumbers.fetch(pathParams.Sid)),
  }),
  UpdateIncomingPhoneNumber: ({ phoneNumbers }, pathParams, params) => ({
    status: 200,
    body: phoneNumbers.json(phoneNumbers.update(pathParams.Sid, params)),
  }),
  ListEnvironment: ({ serverless }, pathParams, _params, query) => ({
    status: 200,
    body: serverless.listEnvironments(pathParams.ServiceSid, query),
  }),
  FetchEnvironment: ({ serverless }, pathParams) => ({
    status: 200,
    body: serverless.fetchEnvironment(pathParams.ServiceSid, pathParams.Sid),
  }),
};
