/**
 * The service's root as Twilio serves it: the asset /assets/index.html, when no Function or
 * asset has the path `/` (an asset at /index.html is not served there); private assets are
 * not served at all.
 */
import { routesOfVersions, startGateway, type Gateway } from '../../local/gateway';
import { startFakeFunctions, type FakeFunctionsServer } from '../support/fake-functions-server';

let functions: FakeFunctionsServer;
const gateways: Gateway[] = [];

beforeAll(async () => {
  functions = await startFakeFunctions();
});
afterAll(async () => {
  for (const gateway of gateways) await gateway.close();
  await functions.close();
});

/** A gateway in front of the fake Functions, knowing these Functions and assets. */
async function gatewayFor(
  functionRoutes: Array<[string, string]>,
  assetRoutes: Array<[string, string]>,
): Promise<string> {
  const gateway = await startGateway({
    authToken: 'token',
    access: new Map(functionRoutes),
    assets: new Map(assetRoutes),
    target: functions.url,
  });
  gateways.push(gateway);
  return gateway.url;
}

/** Asks `path`; answers its status and what reached the Functions server. */
async function ask(url: string, path: string): Promise<{ status: number; reached: string[] }> {
  const before = functions.urls.length;
  const answer = await fetch(`${url}${path}`, { signal: AbortSignal.timeout(5000) });
  await answer.arrayBuffer();
  return { status: answer.status, reached: functions.urls.slice(before) };
}

it('serves the asset /assets/index.html at `/`, its query kept', async () => {
  const url = await gatewayFor(
    [],
    [
      ['/assets/index.html', 'public'],
      ['/index.html', 'public'],
    ],
  );
  expect(await ask(url, '/')).toEqual({ status: 204, reached: ['/assets/index.html'] });
  expect(await ask(url, '/?tab=calls')).toEqual({
    status: 204,
    reached: ['/assets/index.html?tab=calls'],
  });
  // The other addresses of the page are asked for as they are.
  expect(await ask(url, '/index.html')).toEqual({ status: 204, reached: ['/index.html'] });
});

it('does not serve an asset at /index.html at `/`', async () => {
  const url = await gatewayFor([], [['/index.html', 'public']]);
  expect(await ask(url, '/')).toEqual({ status: 204, reached: ['/'] });
});

it('lets a Function at `/` win over the root page', async () => {
  const url = await gatewayFor([['/', 'public']], [['/assets/index.html', 'public']]);
  expect(await ask(url, '/')).toEqual({ status: 204, reached: ['/'] });
});

it('serves no private asset, at its path or at the root: 404', async () => {
  const url = await gatewayFor(
    [],
    [
      ['/assets/index.html', 'private'],
      ['/secret.json', 'private'],
    ],
  );
  expect(await ask(url, '/')).toEqual({ status: 404, reached: [] });
  expect(await ask(url, '/assets/index.html')).toEqual({ status: 404, reached: [] });
  expect(await ask(url, '/secret.json')).toEqual({ status: 404, reached: [] });
});

it('checks the signature of a protected asset, at the root too', async () => {
  const url = await gatewayFor([], [['/assets/index.html', 'protected']]);
  expect(await ask(url, '/')).toEqual({ status: 400, reached: [] });
  expect(await ask(url, '/assets/index.html')).toEqual({ status: 400, reached: [] });
});

it("takes a deployed service's routes from its Function and Asset Versions", async () => {
  const routes = routesOfVersions({
    functions: [{ path: '/incoming-call', visibility: 'protected' }],
    assets: [
      { path: '/assets/index.html', visibility: 'public' },
      { path: '/notes.txt', visibility: 'private' },
    ],
  });
  const gateway = await startGateway({ authToken: 'token' });
  gateways.push(gateway);
  gateway.setTarget(functions.url, routes);
  expect(await ask(gateway.url, '/')).toEqual({ status: 204, reached: ['/assets/index.html'] });
  expect(await ask(gateway.url, '/notes.txt')).toEqual({ status: 404, reached: [] });
  expect(await ask(gateway.url, '/incoming-call')).toEqual({ status: 400, reached: [] });
});
