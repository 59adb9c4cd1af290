/**
 * Deploying as people do, with twilio-run's own deploy code (through the seam) against the
 * local Serverless API: a first deploy, a redeploy of a changed build, a setting removed from
 * .env, a first deploy that failed half-way and was run again; each one's requests counted and
 * compared with what the flow must make, as the deploy benchmark prints them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { summariseRuns } from '../../scripts/bench/deploy-cli';
import {
  deployCase,
  EXAMPLE_TARGET,
  exampleSettings,
  HAND_SET_VARIABLE,
  REMOVED_SETTING,
  runDeployCases,
  type DeploySession,
} from '../../scripts/bench/deploy-cases';
import { planDeployVariables } from '../../scripts/deploy/variables-plan';
import { stageProject } from '../../local/deploy/stage-project';
import { PROJECT_ROOT } from '../../local/project-root';
import { operationsOf } from '../../local/stand-in/openapi';
import { responseProblems } from '../../local/stand-in/response-check';
import type { SimulatedService } from '../../local/stand-in/serverless';
import { startTwilioStandIn, type LocalTwilio } from '../../local/stand-in/server';
import { captureConsoleJson } from '../support/console-capture';

jest.setTimeout(120_000);

let session: DeploySession;
const logged = captureConsoleJson();
const shell = { SHELL_ONLY_SETTING: 'from-the-shell', SAY_VOICE: 'Polly.Matthew' };

beforeAll(async () => {
  // The deploy's process inherits this shell: none of it may be uploaded.
  Object.assign(process.env, shell);
  session = await runDeployCases();
});
afterAll(async () => {
  for (const name of Object.keys(shell)) delete process.env[name];
  logged.restore();
  await session?.close();
});

const result = (name: string) => {
  const found = session.results.find((one) => one.name === name);
  if (!found) throw new Error(`no case ${name}`);
  return found;
};
const servicesOf = (twilio: LocalTwilio) => [...twilio.serverless.services.values()];
const variablesOf = (service: SimulatedService) =>
  Object.fromEntries(service.environments[0].variables.map((one) => [one.key, one.value]));

/** What the project deploys: its built Functions and Assets, and the Variables .env gives. */
function project() {
  const built = (folder: string) =>
    readdirSync(join(PROJECT_ROOT, 'dist', folder), {
      recursive: true,
      withFileTypes: true,
    }).filter((entry) => entry.isFile()).length;
  const plan = planDeployVariables(exampleSettings(), EXAMPLE_TARGET);
  if (!plan.ok) throw new Error(plan.error);
  return { F: built('functions'), A: built('assets'), V: Object.keys(plan.value.upload).length };
}

/** The requests each case must make, from what serverless-api 5.7.0 does with this project. */
function expectedCounts(name: string): Record<string, number> {
  const { F, A, V } = project();
  const uploads = {
    CreateFunctionVersion: F,
    CreateAssetVersion: A,
    ListFunction: 1,
    ListAsset: 1,
  };
  const build = { CreateBuild: 1, FetchBuildStatus: 2 };
  const create = { CreateService: 1, CreateEnvironment: 1, CreateFunction: F, CreateAsset: A };
  const release = { ListVariable: 2, CreateDeployment: 1 }; // set Variables, deploy; clean-up
  const counts: Record<string, Record<string, number>> = {
    'first deploy': {
      ListService: 1,
      ListEnvironment: 2,
      ...create,
      ...uploads,
      ...build,
      ...release,
      CreateVariable: V,
    },
    'redeploy, changed build': {
      FetchService: 1,
      ListEnvironment: 2,
      ...uploads,
      ...build,
      ...release,
    },
    'redeploy, a setting removed from .env': {
      FetchService: 1,
      ListEnvironment: 2,
      ...uploads,
      ...build,
      ...release,
      DeleteVariable: 1,
    },
    'first deploy, its build failed': {
      ListService: 1,
      ListEnvironment: 1,
      ...create,
      ...uploads,
      ...build,
    },
    'the same deploy run again': {
      ListService: 1,
      ListEnvironment: 3,
      FetchService: 1,
      ...uploads,
      ...build,
      ...release,
      CreateVariable: V,
    },
  };
  return Object.fromEntries(Object.entries(counts[name]).sort(([a], [b]) => a.localeCompare(b)));
}

it('makes the requests the flow must make, as the benchmark prints them', () => {
  const printed = summariseRuns([session.results]);
  for (const row of printed) {
    expect({ case: row.case, byOperation: row.byOperation }).toEqual({
      case: row.case,
      byOperation: expectedCounts(row.case),
    });
    expect(row.requests).toBe(Object.values(expectedCounts(row.case)).reduce((a, b) => a + b, 0));
  }
  // The wrapper's own requests: the service check before a deploy with no .twiliodeployinfo
  // (ListService, and ListEnvironment when one has the name), the clean-up after a deploy that
  // worked (ListEnvironment, ListVariable, and a DeleteVariable per setting removed); the rest
  // are twilio-run's (78 and 22 with this project and .env.example).
  const wrapper: Record<string, number> = {
    'first deploy': 3,
    'redeploy, changed build': 2,
    'redeploy, a setting removed from .env': 3,
    'first deploy, its build failed': 1,
    'the same deploy run again': 4,
  };
  for (const row of printed)
    expect({ case: row.case, twilioRun: row.byTwilioRun }).toEqual({
      case: row.case,
      twilioRun: row.requests - wrapper[row.case],
    });
});

it('answers every request as the description says; Twilio would ignore one parameter', () => {
  const described = operationsOf('twilio_serverless_v1');
  const exchanges = session.results.flatMap((one) => one.exchanges);
  for (const exchange of exchanges.filter((one) => !one.operation.endsWith('Version'))) {
    const operation = described.find((one) => one.operationId === exchange.operation);
    expect(responseProblems(operation, exchange.status, exchange.response)).toEqual([]);
  }
  // serverless-api sends FriendlyName with a new environment "for the future" (environments.js).
  expect([...new Set(exchanges.flatMap((one) => one.warnings ?? []))]).toEqual([
    '20001 Unknown parameter FriendlyName for CreateEnvironment: ignored, as Twilio does',
  ]);
});

describe('a first deploy', () => {
  it('uploads the build with each Function’s visibility, and builds its Dependencies', () => {
    const first = result('first deploy');
    expect(first.code).toBe(0);
    expect(first.output.join('\n')).toMatch(/Serverless project successfully deployed/);
    const [service] = servicesOf(session.main.twilio);
    expect(service.uniqueName).toBe(
      JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')).name,
    );
    const build = service.builds[0];
    const staged = join(session.main.staged.dir, 'functions');
    for (const file of readdirSync(join(PROJECT_ROOT, 'dist', 'functions'))) {
      const version = build.functionVersions.find(
        (one) => one.path === `/${file.replace(/(\.protected|\.private)?\.js$/, '')}`,
      );
      expect(version?.visibility).toBe(/\.protected\.js$/.test(file) ? 'protected' : 'public');
      if (file !== 'incoming-call.protected.js')
        expect(version?.content.equals(readFileSync(join(staged, file)))).toBe(true);
    }
    const manifest = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8'));
    expect(build.dependencies).toEqual(
      Object.entries(manifest.dependencies).map(([name, version]) => ({ name, version })),
    );
  });

  it('uploads the Variables from .env alone: not the credentials, the local settings or the shell', () => {
    const plan = planDeployVariables(exampleSettings(), EXAMPLE_TARGET);
    if (!plan.ok) throw new Error(plan.error);
    // The account whose deploy failed, then went through: its Variables are all this .env's.
    const uploaded = variablesOf(servicesOf(session.failing.twilio)[0]);
    expect(uploaded).toEqual(plan.value.upload);
    expect(uploaded.SAY_VOICE).toBe('Polly.Matthew');
    for (const name of [
      'ACCOUNT_SID',
      'AUTH_TOKEN',
      'PORT',
      'TWILIO_API_BASE_URL',
      'SHELL_ONLY_SETTING',
    ])
      expect(uploaded).not.toHaveProperty(name);
    const output = session.results.flatMap((one) => one.output).join('\n');
    expect(output).not.toContain(session.main.twilio.authToken);
  });
});

it('redeploys a changed build to the same service and domain, as new versions', () => {
  expect(result('redeploy, changed build').code).toBe(0);
  const [service] = servicesOf(session.main.twilio);
  const environment = service.environments[0];
  expect(service.builds).toHaveLength(3);
  const changed = service.functions.find((one) => one.versions[0].path === '/incoming-call');
  expect(changed?.versions).toHaveLength(3);
  expect(changed?.versions[1].content.toString()).toMatch(/\/\/ changed\n$/);
  expect(changed?.versions[0].content.toString()).not.toMatch(/\/\/ changed/);
  expect(environment.deployments.map((one) => one.buildSid)).toEqual(
    service.builds.map((one) => one.sid),
  );
  expect(environment.domainName).toMatch(
    new RegExp(`^${service.uniqueName}-\\d{4}-dev\\.twil\\.io$`),
  );
});

it('removes a setting taken out of .env, and names a Variable it leaves alone', () => {
  const removed = result('redeploy, a setting removed from .env');
  expect(removed.code).toBe(0);
  const variables = variablesOf(servicesOf(session.main.twilio)[0]);
  expect(variables).not.toHaveProperty(REMOVED_SETTING);
  expect(variables[HAND_SET_VARIABLE]).toBe('set in the Console');
  expect(removed.output).toContain(
    `Removed from the 'dev' environment, no longer in .env: ${REMOVED_SETTING}`,
  );
  expect(removed.output.join('\n')).toMatch(
    new RegExp(`Warning: left in the 'dev' environment.*${HAND_SET_VARIABLE}`),
  );
});

describe('a first deploy that stopped half-way', () => {
  it('says to run the same command again when its build failed, and that run carries on', () => {
    const failed = result('first deploy, its build failed');
    expect(failed.code).toBe(1);
    expect(failed.output.join('\n')).toMatch(
      /run npm run deploy:local again: a first deploy that stopped half-way is carried on/,
    );
    const retried = result('the same deploy run again');
    expect(retried.code).toBe(0);
    const [service, ...others] = servicesOf(session.failing.twilio);
    expect(others).toEqual([]);
    expect(retried.output).toContain(
      `A first deploy stopped half-way and left service "${service.uniqueName}" (${service.sid}) with nothing deployed: carrying on with it.`,
    );
    expect(service.builds.map((one) => one.outcome.status)).toEqual(['failed', 'completed']);
    expect(service.environments[0].buildSid).toBe(service.builds[1].sid);
    expect(logged.lines).toContainEqual(
      expect.objectContaining({
        event: 'stand-in.build-failed',
        reason: 'left-pad@1.3.0 cannot be resolved: not installed',
      }),
    );
  });

  it('carries on after a request failed mid-way too', async () => {
    const twilio = await startTwilioStandIn();
    const staged = stageProject();
    try {
      twilio.injectFault({ operation: 'CreateAsset', effect: { kind: 'error', status: 500 } });
      const failed = await deployCase('fault', twilio, staged, exampleSettings());
      expect(failed.code).toBe(1);
      const assets = failed.exchanges.filter((one) => one.operation === 'CreateAsset');
      // The fault fails one asset; the others before it were made.
      expect(assets.map((one) => one.status).filter((status) => status !== 201)).toEqual([500]);
      expect(assets.length).toBeGreaterThan(1);
      const again = await deployCase('again', twilio, staged, exampleSettings());
      expect(again.code).toBe(0);
      const [service, ...others] = servicesOf(twilio);
      expect(others).toEqual([]);
      expect(service.environments[0].buildSid).toBe(service.builds[0].sid);
      // Each asset made once, with the one version the retry uploaded.
      expect(service.assets.map((one) => one.versions.length)).toEqual(service.assets.map(() => 1));
      expect(service.assets).toHaveLength(project().A);
    } finally {
      staged.remove();
      await twilio.close();
    }
  });

  it('refuses, with what to run, when a service of that name serves someone’s deploy', async () => {
    const elsewhere = stageProject();
    try {
      const refused = await deployCase(
        'refused',
        session.main.twilio,
        elsewhere,
        exampleSettings(),
      );
      const [service] = servicesOf(session.main.twilio);
      expect(refused.code).toBe(1);
      expect(refused.counts).toEqual({ ListEnvironment: 1, ListService: 1 });
      expect(refused.output.join('\n')).toContain(
        `npm run deploy:local -- --service-sid ${service.sid}`,
      );
      expect(refused.output.join('\n')).toContain(
        `npm run deploy:local -- --service-name ${service.uniqueName}-2`,
      );
    } finally {
      elsewhere.remove();
    }
  });
});
