import { apiPage } from './api-page';
import { startsWithin } from './calls';
import { firstValue, type Params } from './openapi';
import type { HandlerTable } from './operation-types';
import { listRecordings } from './recording-list';

/** `IncludeSoftDeleted=true` (the description checks it is a boolean: true or false, any case). */
const includeSoftDeleted = (query: Params) =>
  firstValue(query, 'IncludeSoftDeleted')?.toLowerCase() === 'true';

const NO_CONTENT = { status: 204, body: undefined };

/** The Voice API's operations the stand-in carries out: calls and their recordings. */
export const VOICE_HANDLERS: HandlerTable = {
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
  DeleteCallRecording: ({ resources: { voice }, pathParams }) => {
    voice.deleteRecording(pathParams.Sid, pathParams.CallSid);
    return NO_CONTENT;
  },
  FetchRecording: ({ resources: { voice }, pathParams, query }) => ({
    status: 200,
    body: voice.accountRecordingJson(
      voice.recording(pathParams.Sid, { includeSoftDeleted: includeSoftDeleted(query) }),
    ),
  }),
  ListRecording: ({ resources: { voice, accountSid }, query }) => ({
    status: 200,
    body: listRecordings(
      voice.accountRecordings({ includeSoftDeleted: includeSoftDeleted(query) }),
      query,
      `/2010-04-01/Accounts/${accountSid}/Recordings.json`,
      (recording) => voice.accountRecordingJson(recording),
    ),
  }),
  DeleteRecording: ({ resources: { voice }, pathParams }) => {
    voice.deleteRecording(pathParams.Sid);
    return NO_CONTENT;
  },
};
