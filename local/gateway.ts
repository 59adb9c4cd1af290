import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { parseForm } from './form';
import { PROJECT_ROOT } from './project-root';

/**
 * What deployed Functions answer to a request whose Twilio signature is missing or wrong: HTTP
 * 400, as Twilio's Function Request Flow page says (twilio.com/docs/serverless/functions-assets/
 * functions/request-flow: "the request is rejected with an HTTP 400 response"). A Twilio support
 * article says 403 instead; the project depends on neither, only on the Function not running.
 */
export const SIGNATURE_REJECTED_STATUS = 400;

/** Twilio stops a Function after 10 seconds and its gateway answers 504 Gateway Time-out. */
export const FUNCTION_EXECUTION_LIMIT_MS = 10_000;
export const EXECUTION_LIMIT_STATUS = 504;

/** The only methods that reach a deployed Function (the Function Request Flow page). */
export const FUNCTION_METHODS: ReadonlySet<string> = new Set(['GET', 'POST', 'OPTIONS']);
// Assumption [function-method-405]: Twilio does not document the status methods other than GET,
// POST and OPTIONS get; 405 Method Not Allowed with an Allow header. The refusal is what matters.
export const METHOD_REFUSED_STATUS = 405;

/** "If a GET request includes a body, Twilio Functions returns an HTTP 403 Forbidden" (same page). */
export const GET_WITH_BODY_STATUS = 403;

/**
 * The Function Request Flow page limits a request to 1 MB, headers and cookies included, and a
 * Function's answer to 4 MB.
 * Assumption [function-size-limits-decimal]: the request's 1 MB and the answer's 4 MB are read
 * as 10^6 and 4 x 10^6 bytes, the stricter reading, counting each header as its name, its value
 * and four bytes (": " and the line end).
 */
export const MAX_REQUEST_BYTES = 1_000_000;
export const MAX_ANSWER_BYTES = 4_000_000;
// Assumption [function-request-too-large-413]: the page gives no status for a request over 1 MB;
// 413 Content Too Large, without calling the Function.
export const REQUEST_TOO_LARGE_STATUS = 413;
// Assumption [function-answer-too-large-502]: nor for a Function's answer over 4 MB; it is not
// delivered and the client gets 502 Bad Gateway, as from a gateway that got no usable answer.
export const ANSWER_TOO_LARGE_STATUS = 502;

/**
 * Headers and cookies, of a request and of a Function's answer alike: "Max header size: 15kb
 * (including cookies)", "Max header count: 90 (including cookies)"; past either, HTTP 431 with
 * "Request headers or cookies too long" or "Response headers or cookies too long" (error 82008;
 * twilio.com/docs/serverless/functions-assets/functions/headers-and-cookies/limitations).
 * Assumption [function-header-size-decimal]: the headers' 15kb is read as 15,000 bytes, each
 * header counted as its name, its value and four bytes.
 * Assumption [function-header-limits-page]: error 82008's own page names 4 kB and 75 headers;
 * the limitations page, which states the limits as limits, is followed. The project's answers
 * carry a handful of short headers, far under either.
 */
export const MAX_HEADER_BYTES = 15_000;
export const MAX_HEADER_COUNT = 90;
export const HEADERS_TOO_LARGE_STATUS = 431;

/** The bytes of a header list as the limits count them (name, value, ": " and the line end). */
function headerBytes(raw: readonly string[]): number {
  let bytes = 0;
  for (let index = 0; index + 1 < raw.length; index += 2)
    bytes += Buffer.byteLength(raw[index]) + Buffer.byteLength(raw[index + 1]) + 4;
  return bytes;
}

/** Why a list of raw headers is over Twilio's header limits, or undefined. */
function headersOverLimit(raw: readonly string[]): string | undefined {
  const count = raw.length / 2;
  if (count > MAX_HEADER_COUNT) return `${count} headers (at most ${MAX_HEADER_COUNT})`;
  const bytes = headerBytes(raw);
  return bytes > MAX_HEADER_BYTES
    ? `${bytes} bytes of headers (at most ${MAX_HEADER_BYTES})`
    : undefined;
}

export interface GatewayEntry {
  method: string;
  path: string;
  status: number;
  /** undefined for routes that need no signature. */
  signatureValid?: boolean;
}

export interface Gateway {
  url: string;
  log: GatewayEntry[];
  setTarget(url: string): void;
  close(): Promise<void>;
}

/** Each route's access level, read from the built Functions exactly as the Serverless Toolkit does. */
export async function routeAccess(
  functionsFolder = 'dist/functions',
): Promise<Map<string, string>> {
  const { fsHelpers } = require('@twilio-labs/serverless-api');
  const { functions } = await fsHelpers.getListOfFunctionsAndAssets(PROJECT_ROOT, {
    functionsFolderNames: [functionsFolder],
    assetsFolderNames: ['dist/assets'],
  });
  return new Map(functions.map((fn: { path: string; access: string }) => [fn.path, fn.access]));
}

/** Local-only endpoints under /_simulate/, answered by the gateway itself (never forwarded). */
export type ControlHandler = (
  path: string,
  params: URLSearchParams,
  headers: IncomingMessage['headers'],
) => Promise<{ status: number; body: string; contentType?: string }>;

/** Why Twilio's gateway refuses a request to a Function before calling it, or undefined. */
function requestRefusal(
  req: IncomingMessage,
  body: Buffer,
): { status: number; message: string } | undefined {
  const tooManyHeaders = headersOverLimit(req.rawHeaders);
  if (tooManyHeaders)
    return {
      status: HEADERS_TOO_LARGE_STATUS,
      message: `Request headers or cookies too long: ${tooManyHeaders}`,
    };
  const size = body.length + headerBytes(req.rawHeaders);
  if (size > MAX_REQUEST_BYTES)
    return {
      status: REQUEST_TOO_LARGE_STATUS,
      message: `Request too large: ${size} bytes with its headers, over the ${MAX_REQUEST_BYTES} a Function accepts`,
    };
  if (req.method === 'GET' && body.length > 0)
    return {
      status: GET_WITH_BODY_STATUS,
      message: 'Forbidden: a GET request to a Function has no body',
    };
  return undefined;
}

/** Answers `status` with a line of text (noted in the gateway's log entry). */
function refuse(res: ServerResponse, entry: GatewayEntry, status: number, message: string): void {
  entry.status = status;
  res.writeHead(status, { 'Content-Type': 'text/plain' }).end(message);
}

/**
 * Twilio's edge, locally: checks X-Twilio-Signature on `.protected` routes (the local twilio-run
 * server checks none), hides `.private` ones, holds requests and answers to the Functions' size,
 * header and time limits, and forwards everything else to the Functions.
 */
export async function startGateway(options: {
  authToken: string;
  port?: number;
  access: Map<string, string>;
  control?: ControlHandler;
  /** Lowered only by tests that prove the limit without waiting ten seconds. */
  executionLimitMs?: number;
}): Promise<Gateway> {
  const executionLimitMs = options.executionLimitMs ?? FUNCTION_EXECUTION_LIMIT_MS;
  const { validateRequest, validateRequestWithBody } = require('twilio') as typeof import('twilio');
  const log: GatewayEntry[] = [];
  const sockets = new Set<Socket>();
  let target = '';
  let publicUrl = '';

  const forward = (
    req: IncomingMessage,
    res: ServerResponse,
    body: Buffer,
    entry: GatewayEntry,
  ) => {
    // Measured from the moment the request is handed on to the end of the Function's answer,
    // as the 10-second limit counts the whole execution.
    const limit = setTimeout(() => {
      upstream.destroy();
      entry.status = EXECUTION_LIMIT_STATUS;
      if (res.headersSent) res.destroy();
      // Assumption [gateway-timeout-body]: the 504's status is documented, its body is not; a
      // line of plain text saying what happened.
      else
        res
          .writeHead(EXECUTION_LIMIT_STATUS, { 'Content-Type': 'text/plain' })
          .end('Gateway Time-out: the Function ran past its execution limit');
    }, executionLimitMs);
    const upstream = request(
      `${target}${req.url}`,
      { method: req.method, headers: { ...req.headers, host: new URL(target).host } },
      (answer) => {
        const chunks: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => chunks.push(chunk));
        answer.on('end', () => {
          clearTimeout(limit);
          const body = Buffer.concat(chunks);
          const tooManyHeaders = headersOverLimit(answer.rawHeaders);
          if (tooManyHeaders) {
            refuse(
              res,
              entry,
              HEADERS_TOO_LARGE_STATUS,
              `Response headers or cookies too long: ${tooManyHeaders}`,
            );
            return;
          }
          const size = body.length + headerBytes(answer.rawHeaders);
          if (size > MAX_ANSWER_BYTES) {
            refuse(
              res,
              entry,
              ANSWER_TOO_LARGE_STATUS,
              `Bad Gateway: the Function's answer is ${size} bytes, over the ${MAX_ANSWER_BYTES} a Function may answer`,
            );
            return;
          }
          entry.status = answer.statusCode ?? 502;
          res.writeHead(entry.status, answer.headers).end(body);
        });
      },
    );
    upstream.on('error', (error) => {
      if (entry.status === EXECUTION_LIMIT_STATUS) return;
      clearTimeout(limit);
      entry.status = 502;
      if (!res.headersSent) res.writeHead(502, { 'Content-Type': 'text/plain' });
      res.end(`Gateway: ${error.message}`);
    });
    upstream.end(body);
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const path = new URL(req.url ?? '/', 'http://gateway.invalid').pathname;
      const entry: GatewayEntry = { method: req.method ?? 'GET', path, status: 0 };
      log.push(entry);
      if (path.startsWith('/_simulate/') && options.control) {
        const params = new URLSearchParams(
          req.method === 'POST'
            ? body.toString('utf8')
            : new URL(req.url ?? '/', 'http://x').search,
        );
        options
          .control(path, params, req.headers)
          .then((answer) => {
            entry.status = answer.status;
            res
              .writeHead(answer.status, {
                'Content-Type': answer.contentType ?? 'text/plain; charset=utf-8',
                'Cache-Control': 'no-store',
              })
              .end(answer.body);
          })
          .catch((error: unknown) => {
            entry.status = 500;
            res.writeHead(500).end(String(error));
          });
        return;
      }
      // No rewrite of `/`: deployed, only an asset at /assets/index.html is served at the root
      // (serverless-toolkit issue 371; the runtime handler's dev server says the same), so this
      // project's /index.html is served at /index.html only, here as there.
      const access = options.access.get(path);
      // Assumption [private-function-404]: Twilio says a private Function cannot be reached by a
      // URL, not what such a request gets; 404, as for a path that names nothing.
      if (access === 'private') {
        entry.status = 404;
        res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
        return;
      }
      if (access !== undefined && !FUNCTION_METHODS.has(entry.method)) {
        entry.status = METHOD_REFUSED_STATUS;
        res
          .writeHead(METHOD_REFUSED_STATUS, {
            'Content-Type': 'text/plain',
            Allow: [...FUNCTION_METHODS].join(', '),
          })
          .end(`Method ${entry.method} is not allowed: Functions answer GET, POST and OPTIONS`);
        return;
      }
      if (access !== undefined) {
        const refusal = requestRefusal(req, body);
        if (refusal) {
          refuse(res, entry, refusal.status, refusal.message);
          return;
        }
      }
      if (access === 'protected') {
        const signature = req.headers['x-twilio-signature'];
        const url = `${publicUrl}${req.url}`;
        const contentType = String(req.headers['content-type'] ?? '');
        let valid = false;
        if (typeof signature === 'string' && signature !== '') {
          if (contentType.includes('application/json')) {
            valid = validateRequestWithBody(
              options.authToken,
              signature,
              url,
              body.toString('utf8'),
            );
          } else {
            const params = req.method === 'POST' ? parseForm(body.toString('utf8')) : {};
            valid = validateRequest(
              options.authToken,
              signature,
              url,
              params as Record<string, string>,
            );
          }
        }
        entry.signatureValid = valid;
        if (!valid) {
          entry.status = SIGNATURE_REJECTED_STATUS;
          res
            .writeHead(SIGNATURE_REJECTED_STATUS, { 'Content-Type': 'text/plain' })
            .end('Invalid Twilio signature');
          return;
        }
      }
      forward(req, res, body, entry);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  publicUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: publicUrl,
    log,
    setTarget: (url) => {
      target = url;
    },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
