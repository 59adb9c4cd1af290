import type { IncomingHttpHeaders } from 'node:http';
import { apiPage } from './api-page';
import { startsWithin, type CallsAndRecordings } from './calls-and-recordings';
import type { Params } from './openapi';
import type { PhoneNumbers } from './phone-numbers';
import { listRecordings } from './recording-list';
import type { ServerlessServices } from './serverless';
import type { SyncMaps } from './sync-maps';
import { notFound, TwilioApiError } from './twilio-error';
import { performWiringOperation } from './wiring-operations';

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
}

/**
 * Carries out one operation on the stand-in's resources and says what to answer, or throws
 * the TwilioApiError Twilio would answer with.
 */
export function performOperation(
  resources: StandInResources,
  request: OperationRequest,
): { status: number; body: unknown } {
  const { accountSid, voice, sync, phoneNumbers, serverless } = resources;
  const { product, operationId, pathParams, params, query, headers, path } = request;
  if (pathParams.AccountSid !== undefined && pathParams.AccountSid !== accountSid) {
    throw notFound(`Account ${pathParams.AccountSid}`);
  }
  const service = pathParams.ServiceSid;
  const ifMatch = typeof headers['if-match'] === 'string' ? headers['if-match'] : undefined;
  switch (operationId) {
    case 'FetchCall':
      return { status: 200, body: voice.callJson(voice.call(pathParams.Sid)) };
    case 'ListCall': {
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
    }
    case 'CreateCallRecording':
      // The description declares 200 and 201 for a create; the stand-in answers 201, the
      // status the live API gives (the project's client takes either).
      return { status: 201, body: voice.recordingJson(voice.create(pathParams.CallSid, params)) };
    case 'UpdateCallRecording':
      return {
        status: 200,
        body: voice.recordingJson(voice.update(pathParams.CallSid, pathParams.Sid, params)),
      };
    case 'FetchCallRecording':
      return {
        status: 200,
        body: voice.recordingJson(voice.target(pathParams.CallSid, pathParams.Sid)),
      };
    case 'ListCallRecording': {
      voice.call(pathParams.CallSid);
      const recordings = voice
        .recordingsOf(pathParams.CallSid)
        .sort((a, b) => b.createdAt - a.createdAt);
      return {
        status: 200,
        body: apiPage(
          'recordings',
          recordings,
          query,
          `/2010-04-01/Accounts/${accountSid}/Calls/${pathParams.CallSid}/Recordings.json`,
          (recording) => voice.recordingJson(recording),
        ),
      };
    }
    case 'FetchRecording':
      return { status: 200, body: voice.accountRecordingJson(voice.recording(pathParams.Sid)) };
    case 'ListRecording':
      return {
        status: 200,
        body: listRecordings(
          [...voice.recordings.values()],
          query,
          `/2010-04-01/Accounts/${accountSid}/Recordings.json`,
          (recording) => voice.accountRecordingJson(recording),
        ),
      };
    case 'CreateSyncMap':
      return { status: 201, body: sync.createMap(service, params) };
    case 'FetchSyncMap':
      return { status: 200, body: sync.fetchMap(service, pathParams.Sid) };
    case 'CreateSyncMapItem':
      return { status: 201, body: sync.createItem(service, pathParams.MapSid, params) };
    case 'FetchSyncMapItem':
      return { status: 200, body: sync.fetchItem(service, pathParams.MapSid, pathParams.Key) };
    case 'UpdateSyncMapItem':
      return {
        status: 200,
        body: sync.updateItem(service, pathParams.MapSid, pathParams.Key, params, ifMatch),
      };
    case 'DeleteSyncMapItem':
      sync.deleteItem(service, pathParams.MapSid, pathParams.Key, ifMatch);
      return { status: 204, body: undefined };
    case 'ListSyncMapItem':
      return {
        status: 200,
        body: sync.listItems(
          service,
          pathParams.MapSid,
          query,
          `https://${product}.twilio.com${path}`,
        ),
      };
    default: {
      const wired = performWiringOperation(
        { phoneNumbers, serverless },
        operationId,
        pathParams,
        params,
        query,
      );
      if (wired) return wired;
      throw new TwilioApiError(405, 20004, `${operationId} is not supported by the local stand-in`);
    }
  }
}
