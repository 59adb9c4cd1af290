import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { parseForm } from '../../local/form';
import { TEST_ACCOUNT_SID, TEST_CALL_SID, TEST_RECORDING_SID } from './fixtures';

/** A request the scripted API received, with its form body parsed (repeated fields as arrays). */
export interface ReceivedRequest {
  method: string;
  path: string;
  query: Record<string, string | string[]>;
  form: Record<string, string | string[]>;
  authorization: string | undefined;
}

export type ScriptedAnswer =
  | { status: number; json: unknown }
  | { hang: true }
  | { reset: true }
  | { delayMs: number; then: ScriptedAnswer };

export type Responder = (request: ReceivedRequest) => ScriptedAnswer;

/**
 * A local HTTP server that stands where api.twilio.com would be, answering each request with
 * what the test scripted and remembering exactly what it received. Used with the project's own
 * REST client (TWILIO_API_BASE_URL seam), so the real twilio library serialises every request.
 */
export class ScriptedApi {
  readonly received: ReceivedRequest[] = [];
  private server: Server | undefined;
  private sockets = new Set<Socket>();
  private responders: Responder[] = [];
  private syncResponder: Responder | undefined;
  private fallback: Responder = () => ({ status: 500, json: { message: 'no scripted answer' } });
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => this.handle(req, res));
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  /** Answers the next request with this; queued answers are used in order. */
  answerNext(answer: ScriptedAnswer | Responder): this {
    this.responders.push(typeof answer === 'function' ? answer : () => answer);
    return this;
  }

  /** Answers every Sync request (before the queue); lets a test script the two APIs apart. */
  answerSync(answer: ScriptedAnswer | Responder | undefined): this {
    this.syncResponder = typeof answer === 'object' ? () => answer : answer;
    return this;
  }

  /** Answers every request not covered by answerNext. */
  answerAlways(answer: ScriptedAnswer | Responder): this {
    this.fallback = typeof answer === 'function' ? answer : () => answer;
    return this;
  }

  reset(): void {
    this.received.length = 0;
    this.responders = [];
    this.syncResponder = undefined;
    this.fallback = () => ({ status: 500, json: { message: 'no scripted answer' } });
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) =>
      this.server ? this.server.close(() => resolve()) : resolve(),
    );
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const request: ReceivedRequest = {
        method: req.method ?? 'GET',
        path: url.pathname,
        query: parseForm(url.search),
        form: parseForm(Buffer.concat(chunks).toString('utf8')),
        authorization: req.headers.authorization,
      };
      this.received.push(request);
      const responder =
        (request.path.startsWith('/sync/') ? this.syncResponder : undefined) ??
        this.responders.shift() ??
        this.fallback;
      this.respond(res, responder(request));
    });
  }

  private respond(res: ServerResponse, answer: ScriptedAnswer): void {
    if ('hang' in answer) return;
    if ('reset' in answer) {
      res.socket?.destroy();
      return;
    }
    if ('delayMs' in answer) {
      setTimeout(() => this.respond(res, answer.then), answer.delayMs);
      return;
    }
    res.writeHead(answer.status, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(answer.json));
  }
}

/** A recording resource as the 2010-04-01 API returns it (in progress, as in Twilio's example). */
export function recordingJson(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    account_sid: TEST_ACCOUNT_SID,
    api_version: '2010-04-01',
    call_sid: TEST_CALL_SID,
    conference_sid: null,
    date_created: 'Tue, 24 Nov 2026 15:21:30 +0000',
    date_updated: 'Tue, 24 Nov 2026 15:21:30 +0000',
    start_time: 'Tue, 24 Nov 2026 15:21:30 +0000',
    duration: null,
    sid: TEST_RECORDING_SID,
    price: null,
    price_unit: null,
    status: 'in-progress',
    channels: 2,
    source: 'StartCallRecordingAPI',
    error_code: null,
    uri: `/2010-04-01/Accounts/${TEST_ACCOUNT_SID}/Calls/${TEST_CALL_SID}/Recordings/${TEST_RECORDING_SID}.json`,
    encryption_details: null,
    track: 'both',
    ...overrides,
  };
}

export function twilioError(status: number, code: number, message: string): ScriptedAnswer {
  return {
    status,
    json: { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status },
  };
}

/** True for a request the REST client sent to Twilio Sync (rewritten to /sync/...). */
export const isSyncRequest = (request: ReceivedRequest): boolean =>
  request.path.startsWith('/sync/');

/**
 * Scripted Sync answers for a log that starts empty: every item fetch is "not found" and every
 * create succeeds, echoing the stored data as Sync does.
 */
export function freshSyncAnswer(request: ReceivedRequest): ScriptedAnswer {
  if (request.method === 'GET') return twilioError(404, 54201, 'Map Item not found');
  const key = typeof request.form.Key === 'string' ? request.form.Key : 'item';
  return {
    status: 201,
    json: {
      key,
      account_sid: TEST_ACCOUNT_SID,
      service_sid: 'IS' + '0'.repeat(32),
      map_sid: 'MP' + '0'.repeat(32),
      url: `https://sync.twilio.com${request.path}/${key}`,
      revision: '0',
      data: JSON.parse(typeof request.form.Data === 'string' ? request.form.Data : '{}'),
      date_expires: null,
      date_created: '2026-11-24T15:21:30Z',
      date_updated: '2026-11-24T15:21:30Z',
      created_by: 'system',
    },
  };
}
