import type * as Http from 'node:http';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { isLoopbackHost, loopbackBaseUrl } from '../../src/twilio/loopback';
import { PROJECT_ROOT } from '../project-root';

/** The environment variable that carries the local Twilio's address into the deploy's process. */
export const SEAM_BASE_VARIABLE = 'LOCAL_TWILIO_API_BASE_URL';

/**
 * Points twilio-run's own deploy code at the local Twilio. @twilio-labs/serverless-api takes
 * every base URL from one export, `getApiUrl` (dist/api/utils/api-client.js), read as a property
 * at each call: replacing it sends both the `serverless` and the `serverless-upload` hosts to
 * `{base}/{product}/v1`, where the stand-in serves them. Nothing of the deployed code changes.
 * Installed in the deploy's own process (node --require), never in this project's runtime code.
 */
export function installServerlessApiSeam(env: NodeJS.ProcessEnv): string {
  const base = loopbackBaseUrl(env[SEAM_BASE_VARIABLE]);
  if (!base)
    throw new Error(`${SEAM_BASE_VARIABLE} must name the local Twilio, a loopback address`);
  const fromProject = createRequire(join(PROJECT_ROOT, 'package.json'));
  const fromTwilioRun = createRequire(fromProject.resolve('twilio-run/package.json'));
  const apiClient = fromTwilioRun('@twilio-labs/serverless-api/dist/api/utils/api-client') as {
    getApiUrl: (config: unknown, product?: string, apiVersion?: string) => string;
  };
  apiClient.getApiUrl = (_config, product = 'serverless', apiVersion = 'v1') =>
    `${base}/${product}/${apiVersion}`;
  guardNetwork();
  return base;
}

type RequestArgs = Parameters<typeof Http.request>;

/** The host a call to http(s).request aims at, whichever of its forms it uses. */
function targetHost(args: RequestArgs): string {
  const [first, second] = args as unknown[];
  const fromOptions = (options: unknown) => {
    const { hostname, host } = (options ?? {}) as { hostname?: string; host?: string };
    return hostname ?? host;
  };
  if (typeof first === 'string' || first instanceof URL)
    return fromOptions(second) ?? new URL(first).hostname;
  return fromOptions(first) ?? 'localhost';
}

/**
 * A second line of defence: the deploy's process may reach no host but this machine, so that a
 * URL the seam does not cover (a list's absolute next-page URL, say) fails loudly instead of
 * reaching Twilio.
 */
function guardNetwork(): void {
  // The modules themselves (an import would give a read-only namespace over them).
  const modules = [require('node:http'), require('node:https')] as (typeof Http)[];
  for (const module of modules) {
    const { request, get } = module;
    const guarded = <T extends (...args: RequestArgs) => Http.ClientRequest>(original: T) =>
      ((...args: RequestArgs) => {
        const host = targetHost(args);
        // A bare IPv6 address is bracketed as in a URL's host.
        if (!isLoopbackHost(/^[^[].*:/.test(host) ? `[${host}]` : host))
          throw new Error(`npm run deploy:local reaches only the local Twilio; refused ${host}`);
        return original(...args);
      }) as T;
    Object.assign(module, { request: guarded(request), get: guarded(get) });
  }
}
