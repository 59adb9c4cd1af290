import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { ServedRoute, ServedRoutes } from '../functions-server';
import {
  servedBuild,
  type BuildRecord,
  type ServerlessStore,
  type SimulatedEnvironment,
  type SimulatedService,
} from '../stand-in/serverless/records';

/** A deployed environment, laid out on disk the way Twilio runs it. */
export interface DeployedService {
  root: string;
  service: SimulatedService;
  environment: SimulatedEnvironment;
  build: BuildRecord;
  routes: ServedRoutes;
  /** Each route's visibility, for the gateway: public, protected or private. */
  access: Map<string, string>;
  remove(): void;
}

/**
 * Links each of the Build's Dependencies, and nothing else, into `root`/node_modules from the
 * project's installed packages (the stand-in resolved them there when it built). Beyond them a
 * Function has Node's built-ins, and the runtime's own `Twilio` global and getTwilioClient().
 * Assumption [unlisted-package-fails-at-first-call]: a Function that requires a package the
 * Dependencies do not list deploys, and fails when it is first called (Node's "Cannot find
 * module", an HTTP 500 from the runtime): Twilio's build installs the Dependencies and is not
 * documented to read the Functions' code, which is loaded only when invoked. Packages that only
 * come along with a listed one (npm would hoist them) are not reachable either, the stricter
 * reading.
 */
function linkDependencies(root: string, build: BuildRecord, dependencyRoot: string): void {
  for (const { name } of build.dependencies) {
    const link = join(root, 'node_modules', ...name.split('/'));
    mkdirSync(dirname(link), { recursive: true });
    // A junction on Windows needs no special rights; elsewhere the type is ignored.
    symlinkSync(join(dependencyRoot, 'node_modules', ...name.split('/')), link, 'junction');
  }
}

/**
 * The environment's current build, made only from what was uploaded: each Function version as a
 * lone file named by its SID under files/ (as Twilio stores it, `/var/task/files/ZN…`, so a
 * relative require between two Functions fails here too), each Asset version at its path under
 * assets/ (its file name keeps the type it is served with), and node_modules holding the
 * Dependencies. Nothing comes from the project's working tree or its dist/.
 */
export function materializeDeployment(
  store: ServerlessStore,
  serviceSid: string,
  environmentSid: string,
): DeployedService {
  const { service, environment, build } = servedBuild(store, serviceSid, environmentSid);
  if (!build)
    throw new Error(
      `environment ${environment.uniqueName} of ${service.uniqueName} serves no build`,
    );
  const root = mkdtempSync(join(tmpdir(), 'deployed-service-'));
  const routes: ServedRoutes = { functions: [], assets: [] };
  for (const version of build.functionVersions) {
    const filePath = join(root, 'files', version.sid);
    mkdirSync(dirname(filePath), { recursive: true });
    writeFileSync(filePath, version.content);
    routes.functions.push(route(version.path, filePath, version.visibility));
  }
  for (const version of build.assetVersions) {
    const filePath = join(root, 'assets', ...version.path.split('/'));
    mkdirSync(dirname(filePath), { recursive: true });
    writeFileSync(filePath, version.content);
    routes.assets.push(route(version.path, filePath, version.visibility));
  }
  linkDependencies(root, build, store.dependencyRoot);
  const access = new Map(
    [...routes.functions, ...routes.assets].map((one) => [one.path, one.access]),
  );
  return {
    root,
    service,
    environment,
    build,
    routes,
    access,
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}

function route(path: string, filePath: string, access: string): ServedRoute {
  return { name: path.slice(1), path, filePath, access };
}
