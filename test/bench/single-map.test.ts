/**
 * The single-map layout is the capacity benchmark's baseline only: built into a copy of the
 * Functions of the benchmark's own, never into what is deployed, and still a working log.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { placeCall } from '../../local/call-driver';
import { withOverrides } from '../../local/with-overrides';
import { PROJECT_ROOT } from '../../local/project-root';
import { startSimulation, type Simulation } from '../../local/simulation';
import { buildSingleMapFunctions } from '../../scripts/bench/single-map/build-functions';
import { loggedAnswers, loggedStatuses } from '../../scripts/bench/logged-events';
import { captureConsoleJson } from '../support/console-capture';
import { EVERY_STATUS_EVENT, logOfCall } from '../support/local-twilio';

/** A phrase only the single-map layout's code holds. */
const SINGLE_MAP_MARK = 'could not be written within its rounds or time budget';

let sim: Simulation;
let folder: string;
const captured = captureConsoleJson();

beforeAll(async () => {
  folder = await buildSingleMapFunctions();
  sim = await startSimulation({
    functionsFolder: folder,
    env: { RECORDING_CONSENT: 'opt-in', ...EVERY_STATUS_EVENT },
    standIn: { strict: true },
  });
}, 60_000);
afterAll(async () => {
  captured.restore();
  await sim?.close();
});

const bundles = (relative: string) =>
  readdirSync(join(PROJECT_ROOT, relative)).map((name) =>
    readFileSync(join(PROJECT_ROOT, relative, name), 'utf8'),
  );

it('is in the benchmark’s build of the Functions and in none that is deployed', () => {
  expect(bundles(folder).some((code) => code.includes(SINGLE_MAP_MARK))).toBe(true);
  const deployed = bundles(join('dist', 'functions'));
  expect(deployed.length).toBeGreaterThan(5);
  expect(deployed.filter((code) => code.includes(SINGLE_MAP_MARK))).toEqual([]);
});

it('logs a whole call as one item per recording, found again by the benchmark’s reader', async () => {
  const result = await placeCall(sim.twilio, sim.gateway.url, {
    answers: [{ press: '1' }, { say: 'Old style' }],
  });
  const [recording] = sim.twilio.recordings(result.callSid);
  expect(recording.status).toBe('completed');
  const item = sim.twilio.sync
    .snapshot('call-recordings')
    .find((stored) => stored.key === recording.sid);
  expect(item?.data).toMatchObject({
    status: 'completed',
    feedback: { speechResult: 'Old style' },
  });
  expect((await logOfCall(sim, result.callSid)).recordings).toEqual([
    expect.objectContaining({ status: 'completed' }),
  ]);
  expect(loggedStatuses(sim.twilio.sync).get(recording.sid)).toEqual(['in-progress', 'completed']);
  const { answered, consented } = loggedAnswers(sim.twilio.sync);
  expect(answered.has(recording.sid)).toBe(true);
  expect(consented.has(result.callSid)).toBe(true);
});

it('keeps a notice as the earlier layout did, in an entry of its own', async () => {
  const result = await withOverrides(sim.env, { RECORDING_CONSENT: 'notice' }, () =>
    placeCall(sim.twilio, sim.gateway.url, { answers: [{ say: 'Noticed' }] }),
  );
  const consent = sim.twilio.sync
    .snapshot('call-recordings')
    .map((stored) => stored.data as { kind?: string; callSid?: string; decision?: string })
    .find((data) => data.kind === 'consent' && data.callSid === result.callSid);
  expect(consent).toMatchObject({ decision: 'notice' });
  expect(loggedAnswers(sim.twilio.sync).consented.has(result.callSid)).toBe(true);
});
