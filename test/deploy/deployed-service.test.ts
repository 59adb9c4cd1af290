/**
 * What the local Twilio serves after a deploy is what was uploaded, run as Twilio runs it: the
 * Functions see the uploaded Variables and what Twilio adds, nothing of the shell; only the
 * Build's Dependencies can be required; private Functions and assets are not reachable; a
 * context over 3 KB fails every invocation with 82006.
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deployCase, EXAMPLE_TARGET, exampleSettings } from '../../scripts/bench/deploy-cases';
import { planDeployVariables } from '../../scripts/deploy/variables-plan';
import { stageProject, type StagedProject } from '../../local/deploy/stage-project';
import { startDeployedSimulation, type DeployedSimulation } from '../../local/deployed-simulation';
import { startTwilioStandIn, type LocalTwilio } from '../../local/stand-in/server';
import { captureConsoleJson } from '../support/console-capture';
import { standInClient } from '../support/local-twilio';

jest.setTimeout(60_000);

let twilio: LocalTwilio;
let staged: StagedProject;
let served: DeployedSimulation;
const logged = captureConsoleJson();

/** Extra files in the deployed build, each showing one thing about the runtime. */
const EXTRA_FUNCTIONS: Record<string, string> = {
  // What a Function's context holds, and that a listed Dependency loads.
  'context-keys.js': `exports.handler = (context, event, callback) => {
  require('twilio');
  callback(null, { keys: Object.keys(context).sort(), PATH: context.PATH, SERVICE_SID: context.SERVICE_SID, SAY_VOICE: context.SAY_VOICE });
};`,
  // axios is installed in the project (twilio needs it) but is not one of the Dependencies.
  'needs-axios.js': `const axios = require('axios');
exports.handler = (context, event, callback) => callback(null, typeof axios);`,
  'helper.private.js': `exports.handler = (context, event, callback) => callback(null, 'private');`,
};

beforeAll(async () => {
  process.env.SHELL_ONLY_SETTING = 'from-the-shell';
  twilio = await startTwilioStandIn();
  staged = stageProject();
  for (const [name, code] of Object.entries(EXTRA_FUNCTIONS))
    writeFileSync(join(staged.dir, 'functions', name), code);
  writeFileSync(join(staged.dir, 'assets', 'secret.private.txt'), 'not for the web');
  const deployed = await deployCase('deploy', twilio, staged, exampleSettings());
  if (deployed.code !== 0) throw new Error(deployed.output.join('\n'));
  served = await startDeployedSimulation({
    twilio,
    serviceSid: deployed.outcome.serviceSid ?? '',
    environmentSid: deployed.outcome.leftovers?.environmentSid ?? '',
  });
});
afterAll(async () => {
  delete process.env.SHELL_ONLY_SETTING;
  logged.restore();
  await served?.close();
  staged?.remove();
  await twilio?.close();
});

const get = async (path: string) => {
  const response = await fetch(`${served.gateway.url}${path}`, {
    signal: AbortSignal.timeout(15_000),
  });
  return { status: response.status, text: await response.text() };
};

it('installs the Build’s Dependencies and nothing else', () => {
  const { root, build } = served.deployed;
  const installed = readdirSync(join(root, 'node_modules')).flatMap((name) =>
    name.startsWith('@')
      ? readdirSync(join(root, 'node_modules', name)).map((one) => `${name}/${one}`)
      : [name],
  );
  expect(installed.sort()).toEqual(build.dependencies.map((one) => one.name).sort());
});

it('gives the Functions the uploaded Variables and what Twilio adds, nothing of the shell', async () => {
  const plan = planDeployVariables(exampleSettings(), EXAMPLE_TARGET);
  if (!plan.ok) throw new Error(plan.error);
  const answer = await get('/context-keys');
  expect(answer.status).toBe(200);
  const context = JSON.parse(answer.text);
  const added = [
    'ACCOUNT_SID',
    'AUTH_TOKEN',
    'DOMAIN_NAME',
    'ENVIRONMENT_SID',
    'PATH',
    'SERVICE_SID',
  ];
  expect(context.keys).toEqual(
    [...Object.keys(plan.value.upload), ...added, 'TWILIO_API_BASE_URL', 'getTwilioClient'].sort(),
  );
  expect(context).toMatchObject({
    PATH: '/context-keys',
    SERVICE_SID: served.deployed.service.sid,
    SAY_VOICE: 'Polly.Matthew',
  });
});

it('fails a Function that requires a package the Dependencies do not list, at its call', async () => {
  const answer = await get('/needs-axios');
  expect(answer.status).toBe(500);
  expect(answer.text).toMatch(/Cannot find module 'axios'/);
});

it('serves uploaded assets, never private ones, and no private or unsigned protected Function', async () => {
  expect(await get('/index.html')).toMatchObject({
    status: 200,
    text: expect.stringContaining('<html'),
  });
  // The staged copy changed after the deploy: what is served is what was uploaded.
  writeFileSync(join(staged.dir, 'assets', 'index.html'), 'changed after the deploy');
  expect((await get('/index.html')).text).not.toContain('changed after the deploy');
  expect((await get('/secret.private.txt')).status).toBe(404);
  expect((await get('/helper')).status).toBe(404);
  expect((await get('/incoming-call')).status).toBe(400);
});

it('fails every Function with 82006 while the context is over 3 KB, and serves assets', async () => {
  const variables = standInClient(twilio)
    .serverless.v1.services(served.deployed.service.sid)
    .environments(served.deployed.environment.sid).variables;
  // Seven texts of 440 bytes, each a Variable Twilio accepts, take the context past 3,000 bytes.
  const big = await Promise.all(
    Array.from({ length: 7 }, (_, index) =>
      variables.create({ key: `LONG_PROMPT_${index}`, value: 'x'.repeat(440) }),
    ),
  );
  expect((await get('/context-keys')).status).toBe(500);
  const failed = JSON.parse((await get('/dashboard-calls')).text);
  expect(failed).toMatchObject({
    code: 82006,
    status: 500,
    more_info: 'https://www.twilio.com/docs/errors/82006',
  });
  expect((await get('/index.html')).status).toBe(200);
  expect(logged.lines).toContainEqual(
    expect.objectContaining({ event: 'runtime.context-too-large', code: 82006 }),
  );
  // Variables apply to the next execution without a deploy, both ways.
  await Promise.all(big.map((variable) => variables(variable.sid).remove()));
  expect((await get('/context-keys')).status).toBe(200);
});
