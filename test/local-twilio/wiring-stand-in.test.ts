/**
 * The stand-in's phone numbers, deployed services and Studio flows, through the real twilio
 * library (and, for Studio, plain HTTP as the voice engine sends it).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../local/project-root';
import { startTwilioStandIn, type LocalTwilio } from '../../local/stand-in/server';
import { OTHER_ACCOUNT_SID } from '../support/fixtures';
import { captureConsoleJson } from '../support/console-capture';
import { standInClient } from '../support/local-twilio';
import { standInRequest } from '../support/stand-in-request';
import { parseTwiml } from '../support/twiml';
import { postForm } from '../support/webhook-client';

let twilio: LocalTwilio;
const client = () => standInClient(twilio);

beforeAll(async () => {
  twilio = await startTwilioStandIn();
});
afterAll(async () => {
  await twilio.close();
});

describe('IncomingPhoneNumbers', () => {
  it('lists by PhoneNumber as Twilio documents it: partial numbers and * match too', async () => {
    const a = twilio.phoneNumbers.add('+15550001111');
    const b = twilio.phoneNumbers.add('+15550001112');
    const exact = await client().incomingPhoneNumbers.list({ phoneNumber: '+15550001111' });
    expect(exact.map((number) => number.sid)).toEqual([a.sid]);
    expect(exact[0]).toMatchObject({ phoneNumber: '+15550001111', voiceMethod: 'POST' });
    const wildcard = await client().incomingPhoneNumbers.list({ phoneNumber: '+1555000111*' });
    expect(wildcard.map((number) => number.sid)).toEqual([a.sid, b.sid]);
    const partial = await client().incomingPhoneNumbers.list({ phoneNumber: '0001112' });
    expect(partial.map((number) => number.sid)).toEqual([b.sid]);
    expect(await client().incomingPhoneNumbers.list({ phoneNumber: '+15559999999' })).toEqual([]);
  });

  it('updates the voice configuration and keeps the rest', async () => {
    const number = twilio.phoneNumbers.add('+15550002222', {
      voiceUrl: 'https://demo.twilio.com/welcome/voice/',
      voiceMethod: 'GET',
      friendlyName: 'Support line',
    });
    const updated = await client()
      .incomingPhoneNumbers(number.sid)
      .update({ voiceUrl: 'https://svc-1234-dev.twil.io/incoming-call', voiceMethod: 'POST' });
    expect(updated).toMatchObject({
      voiceUrl: 'https://svc-1234-dev.twil.io/incoming-call',
      voiceMethod: 'POST',
      friendlyName: 'Support line',
      smsUrl: '',
    });
    expect((await client().incomingPhoneNumbers(number.sid).fetch()).voiceUrl).toBe(
      'https://svc-1234-dev.twil.io/incoming-call',
    );
    expect(twilio.phoneNumbers.voiceRoute('+15550002222')).toEqual({
      ok: true,
      value: { url: 'https://svc-1234-dev.twil.io/incoming-call', method: 'POST' },
    });
  });

  it('refuses what the API description does not allow', async () => {
    const number = twilio.phoneNumbers.add('+15550003333');
    await expect(
      client()
        .incomingPhoneNumbers(number.sid)
        .update({ voiceMethod: 'PUT' as 'POST' }),
    ).rejects.toMatchObject({
      status: 400,
      code: 20001,
      message: expect.stringMatching(/VoiceMethod/),
    });
    await expect(
      client()
        .incomingPhoneNumbers('PN' + '0'.repeat(32))
        .update({ voiceUrl: 'https://x.example' }),
    ).rejects.toMatchObject({ status: 404, code: 20404 });
    const other = await fetch(
      `${twilio.url}/api/2010-04-01/Accounts/${OTHER_ACCOUNT_SID}/IncomingPhoneNumbers.json`,
      {
        headers: {
          authorization: `Basic ${Buffer.from(`${twilio.accountSid}:${twilio.authToken}`).toString('base64')}`,
        },
        signal: AbortSignal.timeout(5000),
      },
    );
    expect(other.status).toBe(404);
  });

  it('drops a name Twilio does not know, as Twilio does, and refuses one it does not model', async () => {
    const number = twilio.phoneNumbers.add('+15550005555');
    const path = `/2010-04-01/Accounts/${twilio.accountSid}/IncomingPhoneNumbers/${number.sid}.json`;
    const update = (params: Record<string, string>) => standInRequest(twilio, 'POST', path, params);
    const captured = captureConsoleJson();
    let dropped;
    try {
      dropped = await update({ VoiceUrl: 'https://svc-1234-dev.twil.io/x', VoiceUrll: 'typo' });
    } finally {
      captured.restore();
    }
    expect(dropped).toMatchObject({
      status: 200,
      body: { voice_url: 'https://svc-1234-dev.twil.io/x' },
    });
    expect(dropped.body).not.toHaveProperty('voice_urll');
    expect(twilio.exchanges.at(-1)?.warnings).toEqual([
      expect.stringMatching(/^20001 Unknown parameter VoiceUrll/),
    ]);
    const moved = await update({ AccountSid: OTHER_ACCOUNT_SID });
    expect(moved).toMatchObject({ status: 400, body: { code: 20001 } });
    expect(moved.body.message).toMatch(/AccountSid is not modelled/);
    expect(twilio.phoneNumbers.fetch(number.sid).fields.voice_url).toBe(
      'https://svc-1234-dev.twil.io/x',
    );
  });

  it('says where a call to each number goes, or why it cannot', () => {
    twilio.phoneNumbers.add('+15550004444');
    expect(twilio.phoneNumbers.voiceRoute('+15550004444')).toMatchObject({
      ok: false,
      error: { reason: 'no-voice-url' },
    });
    expect(twilio.phoneNumbers.voiceRoute('+15550009999')).toMatchObject({
      ok: false,
      error: { reason: 'not-on-account' },
    });
    expect(() => twilio.phoneNumbers.add('5550001')).toThrow(/E\.164/);
  });
});

describe('Serverless environments', () => {
  it('lists a deployed service’s environments with their domains, as a deploy names them', async () => {
    const service = twilio.serverless.addService('call-recording', ['dev', '']);
    const environments = await client().serverless.v1.services(service.sid).environments.list();
    expect(environments).toEqual([
      expect.objectContaining({
        uniqueName: 'dev-environment',
        domainSuffix: 'dev',
        domainName: expect.stringMatching(/^call-recording-\d{4}-dev\.twil\.io$/),
      }),
      expect.objectContaining({
        uniqueName: 'production',
        domainSuffix: null,
        domainName: expect.stringMatching(/^call-recording-\d{4}\.twil\.io$/),
      }),
    ]);
    const fetched = await client()
      .serverless.v1.services(service.sid)
      .environments(service.environments[0].sid)
      .fetch();
    expect(fetched.domainName).toBe(service.environments[0].domainName);
    expect(twilio.serverless.servesDomain(service.environments[1].domainName)).toBe(true);
    expect(twilio.serverless.servesDomain('evil.example')).toBe(false);
    await expect(
      client()
        .serverless.v1.services('ZS' + '0'.repeat(32))
        .environments.list(),
    ).rejects.toMatchObject({ status: 404, code: 20404 });
  });
});

describe('Studio flows', () => {
  const call = { CallSid: 'CA' + 'e5'.repeat(16), CallStatus: 'in-progress' };

  it('starts an execution, hands the call to the redirect URL, and takes it back', async () => {
    const flow = twilio.studio.createFlow({
      redirectWidget: 'record_on',
      say: 'This call may be recorded.',
      redirectUrl: 'https://svc.example/recording-toggle?Record=true&Return={{flow.flow_sid}}',
    });
    const webhook = `${twilio.url}/webhooks/v1/Accounts/${twilio.accountSid}/Flows/${flow.sid}`;
    const start = parseTwiml((await postForm(webhook, call)).body);
    expect(start.map((verb) => [verb.name, verb.text])).toEqual([
      ['Say', 'This call may be recorded.'],
      ['Redirect', `https://svc.example/recording-toggle?Record=true&Return=${flow.sid}`],
    ]);
    expect(start[1].attributes.method).toBe('POST');

    const back = await postForm(
      `${webhook}?FlowEvent=return&RecAction=start&RecSid=RE1&RecStatus=in-progress`,
      call,
    );
    expect(parseTwiml(back.body).map((verb) => [verb.name, verb.text])).toEqual([
      ['Say', 'Back in Studio: Success, start, recording RE1 in-progress.'],
      ['Hangup', ''],
    ]);
    const execution = twilio.studio.executions.find((one) => one.flowSid === flow.sid);
    expect(execution).toMatchObject({
      status: 'ended',
      widgets: { record_on: { RecAction: 'start', RecSid: 'RE1', RecStatus: 'in-progress' } },
    });
    // The posted call parameters are not widget variables; only the return URL's are.
    expect(execution?.returns[0].body).toMatchObject(call);
  });

  it('answers 404 for an unknown flow, another account, or a return nobody waits for', async () => {
    const flow = twilio.studio.createFlow({ redirectWidget: 'r', redirectUrl: '/x' });
    const base = `${twilio.url}/webhooks/v1/Accounts`;
    for (const url of [
      `${base}/${twilio.accountSid}/Flows/FW${'0'.repeat(32)}`,
      `${base}/${OTHER_ACCOUNT_SID}/Flows/${flow.sid}`,
      `${base}/${twilio.accountSid}/Flows/${flow.sid}?FlowEvent=return`,
    ]) {
      const answer = await postForm(url, call);
      expect(answer.status).toBe(404);
      expect(JSON.parse(answer.body)).toMatchObject({ code: 20404 });
    }
  });
});

describe('the pinned API descriptions', () => {
  it('are the files whose checksums their README lists', () => {
    const folder = join(PROJECT_ROOT, 'local', 'stand-in', 'twilio-oai');
    const readme = readFileSync(join(folder, 'README.md'), 'utf8');
    const rows = [...readme.matchAll(/^\| `([a-z0-9_]+\.json)` .*`([0-9a-f]{64})` \|$/gm)];
    expect(rows.map((row) => row[1]).sort()).toEqual([
      'twilio_api_v2010.json',
      'twilio_serverless_v1.json',
      'twilio_sync_v1.json',
    ]);
    for (const [, file, sha256] of rows) {
      const actual = createHash('sha256')
        .update(readFileSync(join(folder, file)))
        .digest('hex');
      expect(`${file} ${actual}`).toBe(`${file} ${sha256}`);
    }
  });
});
