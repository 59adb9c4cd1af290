import type { IncomingHttpHeaders } from 'node:http';
import { apiPage } from './api-page';
import { startsWithin, type CallsAndRecordings } from './calls-and-recordings';
import type { Params } from './openapi';
import type { PhoneNumbers } from './phone-numbers';
import { listRecordings } from './recording-list';
import type { ServerlessServices } from './serverless';
import { SERVERLESS_HANDLERS } from './serverless/handlers';
import type { SyncMaps } from './sync-maps';
import { notFound, TwilioApiError } from './twilio-error';
import { WIRING_HANDLERS } from './wiring-operations';

/** Everything the stand-in holds, as the REST operations act on it. */
export interface StandInResources {
  accountSid: string;
  voice: CallsAndRecordings;
  sync: SyncMaps;
  phoneNumbers: PhoneNumbers;
  serverless: ServerlessServices;
}

/** One REST request, routed and checked: which operation, and what it carried. */
export interface OperationRequest {
  product: string;
  operationId: string;
  pathParams: Record<string, string>;
  /** The form body. */
  params: Params;
  query: Params;
  headers: IncomingHttpHeaders;
  /** The path as Twilio sees it (without the product). */
  path: string;
  /** The raw body (the Serverless uploads are multipart). */
  body?: Buffer;
}

/** What an operation answers: a status and a body (undefined for none). */
export interface OperationAnswer {
  status: number;
  body: unknown;
}

/** Everything one operation's handler may read. */
interface OperationContext extends OperationRequest {
  resources: StandInResources;
  ifMatch?: string;
}

type Handler = (context: OperationContext) => OperationAnswer;

/** The stand-in's own operations (calls, recordings, Sync), by their operationId. */
export const OPERATION_HANDLERS: Readonly<Record<string, Handler>> = {
  FetchCall: ({ resources: { voice }, pathParams }) => ({
    status: 200,
    body: voice.callJson(voice.call(pathParams.Sid)),
  }),
  ListCall: ({ resources: { voice, accountSid }, query }) => {
    const calls = [...voice.calls.values()]
      .filter((call) => startsWithin(call, query))
      .filter((call) => query.Status === undefined || call.status === query.Status)
      .filter((call) => query.To === undefined || call.to === query.To)
      .filter((call) => query.From === undefined || call.from === query.From)
      .sort((a, b) => b.createdAt - a.createdAt);
    return {
      status: 200,
      body: apiPage(
        'calls',
        calls,
        query,
        `/2010-04-01/Accounts/${accountSid}/Calls.json`,
        (call) => voice.callJson(call),
      ),
    };
  },
  // The description declares 200 and 201 for a create; the stand-in answers 201, the status
  // the live API gives (the project's client takes either).
  CreateCallRecording: ({ resources: { voice }, pathParams, params }) => ({
    status: 201,
    body: voice.recordingJson(voice.create(pathParams.CallSid, params)),
  }),
  UpdateCallRecording: ({ resources: { voice }, pathParams, params }) => ({
    status: 200,
    body: voice.recordingJson(voice.update(pathParams.CallSid, pathParams.Sid, params)),
  }),
  FetchCallRecording: ({ resources: { voice }, pathParams }) => ({
    status: 200,
    body: voice.recordingJson(voice.target(pathParams.CallSid, pathParams.Sid)),
  }),
  // A call's recordings list as the account's does (newest first, DateCreated filters, pages).
  ListCallRecording: ({ resources: { voice, accountSid }, pathParams, query }) => {
    voice.call(pathParams.CallSid);
    return {
      status: 200,
      body: listRecordings(
        voice.recordingsOf(pathParams.CallSid),
        query,
        `/2010-04-01/Accounts/${accountSid}/Calls/${pathParams.CallSid}/Recordings.json`,
        (recording) => voice.recordingJson(recording),
      ),
    };
  },
  FetchRecording: ({ resources: { voice }, pathParams }) => ({
    status: 200,
    body: voice.accountRecordingJson(voice.recording(pathParams.Sid)),
  }),
  ListRecording: ({ resources: { voice, accountSid }, query }) => ({
    status: 200,
    body: listRecordings(
      [...voice.recordings.values()],
      query,
      `/2010-04-01/Accounts/${accountSid}/Recordings.json`,
      (recording) => voice.accountRecordingJson(recording),
    ),
  }),
  CreateSyncMap: ({ resources: { sync }, pathParams, params }) => ({
    status: 201,
    body: sync.createMap(pathParams.ServiceSid, params),
  }),
  FetchSyncMap: ({ resources: { sync }, pathParams }) => ({
    status: 200,
    body: sync.fetchMap(pathParams.ServiceSid, pathParams.Sid),
  }),
  CreateSyncMapItem: ({ resources: { sync }, pathParams, params }) => ({
    status: 201,
    body: sync.createItem(pathParams.ServiceSid, pathParams.MapSid, params),
  }),
  FetchSyncMapItem: ({ resources: { sync }, pathParams }) => ({
    status: 200,
    body: sync.fetchItem(pathParams.ServiceSid, pathParams.MapSid, pathParams.Key),
  }),
  UpdateSyncMapItem: ({ resources: { sync }, pathParams, params, ifMatch }) => ({
    status: 200,
    body: sync.updateItem(
      pathParams.ServiceSid,
      pathParams.MapSid,
      pathParams.Key,
      params,
      ifMatch,
    ),
  }),
  DeleteSyncMapItem: ({ resources: { sync }, pathParams, ifMatch }) => {
    sync.deleteItem(pathParams.ServiceSid, pathParams.MapSid, pathParams.Key, ifMatch);
    return { status: 204, body: undefined };
  },
  ListSyncMapItem: ({ resources: { sync }, pathParams, query, product, path }) => ({
    status: 200,
    body: sync.listItems(
      pathParams.ServiceSid,
      pathParams.MapSid,
      query,
      `https://${product}.twilio.com${path}`,
    ),
  }),
};

/**
 * Carries out one operation on the stand-in's resources and says what to answer, or throws
 * the TwilioApiError Twilio would answer with.
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
  const own = Object.prototype.hasOwnProperty.call(OPERATION_HANDLERS, operationId)
    ? OPERATION_HANDLERS[operationId]
    : undefined;
  if (own) return own({ ...request, resources, ifMatch });
  const wired = Object.prototype.hasOwnProperty.call(WIRING_HANDLERS, operationId)
    ? WIRING_HANDLERS[operationId]
    : undefined;
  if (wired) return wired(resources, request.pathParams, request.params, request.query);
  const deploy =
    Object.hasOwn(SERVERLESS_HANDLERS, operationId) && SERVERLESS_HANDLERS[operationId];
  if (deploy) return deploy(resources.serverless, request);
  throw new TwilioApiError(405, 20004, `${operationId} is not supported by the local stand-in`);
}
