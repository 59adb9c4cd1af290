import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { extname, join } from 'node:path';
import { PROJECT_ROOT } from '../../local/project-root';
import type {
  CallView,
  DashboardError,
  DashboardPage,
  EraseAnswer,
} from '../../src/dashboard/view';

export interface LoggedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: string;
}

/** What GET <audio.path> answers for one recording. */
export type AudioAnswer =
  { status: 200; contentType: string; bytes: Buffer } | { status: number; error: DashboardError };

const ASSETS = join(PROJECT_ROOT, 'dist', 'assets');
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

/**
 * The recordings page's service, faked on 127.0.0.1: the built assets, and /dashboard-calls,
 * /dashboard-audio and /_simulate/* behind Basic auth, answering the shapes of
 * src/dashboard/view.ts from a list of calls the test controls.
 */
export async function startFakeDashboardServer(options: {
  password: string;
  calls: CallView[];
  audio: Record<string, AudioAnswer>;
  pageSize: number;
  /** Turns the fields of a POST /_simulate/call into the call the service then lists. */
  simulatedCall(fields: URLSearchParams): CallView;
  /**
   * What POST /dashboard-erase does to a call the service lists and logged: the call as it is
   * listed afterwards and the answer, or the error answered instead.
   */
  erase(
    call: CallView,
    fields: URLSearchParams,
  ): { erased: CallView; answer: EraseAnswer } | { status: number; error: DashboardError };
}) {
  const state = {
    calls: [...options.calls],
    dashboardEnabled: true,
    simulationEnabled: true,
  };
  const log: LoggedRequest[] = [];
  const sockets = new Set<Socket>();

  const authorised = (req: IncomingMessage): boolean => {
    const header = req.headers.authorization ?? '';
    if (!header.startsWith('Basic ')) return false;
    const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
    return decoded.slice(decoded.indexOf(':') + 1) === options.password;
  };

  const json = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
    res.end(JSON.stringify(body));
  };

  /** As the real Functions do: a challenge only for a client that is not the page. */
  const refuse = (req: IncomingMessage, res: ServerResponse) => {
    if (req.headers['x-requested-with'] !== 'recordings-page') {
      res.setHeader('WWW-Authenticate', 'Basic realm="recordings"');
    }
    json(res, 401, { error: 'unauthorized', message: 'A password is needed.' });
  };

  const listCalls = (query: URLSearchParams): DashboardPage => {
    const callSid = query.get('CallSid');
    const status = query.get('Status');
    const date = query.get('Date');
    const matching = state.calls.filter(
      (call) =>
        (!callSid || call.callSid === callSid) &&
        (!status || call.recordings.some((recording) => recording.status === status)) &&
        (!date || call.startTime?.startsWith(date)),
    );
    const offset = Number(query.get('PageToken') ?? '0');
    const calls = matching.slice(offset, offset + options.pageSize);
    const next = offset + options.pageSize;
    return next < matching.length ? { calls, nextPageToken: String(next) } : { calls };
  };

  /** As the real Function: the page's own POST only, a call it logged, then the erasure. */
  const erase = (req: IncomingMessage, res: ServerResponse, fields: URLSearchParams) => {
    const isForm = /^application\/x-www-form-urlencoded/.test(req.headers['content-type'] ?? '');
    if (req.method !== 'POST' || !isForm) {
      json(res, 405, { error: 'method-not-allowed', message: 'POST a form.' });
      return;
    }
    if (req.headers['x-requested-with'] !== 'recordings-page') {
      json(res, 403, { error: 'forbidden', message: 'Not from the page.' });
      return;
    }
    const index = state.calls.findIndex((call) => call.callSid === fields.get('CallSid'));
    const call = state.calls[index];
    if (!call?.logged) {
      json(res, 404, { error: 'not-found', message: 'This call is not in the recording log.' });
      return;
    }
    const outcome = options.erase(call, fields);
    if ('error' in outcome) {
      json(res, outcome.status, outcome.error);
      return;
    }
    state.calls[index] = outcome.erased;
    json(res, 200, outcome.answer);
  };

  const serveAsset = async (path: string, res: ServerResponse) => {
    const name = path === '/' ? 'index.html' : path.slice(1);
    if (!/^[a-z-]+\.(html|js|css)$/.test(name)) return false;
    try {
      const bytes = await readFile(join(ASSETS, name));
      res.writeHead(200, { 'Content-Type': CONTENT_TYPES[extname(name)] });
      res.end(bytes);
      return true;
    } catch {
      return false;
    }
  };

  const handle = async (req: IncomingMessage, res: ServerResponse, body: string) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = url.pathname;
    if (req.method === 'GET' && (await serveAsset(path, res))) return;
    const guarded = [
      '/dashboard-calls',
      '/dashboard-audio',
      '/dashboard-erase',
      '/_simulate/status',
      '/_simulate/call',
    ];
    if (!guarded.includes(path)) {
      json(res, 404, { error: 'not-found', message: `Nothing at ${path}.` });
      return;
    }
    if (path === '/dashboard-calls' && !state.dashboardEnabled) {
      json(res, 404, { error: 'not-found', message: 'Not found.' });
      return;
    }
    if (!authorised(req)) {
      refuse(req, res);
      return;
    }
    if (path === '/dashboard-calls') {
      json(res, 200, listCalls(url.searchParams));
    } else if (path === '/dashboard-erase') {
      erase(req, res, new URLSearchParams(body));
    } else if (path === '/dashboard-audio') {
      const answer = options.audio[url.searchParams.get('RecordingSid') ?? ''];
      if (!answer) json(res, 404, { error: 'not-found', message: 'No such recording.' });
      else if ('bytes' in answer) {
        res.writeHead(200, { 'Content-Type': answer.contentType });
        res.end(answer.bytes);
      } else json(res, answer.status, answer.error);
    } else if (path === '/_simulate/status') {
      if (state.simulationEnabled) json(res, 200, { simulation: true });
      else json(res, 404, { error: 'not-found', message: 'Not found.' });
    } else if (req.method === 'POST') {
      const call = options.simulatedCall(new URLSearchParams(body));
      state.calls.unshift(call);
      json(res, 200, { callSid: call.callSid });
    } else {
      json(res, 405, { error: 'method', message: 'POST only.' });
    }
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      log.push({
        method: req.method ?? '',
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        body,
      });
      handle(req, res, body).catch((error: unknown) =>
        json(res, 500, { error: 'fixture', message: String(error) }),
      );
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    state,
    log,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
