import { PROJECT_ROOT } from '../project-root';

/**
 * What the gateway knows of the service it fronts: each route's path and visibility
 * ('public', 'protected' or 'private'), as the Serverless Toolkit names them.
 */
export interface ServiceRoutes {
  functions: ReadonlyMap<string, string>;
  /** Without it the gateway cannot tell an asset from a path that names nothing. */
  assets?: ReadonlyMap<string, string>;
}

/** Where a service's files are: a project (or a copy of one) and its two folders in it. */
export interface ServiceFolders {
  baseDir?: string;
  functionsFolder?: string;
  assetsFolder?: string;
}

/** The routes of built Functions and assets, read exactly as the Serverless Toolkit reads them. */
export async function readServiceRoutes(
  folders: ServiceFolders = {},
): Promise<Required<ServiceRoutes>> {
  const { fsHelpers } = require('@twilio-labs/serverless-api');
  const found = await fsHelpers.getListOfFunctionsAndAssets(folders.baseDir ?? PROJECT_ROOT, {
    functionsFolderNames: [folders.functionsFolder ?? 'dist/functions'],
    assetsFolderNames: [folders.assetsFolder ?? 'dist/assets'],
  });
  const byPath = (list: Array<{ path: string; access: string }>) =>
    new Map(list.map((route) => [route.path, route.access]));
  return { functions: byPath(found.functions), assets: byPath(found.assets) };
}

/** Each Function's access level, read from the built Functions. */
export async function routeAccess(
  functionsFolder = 'dist/functions',
): Promise<Map<string, string>> {
  return new Map((await readServiceRoutes({ functionsFolder })).functions);
}

/** A route as Twilio's Serverless API describes a Function Version or an Asset Version. */
export interface DeployedVersion {
  path: string;
  visibility: string;
}

/** The routes of a deployed service, from its Build's Function and Asset Versions. */
export function routesOfVersions(versions: {
  functions: readonly DeployedVersion[];
  assets: readonly DeployedVersion[];
}): Required<ServiceRoutes> {
  const byPath = (list: readonly DeployedVersion[]) =>
    new Map(list.map((version) => [version.path, version.visibility]));
  return { functions: byPath(versions.functions), assets: byPath(versions.assets) };
}
