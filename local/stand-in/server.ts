import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { SimulatedClock, type Clock } from '../clock';
import type {
  CallbackDelivery,
  FaultRule,
  RestExchange,
  SimulatedRecording,
  TwilioStandIn,
} from '../contracts';
import { CallsAndRecordings, type RecordingEvent } from './calls-and-recordings';
import { errorMessage } from '../../src/errors';
import { parseForm } from '../form';
import { matchOperation, operationsOf, validateParams, type Params } from './openapi';
import { callbackParams, deliverCallback } from './status-callbacks';
import { SyncLimits } from './sync-limits';
import { SyncMaps } from './sync-maps';
import { TwilioApiError } from './twilio-error';
import { PhoneNumbers } from './phone-numbers';
import { ServerlessServices } from './serverless';
import { StudioFlows } from './studio-flows';
import { performWiringOperation } from './wiring-operations';

export interface StandInOptions {
  accountSid?: string;
  authToken?: string;
  clock?: Clock;
  port?: number;
  /** Real milliseconds between a failed callback delivery and its retry. */
  callbackRetryDelayMs?: number;
  /** Sync's rate limits (on unless a test must exceed them on purpose). */
  syncLimits?: boolean;
}

/** How much of the clock's time passes between two looks at whether everything has settled. */
const SETTLE_STEP_MS = 100;

/** A Twilio stand-in with its Sync state exposed too (for tests and the transcript). */
export interface LocalTwilio extends TwilioStandIn {
  sync: SyncMaps;
  /** The account's phone numbers, deployed services and Studio flows (seed them in tests). */
  phoneNumbers: PhoneNumbers;
  serverless: ServerlessServices;
  studio: StudioFlows;
}

/** Which pinned OpenAPI description serves each product (`https://{product}.twilio.com`). */
const SPEC_OF_PRODUCT = {
  api: 'twilio_api_v2010',
  sync: 'twilio_sync_v1',
  serverless: 'twilio_serverless_v1',
} as const;

function randomHex(length: number): string {
  let out = '';
  while (out.length < length)
    out += Math.floor(Math.random() * 0xffffffff)
      .toString(16)
      .padStart(8, '0');
  return out.slice(0, length);
}

/**
 * Starts a local stand-in for the parts of Twilio's REST API this project uses, on 127.0.0.1.
 * `https://{product}.twilio.com/{path}` is served at `{url}/{product}/{path}`.
 */
export async function startTwilioStandIn(options: StandInOptions = {}): Promise<LocalTwilio> {
  const accountSid = options.accountSid ?? `AC${randomHex(32)}`;
  const authToken = options.authToken ?? randomHex(32);
  const clock = options.clock ?? new SimulatedClock();
  const exchanges: RestExchange[] = [];
  const callbacks: CallbackDelivery[] = [];
  // Each recording's callbacks go out one after another, in the order Twilio sends them.
  const queues = new Map<string, Promise<void>>();
  // Work still to come for each call (callbacks on their way, recordings being processed).
  const outstanding = new Map<string, number>();
  const track = (callSid: string, work: () => Promise<void>) => {
    outstanding.set(callSid, (outstanding.get(callSid) ?? 0) + 1);
    void clock
      .run(work)
      .catch(() => undefined)
      .finally(() => outstanding.set(callSid, (outstanding.get(callSid) ?? 1) - 1));
  };
  const faults: Array<FaultRule & { left: number }> = [];
  const sockets = new Set<Socket>();
  const hanging = new Set<ServerResponse>();

  const sender = {
    accountSid,
    authToken,
    clock,
    log: callbacks,
    retryDelayMs: options.callbackRetryDelayMs ?? 50,
  };
  const onEvent = (recording: SimulatedRecording, event: RecordingEvent) => {
    if (!recording.statusCallback || !recording.statusCallbackEvents.includes(event)) return;
    const params = callbackParams(
      accountSid,
      recording,
      event,
      event === 'absent' ? 16101 : undefined,
    );
    const target = recording.statusCallback;
    const previous = queues.get(recording.sid) ?? Promise.resolve();
    const next = previous
      .then(() => deliverCallback(sender, target, recording.statusCallbackMethod, params))
      .catch(() => undefined);
    queues.set(recording.sid, next);
    track(recording.callSid, () => next);
  };
  const state = new CallsAndRecordings(accountSid, clock, onEvent);
  const sync = new SyncMaps(
    accountSid,
    clock,
    new SyncLimits(clock, { enabled: options.syncLimits ?? true }),
  );
  const phoneNumbers = new PhoneNumbers(accountSid, clock);
  const serverless = new ServerlessServices(accountSid, clock);
  const studio = new StudioFlows(accountSid);

  function takeFault(product: string, operation: string, method: string): FaultRule | undefined {
    for (const fault of faults) {
      if (fault.left <= 0) continue;
      if (fault.product && fault.product !== product) continue;
      if (fault.operation && fault.operation !== operation) continue;
      if (fault.method && fault.method !== method) continue;
      if (fault.probability !== undefined && Math.random() >= fault.probability) continue;
      fault.left -= 1;
      return fault;
    }
    return undefined;
  }

  function perform(
    product: string,
    operationId: string,
    pathParams: Record<string, string>,
    params: Params,
    query: Params,
    req: IncomingMessage,
    path: string,
  ): { status: number; body: unknown } {
    if (pathParams.AccountSid !== undefined && pathParams.AccountSid !== accountSid) {
      throw new TwilioApiError(404, 20404, `Account ${pathParams.AccountSid} not found`);
    }
    const service = pathParams.ServiceSid;
    const ifMatch =
      typeof req.headers['if-match'] === 'string' ? req.headers['if-match'] : undefined;
    switch (operationId) {
      case 'FetchCall':
        return { status: 200, body: state.callJson(state.call(pathParams.Sid)) };
      case 'CreateCallRecording':
        return { status: 201, body: state.recordingJson(state.create(pathParams.CallSid, params)) };
      case 'UpdateCallRecording':
        return {
          status: 200,
          body: state.recordingJson(state.update(pathParams.CallSid, pathParams.Sid, params)),
        };
      case 'FetchCallRecording':
        return {
          status: 200,
          body: state.recordingJson(state.target(pathParams.CallSid, pathParams.Sid)),
        };
      case 'ListCallRecording': {
        state.call(pathParams.CallSid);
        const pageSize = Math.min(1000, Math.max(1, Number(query.PageSize ?? 50)));
        const all = state
          .recordingsOf(pathParams.CallSid)
          .sort((a, b) => b.createdAt - a.createdAt);
        const uri = `/2010-04-01/Accounts/${accountSid}/Calls/${pathParams.CallSid}/Recordings.json`;
        return {
          status: 200,
          body: {
            recordings: all.slice(0, pageSize).map((recording) => state.recordingJson(recording)),
            page: 0,
            page_size: pageSize,
            start: 0,
            end: Math.min(pageSize, all.length) - 1,
            uri: `${uri}?PageSize=${pageSize}&Page=0`,
            first_page_uri: `${uri}?PageSize=${pageSize}&Page=0`,
            next_page_uri: null,
            previous_page_uri: null,
          },
        };
      }
      case 'CreateSyncMap':
        return { status: 201, body: sync.createMap(service, params) };
      case 'FetchSyncMap':
        return { status: 200, body: sync.fetchMap(service, pathParams.Sid) };
      case 'CreateSyncMapItem':
        return { status: 201, body: sync.createItem(service, pathParams.MapSid, params) };
      case 'FetchSyncMapItem':
        return { status: 200, body: sync.fetchItem(service, pathParams.MapSid, pathParams.Key) };
      case 'UpdateSyncMapItem':
        return {
          status: 200,
          body: sync.updateItem(service, pathParams.MapSid, pathParams.Key, params, ifMatch),
        };
      case 'DeleteSyncMapItem':
        sync.deleteItem(service, pathParams.MapSid, pathParams.Key);
        return { status: 204, body: undefined };
      case 'ListSyncMapItem':
        return {
          status: 200,
          body: sync.listItems(
            service,
            pathParams.MapSid,
            query,
            `https://${product}.twilio.com${path}`,
          ),
        };
      default: {
        const wired = performWiringOperation(
          { phoneNumbers, serverless },
          operationId,
          pathParams,
          params,
          query,
        );
        if (wired) return wired;
        throw new TwilioApiError(
          405,
          20004,
          `${operationId} is not supported by the local stand-in`,
        );
      }
    }
  }

  function handle(req: IncomingMessage, res: ServerResponse, rawBody: string): void {
    const method = req.method ?? 'GET';
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const [, product = '', ...rest] = url.pathname.split('/');
    const path = `/${rest.join('/')}`;
    const query = parseForm(url.search.slice(1));
    const form = method === 'POST' ? parseForm(rawBody) : {};
    if (product === 'webhooks') {
      // Studio's webhooks are Twilio's own endpoint, called by the voice engine: no REST auth.
      const answer = studio.handle(method, path, query, form);
      res.writeHead(answer.status, { 'Content-Type': answer.contentType }).end(answer.body);
      return;
    }
    const exchange: RestExchange = {
      at: clock.now(),
      method,
      path,
      product,
      operation: 'unknown',
      params: { ...query, ...form },
      status: 0,
      response: undefined,
    };
    let matchedParams: Record<string, string> = {};
    const answer = (status: number, body: unknown) => {
      exchange.status = status;
      exchange.response = body;
      exchanges.push(exchange);
      res.writeHead(status, {
        'Content-Type': 'application/json',
        ...(body && typeof body === 'object' && 'revision' in body
          ? { ETag: String((body as { revision: unknown }).revision) }
          : {}),
      });
      res.end(body === undefined ? '' : JSON.stringify(body));
    };
    try {
      const spec = Object.prototype.hasOwnProperty.call(SPEC_OF_PRODUCT, product)
        ? SPEC_OF_PRODUCT[product as keyof typeof SPEC_OF_PRODUCT]
        : undefined;
      const matched = spec ? matchOperation(operationsOf(spec), method, path) : undefined;
      if (!matched)
        throw new TwilioApiError(404, 20404, `No resource at ${method} ${url.pathname}`);
      exchange.operation = matched.operation.operationId;
      matchedParams = matched.pathParams;

      const expected = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`;
      if (req.headers.authorization !== expected)
        throw new TwilioApiError(401, 20003, 'Authenticate');

      const problems = [
        ...validateParams(matched.operation, 'query', query),
        ...validateParams(matched.operation, 'form', form),
      ];
      if (problems.length > 0) {
        const code = problems.some((problem) => problem.startsWith('RecordingStatusCallbackEvent'))
          ? 13621
          : 20001;
        throw new TwilioApiError(400, code, problems.join('; '));
      }

      const fault = takeFault(product, matched.operation.operationId, method);
      if (fault) {
        exchange.fault = fault.effect.kind;
        const effect = fault.effect;
        if (effect.kind === 'error') {
          answer(
            effect.status,
            new TwilioApiError(
              effect.status,
              effect.code ?? effect.status * 100,
              effect.message ?? 'Injected fault',
            ).toJson(),
          );
          return;
        }
        if (effect.kind === 'reset') {
          exchanges.push(exchange);
          req.socket.destroy();
          return;
        }
        if (effect.kind === 'hang') {
          exchanges.push(exchange);
          hanging.add(res);
          return;
        }
        if (effect.kind === 'apply-then-reset') {
          const applied = perform(
            product,
            matched.operation.operationId,
            matched.pathParams,
            form,
            query,
            req,
            path,
          );
          exchange.status = applied.status;
          exchange.response = applied.body;
          exchanges.push(exchange);
          req.socket.destroy();
          return;
        }
        if (effect.kind === 'delay') {
          setTimeout(() => {
            if (!res.destroyed) carryOut();
          }, effect.ms);
          return;
        }
      }
      carryOut();
    } catch (error) {
      fail(error);
    }

    function carryOut(): void {
      try {
        const result = perform(product, exchange.operation, matchedParams, form, query, req, path);
        answer(result.status, result.body);
      } catch (error) {
        fail(error);
      }
    }

    function fail(error: unknown): void {
      const apiError =
        error instanceof TwilioApiError
          ? error
          : new TwilioApiError(500, 20500, errorMessage(error));
      answer(apiError.status, apiError.toJson());
    }
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => handle(req, res, Buffer.concat(chunks).toString('utf8')));
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    accountSid,
    authToken,
    clock,
    sync,
    phoneNumbers,
    serverless,
    studio,
    createCall: (call) => state.createCall(call),
    answerCall: (callSid) => state.answerCall(callSid),
    endCall: (callSid) => state.endCall(callSid),
    getCall: (callSid) => state.calls.get(callSid),
    recordings: (callSid) =>
      (callSid ? state.recordingsOf(callSid) : [...state.recordings.values()]).sort(
        (a, b) => a.createdAt - b.createdAt,
      ),
    exchanges,
    callbacks,
    injectFault(rule) {
      const entry = { ...rule, left: rule.times ?? 1 };
      faults.push(entry);
      return () => {
        entry.left = 0;
      };
    },
    clearFaults() {
      faults.length = 0;
    },
    async settle(callSid?: string) {
      const left = () =>
        callSid === undefined
          ? [...outstanding.values()].reduce((sum, count) => sum + count, 0)
          : (outstanding.get(callSid) ?? 0);
      while (left() > 0) await clock.advance(SETTLE_STEP_MS);
    },
    async close() {
      for (const res of hanging) res.destroy();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
