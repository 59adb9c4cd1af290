import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { parseForm } from './form';
import { PROJECT_ROOT } from './project-root';

/** What deployed Functions answer to a request whose Twilio signature is missing or wrong. */
export const SIGNATURE_REJECTED_STATUS = 400;

/** Twilio stops a Function after 10 seconds and its gateway answers 504 Gateway Time-out. */
export const FUNCTION_EXECUTION_LIMIT_MS = 10_000;
export const EXECUTION_LIMIT_STATUS = 504;

/** The only methods that reach a deployed Function; the status for the others is our choice. */
export const FUNCTION_METHODS: ReadonlySet<string> = new Set(['GET', 'POST', 'OPTIONS']);
export const METHOD_REFUSED_STATUS = 405;

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

/**
 * Twilio's edge, locally: checks X-Twilio-Signature on `.protected` routes (the local twilio-run
 * server checks none), hides `.private` ones, and forwards everything else to the Functions.
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
          entry.status = answer.statusCode ?? 502;
          res.writeHead(entry.status, answer.headers).end(Buffer.concat(chunks));
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
      // Twilio serves an asset named /index.html at the service's root too; so does this.
      if (path === '/' && (req.method === 'GET' || req.method === 'HEAD')) req.url = '/index.html';
      const access = options.access.get(path);
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
