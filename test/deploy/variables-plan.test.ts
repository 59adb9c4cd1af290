/**
 * What a deploy uploads, decided from .env alone before anything leaves the machine: the
 * settings that differ from their defaults; never the credentials, the local-only settings or
 * a default; never a context Twilio would fail (82006) or a Variable it would refuse.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { stageProject } from '../../local/deploy/stage-project';
import { PROJECT_ROOT } from '../../local/project-root';
import { startTwilioStandIn } from '../../local/stand-in/server';
import { deployCase, EXAMPLE_TARGET } from '../../scripts/bench/deploy-cases';
import { readEnvFile } from '../../scripts/deploy/env-file';
import { CONTEXT_BUDGET_BYTES, planDeployVariables } from '../../scripts/deploy/variables-plan';
import { SETTINGS } from '../../src/config/settings-table';

const copiedWhole = () => readEnvFile(join(PROJECT_ROOT, '.env.example'));

function planned(dotEnv: Record<string, string>) {
  const plan = planDeployVariables(dotEnv, EXAMPLE_TARGET);
  if (!plan.ok) throw new Error(plan.error);
  return plan.value;
}

function refusal(dotEnv: Record<string, string>): string {
  const plan = planDeployVariables(dotEnv, EXAMPLE_TARGET);
  if (plan.ok) throw new Error('planned');
  return plan.error;
}

it('deploys .env.example copied whole far under the context budget, uploading nothing', () => {
  const plan = planned(copiedWhole());
  expect(plan.upload).toEqual({});
  expect(plan.estimateBytes).toBeLessThan(CONTEXT_BUDGET_BYTES / 2);
  expect(CONTEXT_BUDGET_BYTES).toBe(2700);
});

it('uploads a changed setting, and leaves defaults, credentials and local settings home', () => {
  const plan = planned({
    ACCOUNT_SID: 'AC' + '1'.repeat(32),
    AUTH_TOKEN: 'a-token',
    PORT: '3001',
    TWILIO_API_BASE_URL: 'http://127.0.0.1:4010',
    RECORDING_RETENTION_DAYS: '30',
    SAY_VOICE: SETTINGS.SAY_VOICE.default,
    RECORDING_CHANNELS: 'mono',
    RECORDING_CONSENT: ' opt-in ',
    THANK_YOU_TEXT: '',
  });
  expect(plan.upload).toEqual({ RECORDING_CHANNELS: 'mono', RECORDING_CONSENT: ' opt-in ' });
  expect(plan.leftHome.sort()).toEqual(
    [
      'ACCOUNT_SID',
      'AUTH_TOKEN',
      'PORT',
      'RECORDING_RETENTION_DAYS',
      'SAY_VOICE',
      'THANK_YOU_TEXT',
      'TWILIO_API_BASE_URL',
    ].sort(),
  );
  expect(plan.unknown).toEqual([]);
});

it('uploads a variable the project does not know, and says so', () => {
  const plan = planned({ RECORDING_CHANELS: 'mono' });
  expect(plan.upload).toEqual({ RECORDING_CHANELS: 'mono' });
  expect(plan.unknown).toEqual(['RECORDING_CHANELS']);
});

it.each([
  [
    'a value over 450 bytes',
    { FEEDBACK_PROMPT: 'é'.repeat(226) },
    /FEEDBACK_PROMPT: its value is 452 bytes/,
  ],
  ['a key over 128 characters', { ['K'.repeat(129)]: 'x' }, /key is at most 128 characters/],
])('refuses %s, as Twilio would', (_case, dotEnv, said) => {
  expect(refusal(dotEnv)).toMatch(said);
});

it('refuses a context over its budget, naming the largest Variables and the fix', () => {
  const texts = Object.fromEntries(
    ['CONSENT_PROMPT', 'CONSENT_REPROMPT', 'OPT_OUT_PROMPT', 'OPT_OUT_REPROMPT', 'FEEDBACK_PROMPT']
      .concat(['FEEDBACK_REPROMPT', 'ANNOUNCEMENT_TEXT'])
      .map((name, index) => [name, `${'A long prompt. '.repeat(25)}${index}`]),
  );
  const said = refusal(texts);
  expect(said).toMatch(/context would be about \d+ bytes, over the 2700-byte budget/);
  expect(said).toMatch(/error 82006/);
  expect(said).toMatch(/Largest Variables: [A-Z_]+ \(\d+ bytes\), [A-Z_]+ \(\d+ bytes\)/);
  expect(said).toMatch(/Fix: leave out of \.env every setting you do not change/);
});

it('stops the deploy before anything is uploaded when the plan refuses', async () => {
  const twilio = await startTwilioStandIn();
  const staged = stageProject();
  try {
    const long = `${'A very long announcement. '.repeat(17)}`;
    const names = ['ANNOUNCEMENT_TEXT', 'FEEDBACK_PROMPT', 'FEEDBACK_REPROMPT', 'THANK_YOU_TEXT'];
    const dotEnv = Object.fromEntries(
      [...names, 'START_FAILED_TEXT', 'STOP_FAILED_TEXT', 'CONSENT_PROMPT'].map((name) => [
        name,
        long,
      ]),
    );
    const refused = await deployCase('over budget', twilio, staged, dotEnv);
    expect(refused.code).not.toBe(0);
    expect(refused.total).toBe(0);
    expect(refused.output.join('\n')).toMatch(/82006/);
  } finally {
    staged.remove();
    await twilio.close();
  }
});

it('keeps .env.example free of uploaded values: every line but the credentials commented out', () => {
  const lines = readFileSync(join(PROJECT_ROOT, '.env.example'), 'utf8').split('\n');
  const set = lines.filter((line) => /^[A-Z][A-Z0-9_]*=/.test(line));
  expect(set).toEqual(['ACCOUNT_SID=', 'AUTH_TOKEN=']);
});
