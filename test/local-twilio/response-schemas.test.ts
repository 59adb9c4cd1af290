/**
 * Every answer the stand-in gives, success and error alike, matches the response schema of its
 * operation in Twilio's pinned OpenAPI description (errors: Twilio's documented error shape).
 */
import { operationsOf } from '../../local/stand-in/openapi';
import { responseProblems } from '../../local/stand-in/response-check';
import { schemaProblems, type Schema } from '../../local/stand-in/schema';
import { SERVED_OPERATIONS, type LocalTwilio } from '../../local/stand-in/server';
import { SERVERLESS_HANDLERS } from '../../local/stand-in/serverless/handlers';
import { captureConsoleJson } from '../support/console-capture';
import { standInClient, startTestStandIn } from '../support/local-twilio';
import { accountPath, standInRequest } from '../support/stand-in-request';

const operation = (id: string) => {
  const found = [
    ...operationsOf('twilio_api_v2010'),
    ...operationsOf('twilio_sync_v1'),
    ...operationsOf('twilio_serverless_v1'),
  ].find((candidate) => candidate.operationId === id);
  if (!found) throw new Error(`no operation ${id}`);
  return found;
};

describe('the schema check', () => {
  const recordingSchema: Schema = {
    $ref: '#/components/schemas/api.v2010.account.call.call_recording',
  };
  const resolve = operation('FetchCallRecording').resolve;
  const check = (body: unknown) => schemaProblems(recordingSchema, body, { resolve, closed: true });
  const valid = {
    account_sid: 'AC' + 'a'.repeat(32),
    call_sid: 'CA' + 'b'.repeat(32),
    sid: 'RE' + 'c'.repeat(32),
    date_created: 'Tue, 24 Nov 2026 15:21:30 +0000',
    duration: null,
    price: null,
    status: 'in-progress',
    channels: 2,
    source: 'StartCallRecordingAPI',
    error_code: null,
  };

  it('accepts a body as Twilio’s examples show it', () => {
    expect(check(valid)).toEqual([]);
  });

  it.each([
    ['a string where the schema says number', { price: '-0.0025' }, 'body.price'],
    ['null where the schema does not allow it', { channels: null }, 'body.channels'],
    ['a value outside an enum behind a $ref', { status: 'finished' }, 'body.status'],
    ['a SID that does not match its pattern', { sid: 'RE123' }, 'body.sid'],
    ['a date that is not RFC 2822', { date_created: '2026-11-24T15:21:30Z' }, 'body.date_created'],
    ['a field the description does not name', { media_url: 'https://x' }, 'body.media_url'],
    ['an integer field given as text', { error_code: '16101' }, 'body.error_code'],
  ])('refuses %s', (_name, change, where) => {
    const problems = check({ ...valid, ...change });
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.filter((problem) => !problem.startsWith(`${where}:`))).toEqual([]);
  });

  it('refuses an error body without Twilio’s four fields', () => {
    expect(responseProblems(undefined, 404, { message: 'Not found' })).toEqual(
      expect.arrayContaining([
        expect.stringContaining('body.code'),
        expect.stringContaining('body.more_info'),
      ]),
    );
  });
});

describe('every operation the stand-in serves', () => {
  let twilio: LocalTwilio;
  beforeAll(async () => {
    twilio = await startTestStandIn();
  });
  afterAll(() => twilio.close());

  it('answers success and error bodies that match its description', async () => {
    const client = standInClient(twilio);
    const call = twilio.createCall({
      from: '+15005550006',
      to: '+15005550001',
      direction: 'inbound',
    });
    const missingCall = 'CA' + '0'.repeat(32);
    const missingRecording = 'RE' + '0'.repeat(32);
    const fails = (promise: Promise<unknown>) =>
      promise.then(
        () => 'ok',
        () => 'failed',
      );

    // Errors first, on a ringing call, then successes once it is answered.
    await fails(client.calls(missingCall).fetch());
    await fails(client.calls(call.sid).recordings.create({}));
    await fails(client.calls(missingCall).recordings.list());
    await fails(client.calls(call.sid).recordings(missingRecording).fetch());
    await fails(client.calls(call.sid).recordings('Twilio.CURRENT').update({ status: 'stopped' }));
    twilio.answerCall(call.sid);
    await client.calls(call.sid).fetch();
    const recording = await client.calls(call.sid).recordings.create({ recordingChannels: 'dual' });
    await client.calls(call.sid).recordings.list();
    await client.calls(call.sid).recordings(recording.sid).update({ status: 'paused' });
    await client.calls(call.sid).recordings(recording.sid).update({ status: 'in-progress' });
    await twilio.clock.advance(3000);
    await client.calls(call.sid).recordings(recording.sid).update({ status: 'stopped' });
    await twilio.clock.advance(100);
    await client.calls(call.sid).recordings(recording.sid).fetch(); // processing
    await twilio.settle(call.sid);
    await client.calls(call.sid).recordings(recording.sid).fetch(); // completed
    await client.recordings(recording.sid).fetch();
    await fails(client.recordings(missingRecording).fetch());
    await client.recordings.list({ callSid: call.sid, limit: 5 });
    await standInRequest(twilio, 'GET', accountPath(twilio, '/Recordings.json'), {
      'DateCreated>': 'yesterday',
    });
    // Deletes, and a deleted recording's metadata (status `deleted`, which only the account's
    // Recording schema allows).
    await fails(client.recordings(missingRecording).remove());
    await fails(client.calls(call.sid).recordings(missingRecording).remove());
    const second = await client.calls(call.sid).recordings.create({});
    await twilio.clock.advance(3000);
    await client.calls(call.sid).recordings(second.sid).update({ status: 'stopped' });
    await twilio.settle(call.sid);
    await client.calls(call.sid).recordings(second.sid).remove();
    await client.recordings(recording.sid).remove();
    expect(
      (await client.recordings(recording.sid).fetch({ includeSoftDeleted: true })).status,
    ).toBe('deleted');
    await client.recordings.list({ includeSoftDeleted: true, limit: 5 });
    twilio.endCall(call.sid);
    await client.calls(call.sid).fetch();

    const sync = client.sync.v1.services('default');
    await fails(sync.syncMaps('no-such-map').fetch());
    await sync.syncMaps.create({ uniqueName: 'schemas' });
    await fails(sync.syncMaps.create({ uniqueName: 'schemas' }));
    await sync.syncMaps('schemas').fetch();
    await fails(sync.syncMaps('no-such-map').syncMapItems.create({ key: 'k', data: {} }));
    await sync.syncMaps('schemas').syncMapItems.create({ key: 'k', data: { a: 1 } });
    await fails(sync.syncMaps('schemas').syncMapItems.create({ key: 'k', data: { a: 1 } }));
    await sync.syncMaps('schemas').syncMapItems('k').fetch();
    await fails(sync.syncMaps('schemas').syncMapItems('nope').fetch());
    await sync
      .syncMaps('schemas')
      .syncMapItems('k')
      .update({ data: { a: 2 } });
    await fails(
      sync
        .syncMaps('schemas')
        .syncMapItems('k')
        .update({ data: { a: 3 }, ifMatch: '0' }),
    );
    await sync.syncMaps('schemas').syncMapItems.list({ limit: 10 });
    await fails(sync.syncMaps('no-such-map').syncMapItems.list({ limit: 10 }));
    await sync.syncMaps('schemas').syncMapItems('k').remove();
    await fails(sync.syncMaps('schemas').syncMapItems('k').remove());
    await client.calls.list({ limit: 5 });
    await fails(client.calls.page({ pageToken: 'not-one-of-ours' }));

    const number = twilio.phoneNumbers.add('+15550001111');
    const missingNumber = 'PN' + '0'.repeat(32);
    await client.incomingPhoneNumbers.list({ phoneNumber: '+15550001111' });
    await fails(
      standInRequest(twilio, 'GET', accountPath(twilio, '/IncomingPhoneNumbers.json?PageSize=0')),
    );
    await client.incomingPhoneNumbers(number.sid).fetch();
    await fails(client.incomingPhoneNumbers(missingNumber).fetch());
    await client.incomingPhoneNumbers(number.sid).update({ voiceUrl: 'https://svc.twil.io/x' });
    await fails(client.incomingPhoneNumbers(missingNumber).update({ voiceUrl: 'https://x.io/' }));
    const service = twilio.serverless.addService('schemas', ['dev']);
    const [environment] = await client.serverless.v1.services(service.sid).environments.list();
    await fails(client.serverless.v1.services('ZS' + '0'.repeat(32)).environments.list());
    await client.serverless.v1.services(service.sid).environments(environment.sid).fetch();
    await fails(
      client.serverless.v1
        .services(service.sid)
        .environments('ZE' + '0'.repeat(32))
        .fetch(),
    );
    await standInRequest(twilio, 'GET', accountPath(twilio, '/Nothing.json'));

    // In strict mode a body that does not match would have been turned into a 500.
    expect(twilio.exchanges.filter((exchange) => exchange.status === 500)).toEqual([]);
    const seen = new Set<string>();
    for (const exchange of twilio.exchanges) {
      const served = exchange.operation === 'unknown' ? undefined : operation(exchange.operation);
      expect({
        exchange: `${exchange.operation} ${exchange.status}`,
        problems: responseProblems(served, exchange.status, exchange.response),
      }).toEqual({ exchange: `${exchange.operation} ${exchange.status}`, problems: [] });
      seen.add(`${exchange.operation} ${exchange.status < 400 ? 'success' : 'error'}`);
    }
    // What a deploy calls is walked, success and error, in serverless-api.test.ts.
    const walked = SERVED_OPERATIONS.filter(
      (id) => !Object.hasOwn(SERVERLESS_HANDLERS, id),
    ).flatMap((id) => [`${id} success`, `${id} error`]);
    expect(walked.filter((entry) => !seen.has(entry))).toEqual([]);
    expect(seen.has('unknown error')).toBe(true);
  });

  it('turns an answer that does not match into a loud 500 in strict mode', async () => {
    const call = twilio.createCall({
      from: '+15005550006',
      to: '+15005550001',
      direction: 'inbound',
    });
    // An error body sent with a success status cannot match the Call schema.
    twilio.injectFault({ operation: 'FetchCall', effect: { kind: 'error', status: 200 } });
    const captured = captureConsoleJson();
    const answer = await standInRequest(
      twilio,
      'GET',
      accountPath(twilio, `/Calls/${call.sid}.json`),
    ).finally(() => captured.restore());
    expect(captured.lines).toEqual([
      expect.objectContaining({ level: 'error', event: 'stand-in.invalid-answer' }),
    ]);
    expect(answer.status).toBe(500);
    expect(answer.body.message).toMatch(
      /^stand-in bug: FetchCall answered 200 .*body\.code: not in the description/,
    );
  });
});
