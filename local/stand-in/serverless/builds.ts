import { logEvent } from '../../../src/logger';
import { firstValue, type Params } from '../openapi';
import { newSid, TwilioApiError } from '../twilio-error';
import { parseDependencies, resolveDependencies } from './dependencies';
import { versionSummary } from './files';
import {
  BUILDS_PER_HOUR,
  FUNCTION_VERSIONS_PER_BUILD,
  overLimit,
  PRIVATE_ASSET_VERSIONS_PER_BUILD,
  PUBLIC_ASSET_VERSIONS_PER_BUILD,
} from './limits';
import {
  filesOf,
  findBuild,
  findService,
  isoDate,
  SERVERLESS_BASE,
  type BuildRecord,
  type FileKind,
  type ServerlessStore,
  type SimulatedService,
  type VersionRecord,
} from './records';
import { v1Page } from './v1-page';

/** Without a Runtime, a Build runs on Twilio's default, Node 22 (twilio.com/docs/serverless/functions-assets/functions). */
export const DEFAULT_RUNTIME = 'node22';

const HOUR_MS = 3_600_000;

/** The runtimes the description lists for a Build (build_enum_runtime). */
const RUNTIMES = ['node8', 'node10', 'node12', 'node14', 'node16', 'node18', 'node20', 'node22'];

const refused = (message: string) => new TwilioApiError(400, 20001, message);

function asList(params: Params, name: string): string[] {
  const value = params[name];
  return value === undefined ? [] : ([] as string[]).concat(value);
}

/** The versions a Build names, each of this service and of the right kind. */
function versionsOf(service: SimulatedService, kind: FileKind, sids: string[]): VersionRecord[] {
  const all = filesOf(service, kind).flatMap((file) => file.versions);
  return sids.map((sid) => {
    const version = all.find((one) => one.sid === sid);
    // Assumption [build-unknown-version-400]: a version SID that is not one of this service's
    // is a bad parameter (400, 20001); Twilio does not document the answer.
    if (!version) throw refused(`${sid} is not a ${kind} version of service ${service.sid}`);
    return version;
  });
}

function checkBuildLimits(
  store: ServerlessStore,
  functions: VersionRecord[],
  assets: VersionRecord[],
) {
  if (functions.length > FUNCTION_VERSIONS_PER_BUILD)
    throw overLimit(`A build can contain up to ${FUNCTION_VERSIONS_PER_BUILD} Function versions`);
  const privateAssets = assets.filter((one) => one.visibility === 'private').length;
  if (assets.length - privateAssets > PUBLIC_ASSET_VERSIONS_PER_BUILD)
    throw overLimit(
      `A build can contain up to ${PUBLIC_ASSET_VERSIONS_PER_BUILD} public/protected asset versions`,
    );
  if (privateAssets > PRIVATE_ASSET_VERSIONS_PER_BUILD)
    throw overLimit(
      `A build can contain up to ${PRIVATE_ASSET_VERSIONS_PER_BUILD} private asset versions`,
    );
  const since = store.clock.now() - HOUR_MS;
  const recent = [...store.services.values()]
    .flatMap((service) => service.builds)
    .filter((build) => build.createdAt > since).length;
  // Assumption [builds-per-hour-429]: the limits page gives no answer for a build past 100 in
  // an hour; 429 with 20429, Twilio's answer to too many requests, counted on the stand-in's clock.
  if (recent >= BUILDS_PER_HOUR)
    throw new TwilioApiError(
      429,
      20429,
      `An account can do up to ${BUILDS_PER_HOUR} builds per hour`,
    );
}

/** CreateBuild: `building` at first; what it comes to is decided by its Dependencies. */
export function createBuild(
  store: ServerlessStore,
  serviceSid: string,
  params: Params,
): BuildRecord {
  const service = findService(store, serviceSid);
  const dependencies = parseDependencies(firstValue(params, 'Dependencies'));
  if (!dependencies.ok) throw refused(dependencies.error);
  const runtime = firstValue(params, 'Runtime') ?? DEFAULT_RUNTIME;
  if (!RUNTIMES.includes(runtime))
    throw refused(`Runtime must be one of ${RUNTIMES.join(', ')}, not '${runtime}'`);
  const functionVersions = versionsOf(service, 'function', asList(params, 'FunctionVersions'));
  const assetVersions = versionsOf(service, 'asset', asList(params, 'AssetVersions'));
  checkBuildLimits(store, functionVersions, assetVersions);
  const outcome = resolveDependencies(store.dependencyRoot, dependencies.value);
  const build: BuildRecord = {
    sid: newSid('ZB'),
    serviceSid: service.sid,
    functionVersions,
    assetVersions,
    dependencies: dependencies.value,
    runtime,
    outcome,
    looks: 0,
    createdAt: store.clock.now(),
  };
  if (outcome.status === 'failed')
    logEvent('warn', 'stand-in.build-failed', { build: build.sid, reason: outcome.reason });
  service.builds.push(build);
  return build;
}

/**
 * A Build's status as a client sees it.
 * Assumption [build-settles-after-one-look]: Twilio does not say how long a build takes. A Build
 * is `building` when created and at the first look (Build Status or Build), and `completed` or
 * `failed` from the second on: a client's polling is exercised, and a deploy makes the same
 * requests every time.
 */
export function lookAtBuild(build: BuildRecord): BuildRecord['outcome']['status'] | 'building' {
  build.looks += 1;
  return build.looks <= 1 ? 'building' : build.outcome.status;
}

export function buildJson(store: ServerlessStore, build: BuildRecord, status: string): unknown {
  const url = `${SERVERLESS_BASE}/Services/${build.serviceSid}/Builds/${build.sid}`;
  return {
    sid: build.sid,
    account_sid: store.accountSid,
    service_sid: build.serviceSid,
    status,
    asset_versions: build.assetVersions.map((one) => versionSummary(store, one)),
    function_versions: build.functionVersions.map((one) => versionSummary(store, one)),
    dependencies: build.dependencies,
    runtime: build.runtime,
    date_created: isoDate(build.createdAt),
    date_updated: isoDate(build.createdAt),
    url,
    links: { build_status: `${url}/Status` },
  };
}

export function buildStatusJson(store: ServerlessStore, build: BuildRecord): unknown {
  return {
    sid: build.sid,
    account_sid: store.accountSid,
    service_sid: build.serviceSid,
    status: lookAtBuild(build),
    url: `${SERVERLESS_BASE}/Services/${build.serviceSid}/Builds/${build.sid}/Status`,
  };
}

export function fetchBuild(store: ServerlessStore, serviceSid: string, sid: string): unknown {
  const build = findBuild(findService(store, serviceSid), sid);
  return buildJson(store, build, lookAtBuild(build));
}

export function fetchBuildStatus(store: ServerlessStore, serviceSid: string, sid: string): unknown {
  return buildStatusJson(store, findBuild(findService(store, serviceSid), sid));
}

/** Builds as a list shows them: what they came to, once they have been looked at. */
export function listBuilds(store: ServerlessStore, serviceSid: string, query: Params): unknown {
  const service = findService(store, serviceSid);
  return v1Page(
    'builds',
    service.builds,
    query,
    `${SERVERLESS_BASE}/Services/${service.sid}/Builds`,
    (one) => buildJson(store, one, one.looks >= 1 ? one.outcome.status : 'building'),
  );
}
