import type { Clock } from '../../clock';
import { notFound } from '../twilio-error';

/**
 * What the stand-in keeps of the Serverless API (serverless.twilio.com/v1): services with their
 * environments, Functions and Assets with the uploaded versions (their bytes kept, since the
 * local runtime serves exactly what was uploaded), builds, deployments and variables.
 */

export type Visibility = 'public' | 'protected' | 'private';

/** A Function or an Asset: the two have the same shape, and each holds its versions. */
export type FileKind = 'function' | 'asset';

export interface VersionRecord {
  sid: string;
  kind: FileKind;
  /** The Function's or Asset's SID. */
  fileSid: string;
  serviceSid: string;
  path: string;
  visibility: Visibility;
  content: Buffer;
  contentType: string;
  createdAt: number;
}

export interface FileRecord {
  sid: string;
  kind: FileKind;
  serviceSid: string;
  friendlyName: string;
  versions: VersionRecord[];
  createdAt: number;
}

export interface Dependency {
  name: string;
  version: string;
}

export type BuildOutcome = { status: 'completed' } | { status: 'failed'; reason: string };

export interface BuildRecord {
  sid: string;
  serviceSid: string;
  functionVersions: VersionRecord[];
  assetVersions: VersionRecord[];
  dependencies: Dependency[];
  runtime: string;
  /** What the build comes to; it says `building` until it has been looked at once. */
  outcome: BuildOutcome;
  looks: number;
  createdAt: number;
}

export interface VariableRecord {
  sid: string;
  key: string;
  value: string;
  createdAt: number;
  updatedAt: number;
}

export interface DeploymentRecord {
  sid: string;
  buildSid: string | null;
  createdAt: number;
}

/** One environment of a deployed Functions service, as a deploy leaves it. */
export interface SimulatedEnvironment {
  sid: string;
  serviceSid: string;
  uniqueName: string;
  /** null for the production environment (no suffix), as Twilio has it. */
  domainSuffix: string | null;
  /** The host the environment is served at, without a scheme (e.g. `svc-1234-dev.twil.io`). */
  domainName: string;
  /** The build it serves; null until a deployment. */
  buildSid: string | null;
  createdAt: number;
  variables: VariableRecord[];
  deployments: DeploymentRecord[];
}

export interface SimulatedService {
  sid: string;
  uniqueName: string;
  friendlyName: string;
  includeCredentials: boolean;
  uiEditable: boolean;
  /** `<unique name>-<random digits>`: every environment's domain starts with it. */
  domainBase: string;
  environments: SimulatedEnvironment[];
  functions: FileRecord[];
  assets: FileRecord[];
  builds: BuildRecord[];
  createdAt: number;
}

/** What the Serverless operations act on. */
export interface ServerlessStore {
  readonly accountSid: string;
  readonly clock: Clock;
  readonly services: Map<string, SimulatedService>;
  /** A project folder whose node_modules the Builds' Dependencies are resolved from. */
  readonly dependencyRoot: string;
}

export const SERVERLESS_BASE = 'https://serverless.twilio.com/v1';

/** An environment's URL, under which its Variables and Deployments are. */
export function environmentUrl(environment: { serviceSid: string; sid: string }): string {
  return `${SERVERLESS_BASE}/Services/${environment.serviceSid}/Environments/${environment.sid}`;
}

/** Twilio's ISO 8601 form for the v1 APIs, to the second. */
export function isoDate(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** A service by SID or by unique name (the description allows either in the path). */
export function findService(store: ServerlessStore, sidOrName: string): SimulatedService {
  const service =
    store.services.get(sidOrName) ??
    [...store.services.values()].find((one) => one.uniqueName === sidOrName);
  if (!service) throw notFound(`Service ${sidOrName}`);
  return service;
}

export function findEnvironment(service: SimulatedService, sid: string): SimulatedEnvironment {
  const environment = service.environments.find((one) => one.sid === sid);
  if (!environment) throw notFound(`Environment ${sid}`);
  return environment;
}

/** The environment a path names (`ServiceSid`, `EnvironmentSid`). */
export function environmentAt(
  store: ServerlessStore,
  pathParams: Record<string, string>,
): SimulatedEnvironment {
  return findEnvironment(findService(store, pathParams.ServiceSid), pathParams.EnvironmentSid);
}

export function findBuild(service: SimulatedService, sid: string): BuildRecord {
  const build = service.builds.find((one) => one.sid === sid);
  if (!build) throw notFound(`Build ${sid}`);
  return build;
}

/** The Functions or the Assets of a service. */
export function filesOf(service: SimulatedService, kind: FileKind): FileRecord[] {
  return kind === 'function' ? service.functions : service.assets;
}

export function findFile(service: SimulatedService, kind: FileKind, sid: string): FileRecord {
  const file = filesOf(service, kind).find((one) => one.sid === sid);
  if (!file) throw notFound(`${kind === 'function' ? 'Function' : 'Asset'} ${sid}`);
  return file;
}

export function findVersion(file: FileRecord, sid: string): VersionRecord {
  const version = file.versions.find((one) => one.sid === sid);
  if (!version) throw notFound(`Version ${sid}`);
  return version;
}

/** The build an environment serves, with what it was built from; undefined before a deploy. */
export function servedBuild(
  store: ServerlessStore,
  serviceSid: string,
  environmentSid: string,
): { service: SimulatedService; environment: SimulatedEnvironment; build?: BuildRecord } {
  const service = findService(store, serviceSid);
  const environment = findEnvironment(service, environmentSid);
  const build = service.builds.find((one) => one.sid === environment.buildSid);
  return { service, environment, build };
}
