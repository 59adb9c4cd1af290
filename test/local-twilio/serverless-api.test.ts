/**
 * The Serverless API a deploy calls, through the real twilio library (and, for the two uploads,
 * the multipart form serverless-api sends) against the strict stand-in: each operation's success
 * and its documented errors, every answer checked against the pinned description.
 */
import { operationsOf } from '../../local/stand-in/openapi';
import { responseProblems } from '../../local/stand-in/response-check';
import { SERVERLESS_HANDLERS } from '../../local/stand-in/serverless/handlers';
import { satisfies } from '../../local/stand-in/serverless/dependencies';
import type { LocalTwilio } from '../../local/stand-in/server';
import { captureConsoleJson } from '../support/console-capture';
import { standInClient, startTestStandIn } from '../support/local-twilio';
import { standInRequest } from '../support/stand-in-request';

let twilio: LocalTwilio;
const logged = captureConsoleJson();
beforeAll(async () => {
  twilio = await startTestStandIn();
});
afterAll(async () => {
  logged.restore();
  await twilio.close();
});

const client = () => standInClient(twilio).serverless.v1;
const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => ({ status: 0, code: 0 }),
    (error: { status: number; code: number }) => ({ status: error.status, code: error.code }),
  );

/** One upload to serverless-upload.twilio.com as serverless-api sends it: multipart form data. */
async function upload(
  path: string,
  fields: { Path?: string; Visibility?: string; content?: Buffer | string } | string,
) {
  const body = new FormData();
  if (typeof fields === 'object') {
    if (fields.Path !== undefined) body.append('Path', fields.Path);
    if (fields.Visibility !== undefined) body.append('Visibility', fields.Visibility);
    if (fields.content !== undefined)
      body.append(
        'Content',
        new Blob([fields.content], { type: 'application/javascript' }),
        'x.js',
      );
  }
  const response = await fetch(`${twilio.url}/serverless-upload/v1/Services${path}`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${twilio.accountSid}:${twilio.authToken}`).toString('base64')}`,
      ...(typeof fields === 'string' ? { 'content-type': 'text/plain' } : {}),
    },
    body: typeof fields === 'string' ? fields : body,
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('Services and Environments', () => {
  it('creates a service once per unique name, within the documented lengths and count', async () => {
    const service = await client().services.create({ uniqueName: 'svc-a', friendlyName: 'A' });
    expect(service).toMatchObject({ uniqueName: 'svc-a', includeCredentials: true });
    expect(service.domainBase).toMatch(/^svc-a-\d{4}$/);
    expect((await client().services(service.sid).fetch()).sid).toBe(service.sid);
    expect((await client().services('svc-a').fetch()).sid).toBe(service.sid);
    expect((await client().services.list()).map((one) => one.uniqueName)).toContain('svc-a');
    const again = client().services.create({ uniqueName: 'svc-a', friendlyName: 'A' });
    expect(await refusal(again)).toEqual({ status: 409, code: 20409 });
    const long = client().services.create({ uniqueName: 'x'.repeat(51), friendlyName: 'x' });
    expect(await refusal(long)).toEqual({ status: 400, code: 20001 });
    expect(
      await refusal(
        client()
          .services('ZS' + '0'.repeat(32))
          .fetch(),
      ),
    ).toMatchObject({ status: 404 });
    const paged = standInRequest(
      twilio,
      'GET',
      '/v1/Services',
      { PageToken: 'forged' },
      { product: 'serverless' },
    );
    expect((await paged).status).toBe(400);
  });

  it('refuses an account’s eleventh service', async () => {
    const other = await startTestStandIn();
    try {
      const mine = standInClient(other).serverless.v1;
      for (let index = 0; index < 10; index += 1)
        await mine.services.create({ uniqueName: `s${index}`, friendlyName: 's' });
      const eleventh = mine.services.create({ uniqueName: 's10', friendlyName: 's' });
      expect(await refusal(eleventh)).toEqual({ status: 400, code: 20001 });
    } finally {
      await other.close();
    }
  });

  it('creates environments with unique names and suffixes, at most 25', async () => {
    const service = await client().services.create({ uniqueName: 'svc-env', friendlyName: 'e' });
    const environments = client().services(service.sid).environments;
    const dev = await environments.create({ uniqueName: 'dev-environment', domainSuffix: 'dev' });
    expect(dev).toMatchObject({ domainSuffix: 'dev', buildSid: null });
    expect(dev.domainName).toBe(`${service.domainBase}-dev.twil.io`);
    const production = await environments.create({ uniqueName: 'production' });
    expect(production).toMatchObject({
      domainSuffix: null,
      domainName: `${service.domainBase}.twil.io`,
    });
    const again = environments.create({ uniqueName: 'other', domainSuffix: 'dev' });
    expect(await refusal(again)).toEqual({ status: 409, code: 20409 });
    const long = environments.create({ uniqueName: 'long', domainSuffix: 'x'.repeat(17) });
    expect(await refusal(long)).toEqual({ status: 400, code: 20001 });
    for (let index = 2; index < 25; index += 1)
      await environments.create({ uniqueName: `e${index}`, domainSuffix: `e${index}` });
    const twentySixth = environments.create({ uniqueName: 'e25', domainSuffix: 'e25' });
    expect(await refusal(twentySixth)).toEqual({ status: 400, code: 20001 });
    const missing = client()
      .services('ZS' + '0'.repeat(32))
      .environments.create({ uniqueName: 'x' });
    expect(await refusal(missing)).toMatchObject({ status: 404 });
  });
});

describe('Functions, Assets and their uploaded versions', () => {
  it('keeps each upload’s path, visibility and bytes', async () => {
    const service = await client().services.create({ uniqueName: 'svc-files', friendlyName: 'f' });
    const fn = await client().services(service.sid).functions.create({ friendlyName: 'hello' });
    const code = 'exports.handler = (c, e, cb) => cb(null, "hi");';
    const uploaded = await upload(`/${service.sid}/Functions/${fn.sid}/Versions`, {
      Path: '/hello',
      Visibility: 'protected',
      content: code,
    });
    expect(uploaded).toMatchObject({
      status: 201,
      body: { path: '/hello', visibility: 'protected' },
    });
    const versions = client().services(service.sid).functions(fn.sid).functionVersions;
    const [version] = await versions.list();
    expect(version.sid).toBe(uploaded.body.sid);
    expect((await versions(version.sid).fetch()).path).toBe('/hello');
    expect((await versions(version.sid).functionVersionContent().fetch()).content).toBe(code);
    expect((await client().services(service.sid).functions(fn.sid).fetch()).friendlyName).toBe(
      'hello',
    );
    expect((await client().services(service.sid).functions.list()).length).toBe(1);

    const asset = await client().services(service.sid).assets.create({ friendlyName: 'logo' });
    const bytes = Buffer.from([0, 255, 13, 10, 45, 45, 1]);
    const assetVersion = await upload(`/${service.sid}/Assets/${asset.sid}/Versions`, {
      Path: '/logo.bin',
      Visibility: 'private',
      content: bytes,
    });
    expect(assetVersion.status).toBe(201);
    const stored = twilio.serverless.services.get(service.sid)?.assets[0].versions[0];
    expect(stored?.content.equals(bytes)).toBe(true);
    const assetVersions = client().services(service.sid).assets(asset.sid).assetVersions;
    expect((await assetVersions(String(assetVersion.body.sid)).fetch()).visibility).toBe('private');
    expect((await assetVersions.list()).length).toBe(1);
    expect((await client().services(service.sid).assets(asset.sid).fetch()).friendlyName).toBe(
      'logo',
    );
    expect((await client().services(service.sid).assets.list()).length).toBe(1);
  });

  it('refuses what the uploads and the containers do not take', async () => {
    const service = await client().services.create({ uniqueName: 'svc-bad', friendlyName: 'b' });
    const files = client().services(service.sid);
    const fn = await files.functions.create({ friendlyName: 'f' });
    const asset = await files.assets.create({ friendlyName: 'a' });
    const versions = `/${service.sid}/Functions/${fn.sid}/Versions`;
    const valid = { Path: '/f', Visibility: 'public', content: 'x' };
    for (const bad of [
      'not multipart',
      { ...valid, Path: undefined },
      { ...valid, Path: 'no-slash' },
      { ...valid, Visibility: 'secret' },
      { ...valid, content: undefined },
    ])
      expect((await upload(versions, bad)).body).toMatchObject({ status: 400, code: 20001 });
    const tooBig = { ...valid, content: Buffer.alloc(25_000_001) };
    const big = await upload(`/${service.sid}/Assets/${asset.sid}/Versions`, tooBig);
    expect(big.body).toMatchObject({ status: 400, code: 20001 });
    expect(
      (await upload(`/${service.sid}/Functions/ZH${'0'.repeat(32)}/Versions`, valid)).status,
    ).toBe(404);
    const longName = files.functions.create({ friendlyName: 'x'.repeat(256) });
    expect(await refusal(longName)).toEqual({ status: 400, code: 20001 });
    const missing = 'ZH' + '0'.repeat(32);
    const version = 'ZN' + '0'.repeat(32);
    for (const request of [
      files.functions(missing).fetch(),
      files.assets(missing).fetch(),
      files.functions(missing).functionVersions.list(),
      files.assets(missing).assetVersions.list(),
      files.functions(fn.sid).functionVersions(version).fetch(),
      files.functions(fn.sid).functionVersions(version).functionVersionContent().fetch(),
      files.assets(asset.sid).assetVersions(version).fetch(),
      client()
        .services('ZS' + '0'.repeat(32))
        .functions.list(),
      client()
        .services('ZS' + '0'.repeat(32))
        .assets.list(),
      client()
        .services('ZS' + '0'.repeat(32))
        .assets.create({ friendlyName: 'a' }),
    ])
      expect(await refusal(request)).toEqual({ status: 404, code: 20404 });
  });
});

/** A service with one uploaded Function version and one asset version, ready to build. */
async function uploadedService(name: string) {
  const service = await client().services.create({ uniqueName: name, friendlyName: name });
  const fn = await client().services(service.sid).functions.create({ friendlyName: 'f' });
  const asset = await client().services(service.sid).assets.create({ friendlyName: 'a' });
  const functionVersion = await upload(`/${service.sid}/Functions/${fn.sid}/Versions`, {
    Path: '/f',
    Visibility: 'public',
    content: 'exports.handler = () => {};',
  });
  const assetVersion = await upload(`/${service.sid}/Assets/${asset.sid}/Versions`, {
    Path: '/a.txt',
    Visibility: 'public',
    content: 'a',
  });
  const environment = await client()
    .services(service.sid)
    .environments.create({ uniqueName: 'dev-environment', domainSuffix: 'dev' });
  return {
    service,
    fn,
    environment,
    versions: {
      functionVersions: [String(functionVersion.body.sid)],
      assetVersions: [String(assetVersion.body.sid)],
    },
  };
}

describe('Builds and Deployments', () => {
  it('builds from uploaded versions and the Dependencies as serverless-api quotes them', async () => {
    const { service, environment, versions } = await uploadedService('svc-build');
    const builds = client().services(service.sid).builds;
    const dependencies = `"${JSON.stringify([{ name: 'twilio', version: '5.13.1' }])}"`;
    const build = await builds.create({ ...versions, dependencies, runtime: 'node22' });
    expect(build).toMatchObject({ status: 'building', runtime: 'node22' });
    expect(build.dependencies).toEqual([{ name: 'twilio', version: '5.13.1' }]);
    const deployments = client().services(service.sid).environments(environment.sid).deployments;
    expect(await refusal(deployments.create({ buildSid: build.sid }))).toEqual({
      status: 400,
      code: 20001,
    });
    expect((await builds(build.sid).buildStatus().fetch()).status).toBe('building');
    expect((await builds(build.sid).buildStatus().fetch()).status).toBe('completed');
    expect((await builds(build.sid).fetch()).functionVersions).toEqual([
      expect.objectContaining({
        sid: versions.functionVersions[0],
        path: '/f',
        visibility: 'public',
      }),
    ]);
    expect((await builds.list()).map((one) => one.status)).toEqual(['completed']);
    const deployment = await deployments.create({ buildSid: build.sid });
    expect(deployment.buildSid).toBe(build.sid);
    expect((await deployments(deployment.sid).fetch()).sid).toBe(deployment.sid);
    expect((await deployments.list()).length).toBe(1);
    const served = await client().services(service.sid).environments(environment.sid).fetch();
    expect(served.buildSid).toBe(build.sid);
  });

  it('fails a build whose Dependencies cannot be resolved, and never deploys it', async () => {
    const { service, environment, versions } = await uploadedService('svc-failing');
    const builds = client().services(service.sid).builds;
    for (const dependency of [
      { name: 'left-pad', version: '1.3.0' },
      { name: 'twilio', version: '4.23.0' },
      { name: 'twilio', version: '>=5 <6' },
    ]) {
      const build = await builds.create({
        ...versions,
        dependencies: JSON.stringify([dependency]),
      });
      await builds(build.sid).buildStatus().fetch();
      expect((await builds(build.sid).buildStatus().fetch()).status).toBe('failed');
      const deploy = client()
        .services(service.sid)
        .environments(environment.sid)
        .deployments.create({ buildSid: build.sid });
      expect(await refusal(deploy)).toEqual({ status: 400, code: 20001 });
    }
    expect(logged.lines.filter((line) => line.event === 'stand-in.build-failed')).toEqual([
      expect.objectContaining({ reason: 'left-pad@1.3.0 cannot be resolved: not installed' }),
      expect.objectContaining({ reason: 'twilio@4.23.0 cannot be resolved: 5.13.1 is installed' }),
      expect.objectContaining({ reason: expect.stringMatching(/needs a registry/) }),
    ]);
  });

  it('refuses a build past its documented limits or naming what is not there', async () => {
    const { service, fn, environment, versions } = await uploadedService('svc-limits');
    const builds = client().services(service.sid).builds;
    for (const bad of [
      { ...versions, dependencies: 'twilio@5' },
      { ...versions, runtime: 'node7' },
      { ...versions, functionVersions: ['ZN' + '0'.repeat(32)] },
    ])
      expect(await refusal(builds.create(bad))).toEqual({ status: 400, code: 20001 });
    const many: string[] = [];
    for (let index = 0; index < 51; index += 1) {
      const version = await upload(`/${service.sid}/Functions/${fn.sid}/Versions`, {
        Path: `/f${index}`,
        Visibility: 'public',
        content: 'x',
      });
      many.push(String(version.body.sid));
    }
    expect(await refusal(builds.create({ functionVersions: many }))).toEqual({
      status: 400,
      code: 20001,
    });
    const missingBuild = 'ZB' + '0'.repeat(32);
    for (const request of [
      builds(missingBuild).fetch(),
      builds(missingBuild).buildStatus().fetch(),
      client()
        .services('ZS' + '0'.repeat(32))
        .builds.list(),
      client()
        .services(service.sid)
        .environments(environment.sid)
        .deployments.create({ buildSid: missingBuild }),
      client()
        .services(service.sid)
        .environments(environment.sid)
        .deployments('ZD' + '0'.repeat(32))
        .fetch(),
      client()
        .services(service.sid)
        .environments('ZE' + '0'.repeat(32))
        .deployments.list(),
    ])
      expect(await refusal(request)).toEqual({ status: 404, code: 20404 });
  });

  it('refuses the 101st build of the hour', async () => {
    const other = await startTestStandIn();
    try {
      const builds = standInClient(other).serverless.v1.services;
      const service = await builds.create({ uniqueName: 'busy', friendlyName: 'busy' });
      for (let index = 0; index < 100; index += 1) await builds(service.sid).builds.create({});
      expect(await refusal(builds(service.sid).builds.create({}))).toEqual({
        status: 429,
        code: 20429,
      });
      await other.clock.advance(3_600_001);
      expect((await builds(service.sid).builds.create({})).status).toBe('building');
    } finally {
      await other.close();
    }
  });
});

describe('Variables', () => {
  it('creates, lists, fetches, updates and deletes, within 128 characters and 450 bytes', async () => {
    const { service, environment } = await uploadedService('svc-vars');
    const variables = client().services(service.sid).environments(environment.sid).variables;
    const made = await variables.create({ key: 'A', value: 'one' });
    expect((await variables(made.sid).fetch()).value).toBe('one');
    expect((await variables(made.sid).update({ value: 'two' })).value).toBe('two');
    await variables.create({ key: 'B', value: 'x'.repeat(450) });
    expect((await variables.list()).map((one) => one.key)).toEqual(['A', 'B']);
    for (const bad of [
      variables.create({ key: 'K'.repeat(129), value: 'v' }),
      // 226 characters, 452 bytes: the limit is in bytes.
      variables.create({ key: 'C', value: 'é'.repeat(226) }),
      variables(made.sid).update({ value: 'é'.repeat(226) }),
    ])
      expect(await refusal(bad)).toEqual({ status: 400, code: 20001 });
    expect(await refusal(variables.create({ key: 'A', value: 'again' }))).toEqual({
      status: 409,
      code: 20409,
    });
    expect(await refusal(variables(made.sid).update({ key: 'B' }))).toEqual({
      status: 409,
      code: 20409,
    });
    await variables(made.sid).remove();
    expect((await variables.list()).map((one) => one.key)).toEqual(['B']);
    const missing = 'ZV' + '0'.repeat(32);
    for (const request of [
      variables(missing).fetch(),
      variables(missing).update({ value: 'x' }),
      variables(missing).remove(),
      client()
        .services(service.sid)
        .environments('ZE' + '0'.repeat(32))
        .variables.list(),
    ])
      expect(await refusal(request)).toEqual({ status: 404, code: 20404 });
  });
});

describe('the dependency ranges a deploy sends', () => {
  it.each([
    ['5.13.1', '5.13.1', true],
    ['5.13.1', '^5.0.0', true],
    ['5.13.1', '~5.13.0', true],
    ['5.13.1', '*', true],
    ['5.13.1', '4.23.0', false],
    ['5.13.1', '^4.0.0', false],
    ['5.13.1', '~5.12.0', false],
    ['0.2.5', '^0.2.1', true],
    ['0.3.0', '^0.2.1', false],
    ['5.13.1', '>=5', undefined],
  ])('%s against %s', (installed, range, expected) => {
    expect(satisfies(installed, range)).toBe(expected);
  });
});

it('answers every Serverless operation, success and error, as the description says', () => {
  const served = (id: string) =>
    operationsOf('twilio_serverless_v1').find((operation) => operation.operationId === id);
  const seen = new Set<string>();
  expect(twilio.exchanges.filter((exchange) => exchange.status >= 500)).toEqual([]);
  for (const exchange of twilio.exchanges) {
    seen.add(`${exchange.operation} ${exchange.status < 400 ? 'success' : 'error'}`);
    // The uploads are not in the description: their strict check ran in the stand-in itself.
    if (exchange.operation.startsWith('Create') && exchange.operation.endsWith('Version')) continue;
    expect({
      exchange: `${exchange.operation} ${exchange.status}`,
      problems: responseProblems(served(exchange.operation), exchange.status, exchange.response),
    }).toEqual({
      exchange: `${exchange.operation} ${exchange.status}`,
      problems: [],
    });
  }
  const walked = Object.keys(SERVERLESS_HANDLERS).flatMap((id) => [`${id} success`, `${id} error`]);
  expect(walked.filter((entry) => !seen.has(entry))).toEqual([]);
});
