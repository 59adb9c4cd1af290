/**
 * Twilio's edge, locally: in front of the Functions server it checks X-Twilio-Signature on
 * `.protected` routes (the local twilio-run server checks none), hides `.private` ones, serves
 * the asset /assets/index.html at the root, holds requests and answers to the Functions' size,
 * header and time limits, and answers 503 until the Functions behind it are ready. Each role
 * is a module of its own under gateway/.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { answerControl, CONTROL_PREFIX, type ControlHandler } from './gateway/control-endpoints';
import { answerText, type GatewayEntry } from './gateway/exchange';
import { forward } from './gateway/forward';
import { FUNCTION_EXECUTION_LIMIT_MS, requestRefusal } from './gateway/limits';
import { routeOf } from './gateway/service-root';
import type { ServiceRoutes } from './gateway/service-routes';
import { hasValidSignature, SIGNATURE_REJECTED_STATUS } from './gateway/signature-check';
import { checkedTarget, NOT_READY } from './gateway/start-up';

export {
  ANSWER_TOO_LARGE_STATUS,
  EXECUTION_LIMIT_STATUS,
  FUNCTION_EXECUTION_LIMIT_MS,
  FUNCTION_METHODS,
  GET_WITH_BODY_STATUS,
  HEADERS_TOO_LARGE_STATUS,
  MAX_ANSWER_BYTES,
  MAX_HEADER_BYTES,
  MAX_HEADER_COUNT,
  MAX_REQUEST_BYTES,
  METHOD_REFUSED_STATUS,
  REQUEST_TOO_LARGE_STATUS,
} from './gateway/limits';
export { SIGNATURE_REJECTED_STATUS } from './gateway/signature-check';
export { NOT_READY, GatewayTargetError } from './gateway/start-up';
export { ROOT_PAGE_ASSET } from './gateway/service-root';
export { readServiceRoutes, routeAccess, routesOfVersions } from './gateway/service-routes';
export type { DeployedVersion, ServiceFolders, ServiceRoutes } from './gateway/service-routes';
export type { ControlHandler } from './gateway/control-endpoints';
export type { GatewayEntry } from './gateway/exchange';

export interface GatewayOptions {
  /** The account's auth token, to check X-Twilio-Signature with. */
  authToken: string;
  /** Port on 127.0.0.1; 0 or absent for any free one. */
  port?: number;
  /** Each Function's path and visibility (see routeAccess); default: none. */
  access?: ReadonlyMap<string, string>;
  /** Each asset's path and visibility; with it, private assets answer 404 and `/` serves the
   * asset /assets/index.html, and the Functions' size limits stop applying to assets. */
  assets?: ReadonlyMap<string, string>;
  control?: ControlHandler;
  /** The Functions server's base URL, if it is ready already; else call setTarget when it is. */
  target?: string;
  /** Lowered only by tests that prove the limit without waiting ten seconds. */
  executionLimitMs?: number;
}

export interface Gateway {
  /** Its own address, http://127.0.0.1:<port>: the one the Functions must believe they serve. */
  url: string;
  log: GatewayEntry[];
  /**
   * Starts passing requests on to the Functions server at `url` (until then every request is
   * answered 503 with Retry-After). `routes`, when given, replaces the routes known so far: for
   * a service deployed after the gateway started. Throws GatewayTargetError for a bad URL.
   */
  setTarget(url: string, routes?: ServiceRoutes): void;
  close(): Promise<void>;
}

/** What a request is checked and sent against; `target` stays empty until the Functions are ready. */
interface GatewayState {
  authToken: string;
  publicUrl: string;
  target: string;
  routes: ServiceRoutes;
  control?: ControlHandler;
  executionLimitMs: number;
  log: GatewayEntry[];
}

/** One request, its body read: answered here, or passed on to the Functions. */
function handle(state: GatewayState, req: IncomingMessage, res: ServerResponse, body: Buffer) {
  const rawUrl = req.url ?? '/';
  const path = new URL(rawUrl, 'http://gateway.invalid').pathname;
  const entry: GatewayEntry = { method: req.method ?? 'GET', path, status: 0 };
  state.log.push(entry);
  if (state.target === '') return answerText(res, entry, NOT_READY);
  if (path.startsWith(CONTROL_PREFIX) && state.control)
    return answerControl(state.control, req, body, res, entry);
  const route = routeOf(state.routes, rawUrl);
  // Assumption [private-function-404]: Twilio says a private Function cannot be reached by a
  // URL, not what such a request gets; 404, as for a path that names nothing.
  // Assumption [private-asset-404]: the same for a private asset, which "can only be accessed
  // by Functions" (twilio.com/docs/serverless/functions-assets/visibility); the local runtime's
  // 403 is never shown.
  if (route.access === 'private')
    return answerText(res, entry, { status: 404, message: 'Not found' });
  const refusal = requestRefusal(route.kind, req, body);
  if (refusal) return answerText(res, entry, refusal);
  if (route.access === 'protected') {
    entry.signatureValid = hasValidSignature(
      state.authToken,
      `${state.publicUrl}${rawUrl}`,
      req,
      body,
    );
    if (!entry.signatureValid)
      return answerText(res, entry, {
        status: SIGNATURE_REJECTED_STATUS,
        message: 'Invalid Twilio signature',
      });
  }
  forward(req, res, body, entry, {
    target: state.target,
    pathAndQuery: route.pathAndQuery,
    kind: route.kind,
    executionLimitMs: state.executionLimitMs,
  });
}

/** Reads the whole request, then handles it; nothing a request does can stop the gateway. */
function onRequest(state: GatewayState, req: IncomingMessage, res: ServerResponse): void {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  // A client that goes away mid-request leaves nothing to answer.
  req.on('error', () => res.destroy());
  req.on('end', () => {
    try {
      handle(state, req, res, Buffer.concat(chunks));
    } catch (error) {
      // A bug here must cost one request, not the process (and with it `npm start`).
      const entry = state.log[state.log.length - 1];
      if (entry) entry.status = 502;
      if (!res.headersSent) res.writeHead(502, { 'Content-Type': 'text/plain' });
      res.end(`Gateway: ${error instanceof Error ? error.message : String(error)}`);
    }
  });
}

/**
 * Starts the gateway on 127.0.0.1. Until it has a target (options.target or setTarget) it
 * answers every request 503, so that it can listen before the Functions are up.
 */
export async function startGateway(options: GatewayOptions): Promise<Gateway> {
  const state: GatewayState = {
    authToken: options.authToken,
    publicUrl: '',
    target: options.target === undefined ? '' : checkedTarget(options.target),
    routes: { functions: options.access ?? new Map(), assets: options.assets },
    control: options.control,
    executionLimitMs: options.executionLimitMs ?? FUNCTION_EXECUTION_LIMIT_MS,
    log: [],
  };
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => onRequest(state, req, res));
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  state.publicUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: state.publicUrl,
    log: state.log,
    setTarget: (url, routes) => {
      state.target = checkedTarget(url);
      if (routes) state.routes = routes;
    },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
