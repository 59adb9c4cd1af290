/**
 * Every list the stand-in serves pages the same way (local/stand-in/api-page.ts) and reads its
 * date filters the same way (local/stand-in/date-filter.ts): followed page by page through the
 * real twilio library, with its filters kept, and with a date alone meaning midnight at the
 * start of that GMT day, as the API description says for both lists.
 */
import { SimulatedClock } from '../../local/clock';
import type { LocalTwilio } from '../../local/stand-in/server';
import { standInClient, startTestStandIn } from '../support/local-twilio';
import { accountPath, standInRequest } from '../support/stand-in-request';

/** 10:00 GMT on 27 November 2026: one call and one recording are made then. */
const MORNING = Date.parse('2026-11-27T10:00:00Z');

let twilio: LocalTwilio;
const client = () => standInClient(twilio);

beforeAll(async () => {
  twilio = await startTestStandIn({ clock: new SimulatedClock(MORNING) });
});
afterAll(() => twilio.close());

function answered(to: string) {
  const call = twilio.createCall({ from: '+15005550006', to, direction: 'inbound' });
  twilio.answerCall(call.sid);
  return call;
}

describe('paging', () => {
  it('follows every list page by page, each item once, filters kept on every page', async () => {
    const calls = [];
    for (let index = 0; index < 5; index += 1) {
      calls.push(answered('+15005550777'));
      await twilio.clock.advance(1000);
    }
    answered('+15005550999');
    const listed = await client().calls.list({ to: '+15005550777', pageSize: 2 });
    expect(listed.map((call) => call.sid)).toEqual(calls.map((call) => call.sid).reverse());
    const pages = twilio.exchanges.filter((exchange) => exchange.operation === 'ListCall');
    expect(pages.map((page) => [page.params.To, page.params.PageToken])).toEqual([
      ['+15005550777', undefined],
      ['+15005550777', 'PT2'],
      ['+15005550777', 'PT4'],
    ]);

    const numbers = Array.from({ length: 5 }, (_, index) =>
      twilio.phoneNumbers.add(`+1555010000${index}`),
    );
    twilio.phoneNumbers.add('+15550200000');
    const found = await client().incomingPhoneNumbers.list({
      phoneNumber: '+1555010000*',
      pageSize: 2,
    });
    expect(found.map((number) => number.sid)).toEqual(numbers.map((number) => number.sid));

    const recorded = answered('+15005550888');
    const recordings = [];
    for (let index = 0; index < 3; index += 1) {
      recordings.push((await client().calls(recorded.sid).recordings.create({})).sid);
      await twilio.clock.advance(1000);
    }
    const all = await client().recordings.list({ callSid: recorded.sid, pageSize: 2 });
    expect(all.map((recording) => recording.sid)).toEqual([...recordings].reverse());
  });

  it('ignores Page without a PageToken: the description calls it client state', async () => {
    const first = await standInRequest(twilio, 'GET', accountPath(twilio, '/Calls.json'), {
      PageSize: '2',
    });
    const paged = await standInRequest(twilio, 'GET', accountPath(twilio, '/Calls.json'), {
      PageSize: '2',
      Page: '3',
    });
    expect(paged.status).toBe(200);
    expect(paged.body.start).toBe(0);
    expect(paged.body.page).toBe(3);
    expect((paged.body.calls as Array<{ sid: string }>).map((call) => call.sid)).toEqual(
      (first.body.calls as Array<{ sid: string }>).map((call) => call.sid),
    );
  });

  it.each([
    ['/Calls.json', 'PTnonsense'],
    ['/Recordings.json', `PARE${'0'.repeat(32)}`],
    ['/IncomingPhoneNumbers.json', 'PT99999'],
  ])('refuses a PageToken %s never gave (%s)', async (path, token) => {
    const answer = await standInRequest(twilio, 'GET', accountPath(twilio, path), {
      PageToken: token,
    });
    expect(answer).toMatchObject({ status: 400, body: { code: 20001 } });
  });
});

describe('date filters: a date alone is midnight at the start of that GMT day', () => {
  const count = async (path: string, key: string, filters: Record<string, string>) => {
    const answer = await standInRequest(twilio, 'GET', accountPath(twilio, path), filters);
    expect(answer.status).toBe(200);
    return (answer.body[key] as unknown[]).length;
  };
  let callSid: string;
  beforeAll(async () => {
    // A call and its recording at 10:00 GMT on the 27th (on a fresh stand-in of its own).
    await twilio.close();
    twilio = await startTestStandIn({ clock: new SimulatedClock(MORNING) });
    callSid = answered('+15005550111').sid;
    await client().calls(callSid).recordings.create({});
  });

  it.each([
    ['StartTime', 'the Calls', () => '/Calls.json', 'calls'],
    ['DateCreated', 'the account’s Recordings', () => '/Recordings.json', 'recordings'],
    ['DateCreated', 'a call’s Recordings', () => `/Calls/${callSid}/Recordings.json`, 'recordings'],
  ])('%s on %s', async (name, _list, pathOf, key) => {
    const path = pathOf();
    expect(await count(path, key, { [name]: '2026-11-27' })).toBe(1);
    expect(await count(path, key, { [name]: '2026-11-26' })).toBe(0);
    // On or before midnight of the 27th: 10:00 that day is after it.
    expect(await count(path, key, { [`${name}<`]: '2026-11-27' })).toBe(0);
    expect(await count(path, key, { [`${name}<`]: '2026-11-28' })).toBe(1);
    // On or after midnight of the 27th: 10:00 that day is after it.
    expect(await count(path, key, { [`${name}>`]: '2026-11-27' })).toBe(1);
    expect(await count(path, key, { [`${name}>`]: '2026-11-28' })).toBe(0);
    // A date-time is that instant, to the second.
    expect(await count(path, key, { [`${name}<`]: '2026-11-27T10:00:00Z' })).toBe(1);
    expect(await count(path, key, { [`${name}>`]: '2026-11-27T10:00:01Z' })).toBe(0);
    const bad = await standInRequest(twilio, 'GET', accountPath(twilio, path), {
      [`${name}>`]: 'yesterday',
    });
    expect(bad).toMatchObject({ status: 400, body: { code: 20001 } });
  });

  it('reads dates through the twilio library as the instants it sends', async () => {
    const before = await client().calls.list({ startTimeBefore: new Date(MORNING - 1000) });
    const after = await client().calls.list({ startTimeAfter: new Date(MORNING) });
    expect(before).toEqual([]);
    expect(after.map((call) => call.sid)).toEqual([callSid]);
    const created = await client().recordings.list({ dateCreatedBefore: new Date(MORNING) });
    expect(created.map((recording) => recording.callSid)).toEqual([callSid]);
  });
});
