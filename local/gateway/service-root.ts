import type { RouteKind } from './limits';
import type { ServiceRoutes } from './service-routes';

/**
 * The asset a deployed service serves at its root: "/assets/index.html", when no Function or
 * asset has the path `/` (an asset at /index.html is not served there). Twilio's own local
 * runtimes say so where they copy the behaviour (@twilio/runtime-handler's dev server and
 * twilio-run's runtime/server.js: "In production we automatically fall back to the contents of
 * /assets/index.html"; serverless-toolkit issue 371).
 */
export const ROOT_PAGE_ASSET = '/assets/index.html';

/** A request's route: what it reaches, its visibility, and what is asked of the server behind. */
export interface Route {
  kind: RouteKind;
  /** 'public', 'protected' or 'private'; undefined for a path the gateway does not know. */
  access?: string;
  pathAndQuery: string;
}

/** The route of a request for `rawUrl` (path and query as received). */
export function routeOf(routes: ServiceRoutes, rawUrl: string): Route {
  const url = new URL(rawUrl, 'http://gateway.invalid');
  const functionAccess = routes.functions.get(url.pathname);
  if (functionAccess !== undefined)
    return { kind: 'function', access: functionAccess, pathAndQuery: rawUrl };
  const assetAccess = routes.assets?.get(url.pathname);
  if (assetAccess !== undefined)
    return { kind: 'asset', access: assetAccess, pathAndQuery: rawUrl };
  const rootPage = url.pathname === '/' ? routes.assets?.get(ROOT_PAGE_ASSET) : undefined;
  if (rootPage !== undefined)
    return { kind: 'asset', access: rootPage, pathAndQuery: `${ROOT_PAGE_ASSET}${url.search}` };
  return { kind: 'unknown', pathAndQuery: rawUrl };
}
