import type { IncomingMessage, ServerResponse } from 'node:http';
import { logEvent } from '../../src/logger';
import type { DeployedService } from './deployed-files';
import {
  CONTEXT_LIMIT_BYTES,
  contextBytes,
  invocationContext,
  type DeployedContext,
} from './function-context';

/** What the deployed Functions see, and the runtime's checks before they run. */
export interface DeployedRuntime {
  /** The Functions' environment, brought up to date before each request. */
  env: Record<string, string | undefined>;
  /** Answers a request itself when Twilio would not run the Function; true when it did. */
  intercept(req: IncomingMessage, res: ServerResponse): boolean;
}

/**
 * 82006 "may" fail invocations.
 * Assumption [context-too-large-500]: the local runtime fails every invocation of a Function
 * whose context is over the limit, with HTTP 500 and Twilio's error body naming 82006, and logs
 * the error (82006 is an APPLICATION ERROR on its page); assets, which have no context, are
 * still served.
 */
function answerContextTooLarge(res: ServerResponse, path: string, bytes: number): void {
  logEvent('error', 'runtime.context-too-large', {
    code: 82006,
    path,
    bytes,
    limit: CONTEXT_LIMIT_BYTES,
  });
  res.writeHead(500, { 'Content-Type': 'application/json' }).end(
    JSON.stringify({
      code: 82006,
      message: `Environment Context too large: ${bytes} bytes, over the ${CONTEXT_LIMIT_BYTES} a Function's context may hold`,
      more_info: 'https://www.twilio.com/docs/errors/82006',
      status: 500,
    }),
  );
}

/**
 * The runtime of a deployed environment: its Functions see the environment's Variables as they
 * are now (Twilio applies a changed Variable to the next execution without a deploy), what
 * Twilio adds, and one local addition, TWILIO_API_BASE_URL (the local Twilio's address, as
 * Twilio's runtime knows its own API), which is not counted in the context's size. Nothing of
 * this process's own environment reaches them.
 */
export function deployedRuntime(
  deployed: DeployedService,
  account: { accountSid: string; authToken: string },
  localApiBase: string,
): DeployedRuntime {
  const { service, environment } = deployed;
  const context: DeployedContext = {
    credentials: service.includeCredentials ? account : undefined,
    serviceSid: service.sid,
    environmentSid: environment.sid,
    domainName: environment.domainName,
  };
  const variables = () =>
    Object.fromEntries(environment.variables.map((variable) => [variable.key, variable.value]));
  const env: Record<string, string | undefined> = {};
  const refresh = () => {
    for (const name of Object.keys(env)) delete env[name];
    const {
      DOMAIN_NAME: _domain,
      PATH: _path,
      ...values
    } = invocationContext(context, '/', variables());
    Object.assign(env, values, { TWILIO_API_BASE_URL: localApiBase });
  };
  refresh();
  const functionPaths = new Set(deployed.routes.functions.map((one) => one.path));
  return {
    env,
    intercept(req, res) {
      refresh();
      const path = new URL(req.url ?? '/', 'http://runtime.invalid').pathname;
      if (!functionPaths.has(path)) return false;
      const bytes = contextBytes(invocationContext(context, path, variables()));
      if (bytes <= CONTEXT_LIMIT_BYTES) return false;
      answerContextTooLarge(res, path, bytes);
      return true;
    },
  };
}
