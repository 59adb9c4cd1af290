/**
 * The recordings page's audio: the recording's lookup and its download share one budget, so a
 * slow lookup leaves the download only what is left of it (the Function has 10 s in all).
 */
import { recordingAudio } from '../../src/dashboard/recording-audio';
import { budget } from '../../src/retry';
import { clientFromEnv } from '../support/local-twilio';
import { TEST_ACCOUNT_SID, TEST_AUTH_TOKEN, TEST_RECORDING_SID } from '../support/fixtures';
import { recordingJson, ScriptedApi } from '../support/scripted-api';

const api = new ScriptedApi();
beforeAll(async () => {
  await api.start();
  // The first fetch() of a process loads its HTTP client; done here, it is not charged to the
  // download this test gives only a few hundred milliseconds.
  await fetch(api.url).catch(() => undefined);
  // Likewise the twilio client's REST modules, loaded on its first request (a 404 here).
  await client()
    .recordings(TEST_RECORDING_SID)
    .fetch()
    .catch(() => undefined);
});
afterAll(() => api.close());
beforeEach(() => api.reset());

function client() {
  return clientFromEnv(
    { ACCOUNT_SID: TEST_ACCOUNT_SID, AUTH_TOKEN: TEST_AUTH_TOKEN, TWILIO_API_BASE_URL: api.url },
    3000,
  );
}

it('gives the download only what the lookup left of the budget', async () => {
  // The lookup has 1 s to spare; the download then has 1 s left, where a budget of its own
  // would give it 2.
  const lookupMs = 1000;
  const budgetMs = 2000;
  api
    .answerNext({
      delayMs: lookupMs,
      then: { status: 200, json: recordingJson({ status: 'completed', duration: '10' }) },
    })
    .answerNext({ hang: true });
  const started = Date.now();
  const audio = await recordingAudio(
    client(),
    { apiBaseUrl: api.url },
    TEST_RECORDING_SID,
    budget(budgetMs, budgetMs),
  );
  const elapsed = Date.now() - started;
  expect(audio).toMatchObject({ ok: false, error: { status: 502, code: 'media-unavailable' } });
  expect(api.received.map((request) => request.path.split('/').at(-1))).toEqual([
    `${TEST_RECORDING_SID}.json`,
    `${TEST_RECORDING_SID}.mp3`,
  ]);
  // A download given a budget of its own would end at lookupMs + budgetMs (3 s).
  expect(elapsed).toBeLessThan(lookupMs + budgetMs / 2 + 300);
});
