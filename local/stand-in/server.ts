import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { errorMessage } from '../../src/errors';
import { logEvent } from '../../src/logger';
import { SimulatedClock, type Clock } from '../clock';
import type {
  CallbackDelivery,
  FaultRule,
  RestExchange,
  SimulatedRecording,
  TwilioStandIn,
} from '../contracts';
import { parseForm } from '../form';
import { CallsAndRecordings, type RecordingEvent } from './calls-and-recordings';
import { OPERATION_HANDLERS, performOperation, type StandInResources } from './operations';
import { ConcurrencyLimit, DEFAULT_CONCURRENCY_LIMIT } from './concurrency-limit';
import {
  matchOperation,
  operationsOf,
  validateParams,
  validatePath,
  type Operation,
} from './openapi';
import { responseProblems } from './response-check';
import { callbackParams, deliverCallback } from './status-callbacks';
import { SyncLimits } from './sync-limits';
import { SyncMaps } from './sync-maps';
import { notFound, TwilioApiError } from './twilio-error';
import type { SoundSegment } from './media';
import type { SpeechVoice } from './media/segment-sound';
import {
  MEDIA_OPERATION,
  MEDIA_PARAMETERS,
  mediaFile,
  mediaRequestOf,
  RetryLaterError,
  type MediaRequest,
} from './media-route';
import { PhoneNumbers } from './phone-numbers';
import { RecordingMedia } from './recording-media';
import { ServerlessServices } from './serverless';
import { SERVERLESS_HANDLERS } from './serverless/handlers';
import { matchUpload } from './serverless/uploads';
import { StudioFlows } from './studio-flows';
import { WIRING_HANDLERS } from './wiring-operations';

/**
 * Simulated milliseconds between a recording's stop and its `completed` (or `absent`) event.
 * Assumption [processing-delay-2000ms]: Twilio says only that completed comes once processing has
 * finished; two seconds is short enough for tests and long enough that the normal flow meets
 * `stopped` and `processing`.
 */
export const DEFAULT_PROCESSING_DELAY_MS = 2000;

/** The operations of Twilio's descriptions the stand-in carries out; any other answers 405. */
export const SERVED_OPERATIONS: readonly string[] = [
  ...Object.keys(OPERATION_HANDLERS),
  ...Object.keys(WIRING_HANDLERS),
  ...Object.keys(SERVERLESS_HANDLERS),
];

/** What the stand-in does where Twilio has a setting or a limit; changes apply at once. */
export interface StandInSettings {
  /**
   * Unknown parameters are rejected (20001) instead of ignored with a warning, and every answer
   * is checked against Twilio's description (a mismatch answers 500: a bug in the stand-in).
   * Off by default, as Twilio is lenient; the project's own tests turn it on.
   */
  strict: boolean;
  processingDelayMs: number;
  /** Concurrent REST requests the account may have in flight (all products together). */
  concurrencyLimit: number;
  /**
   * Real milliseconds each REST request takes before it is answered. Twilio's take real time,
   * so concurrent callers' requests overlap and meet the concurrency limit; 0 (the default)
   * answers at once, which keeps the tests fast.
   */
  latencyMs: number;
  /**
   * How speech sounds in recordings: `tones` (one burst per word, the default, needs nothing) or
   * `espeak` (espeak-ng's real speech when it is on the PATH, tones otherwise).
   */
  speech: SpeechVoice;
}

export interface StandInOptions extends Partial<StandInSettings> {
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

/** What the voice engine tells the stand-in about a call's sound, for its recordings' audio. */
export interface CallMedia {
  /** One sound on the call (what the flow says or plays, what the caller says or presses). */
  heard(callSid: string, segment: SoundSegment): void;
  /** Everything heard on the call so far, in the order it was reported. */
  segments(callSid: string): readonly SoundSegment[];
}

/** A Twilio stand-in with its Sync state and settings exposed too (for tests and the transcript). */
export interface LocalTwilio extends TwilioStandIn {
  media: CallMedia;
  sync: SyncMaps;
  /** The account's phone numbers, deployed services and Studio flows (seed them in tests). */
  phoneNumbers: PhoneNumbers;
  serverless: ServerlessServices;
  studio: StudioFlows;
  settings: StandInSettings;
  /** REST requests being served right now (what the concurrency limit counts). */
  requestsInFlight(): number;
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
  const settings: StandInSettings = {
    strict: options.strict ?? false,
    processingDelayMs: options.processingDelayMs ?? DEFAULT_PROCESSING_DELAY_MS,
    concurrencyLimit: options.concurrencyLimit ?? DEFAULT_CONCURRENCY_LIMIT,
    latencyMs: options.latencyMs ?? 0,
    speech: options.speech ?? 'tones',
  };
  const concurrency = new ConcurrencyLimit(() => settings.concurrencyLimit);
  // Work still to come for each call (callbacks on their way, recordings being processed).
  const outstanding = new Map<string, number>();
  const hold = (callSid: string) => {
    outstanding.set(callSid, (outstanding.get(callSid) ?? 0) + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      outstanding.set(callSid, (outstanding.get(callSid) ?? 1) - 1);
    };
  };
  const track = (callSid: string, work: () => Promise<void>) => {
    const release = hold(callSid);
    void clock
      .run(work)
      .catch(() => undefined)
      .finally(release);
  };
  const later = (callSid: string, ms: number, work: () => void) => {
    const release = hold(callSid);
    clock.schedule(ms, () => {
      try {
        work();
      } finally {
        release();
      }
    });
  };
  const faults: Array<FaultRule & { left: number }> = [];
  const sockets = new Set<Socket>();
  const hanging = new Set<ServerResponse>();

  const sender = {
    accountSid,
    authToken,
    clock,
    log: callbacks,
    // Assumption [callback-retry-delay-50ms]: Twilio does not say how long it waits between a
    // failed callback and its retry; 50 real milliseconds.
    retryDelayMs: options.callbackRetryDelayMs ?? 50,
  };
  const onEvent = (recording: SimulatedRecording, event: RecordingEvent) => {
    if (!recording.statusCallback || !recording.statusCallbackEvents.includes(event)) return;
    const params = callbackParams(
      accountSid,
      recording,
      event,
      (recording as { errorCode?: number }).errorCode,
    );
    const target = recording.statusCallback;
    const previous = queues.get(recording.sid) ?? Promise.resolve();
    const next = previous
      .then(() => deliverCallback(sender, target, recording.statusCallbackMethod, params))
      .catch(() => undefined);
    queues.set(recording.sid, next);
    track(recording.callSid, () => next);
  };
  const media = new RecordingMedia(() => settings.speech);
  const state = new CallsAndRecordings(
    accountSid,
    clock,
    onEvent,
    { later, processingDelayMs: () => settings.processingDelayMs },
    media,
  );
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

  const resources: StandInResources = {
    accountSid,
    voice: state,
    sync,
    phoneNumbers,
    serverless,
  };

  // Assumption [auth-account-token-only]: only the account's SID and auth token are accepted;
  // Twilio takes API keys too, which nothing here uses, so any other credential is refused (20003).
  const expectedAuthorization = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`;

  /** The answer Twilio gives to an unknown parameter name: ignored, with a warning (20001). */
  function unknownParameters(exchange: RestExchange, operationId: string, names: string[]): void {
    const text = `Unknown parameter${names.length > 1 ? 's' : ''} ${names.join(', ')} for ${operationId}`;
    if (settings.strict)
      throw new TwilioApiError(
        400,
        20001,
        `${text} (rejected by the stand-in's strict mode; Twilio ignores unknown parameters)`,
      );
    const warning = `20001 ${text}: ignored, as Twilio does`;
    exchange.warnings = [...(exchange.warnings ?? []), warning];
    logEvent('warn', 'stand-in.unknown-parameters', {
      operation: operationId,
      parameters: names,
      code: 20001,
    });
  }

  function handle(
    req: IncomingMessage,
    res: ServerResponse,
    raw: Buffer,
    overLimit: boolean,
  ): void {
    const rawBody = raw.toString('utf8');
    const method = req.method ?? 'GET';
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const [, product = '', ...rest] = url.pathname.split('/');
    const path = `/${rest.join('/')}`;
    const query = parseForm(url.search.slice(1));
    // The Serverless uploads are multipart: their handler reads the raw body.
    const form = method === 'POST' && product !== 'serverless-upload' ? parseForm(rawBody) : {};
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
    let matchedOperation: Operation | undefined;
    let matchedParams: Record<string, string> = {};
    const answer = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      const problems = settings.strict ? responseProblems(matchedOperation, status, body) : [];
      if (problems.length > 0) {
        // A stand-in bug, not a Twilio behaviour: say so loudly rather than let a test pass on it.
        const message = `stand-in bug: ${exchange.operation} answered ${status} with a body Twilio's description does not allow: ${problems.join('; ')}`;
        logEvent('error', 'stand-in.invalid-answer', { operation: exchange.operation, problems });
        status = 500;
        body = new TwilioApiError(500, 20500, message).toJson();
      }
      exchange.status = status;
      exchange.response = body;
      exchanges.push(exchange);
      res.writeHead(status, {
        'Content-Type': 'application/json',
        // Twilio's clock is the stand-in's: what a client reads as Twilio's time (an HTTP
        // server's Date, RFC 9110 section 6.6.1) moves with the simulated clock.
        Date: new Date(clock.now()).toUTCString(),
        'Twilio-Concurrent-Requests': String(concurrency.current),
        ...(body && typeof body === 'object' && 'revision' in body
          ? { ETag: String((body as { revision: unknown }).revision) }
          : {}),
        ...headers,
      });
      res.end(body === undefined ? '' : JSON.stringify(body));
    };
    try {
      const mediaRequest = product === 'api' ? mediaRequestOf(method, path) : undefined;
      if (mediaRequest) {
        serveMedia(mediaRequest);
        return;
      }
      const spec = Object.prototype.hasOwnProperty.call(SPEC_OF_PRODUCT, product)
        ? SPEC_OF_PRODUCT[product as keyof typeof SPEC_OF_PRODUCT]
        : undefined;
      const matched = spec
        ? matchOperation(operationsOf(spec), method, path)
        : product === 'serverless-upload'
          ? matchUpload(method, path)
          : undefined;
      // Assumption [unknown-route-404-before-auth]: a path that names no operation answers 404
      // (20404) before credentials are looked at; Twilio does not say which check comes first.
      if (!matched) throw notFound(`${method} ${url.pathname}`);
      exchange.operation = matched.operation.operationId;
      matchedOperation = matched.operation;
      matchedParams = matched.pathParams;

      admit();
      // Assumption [path-shape-404]: a path segment without the shape the description gives it
      // (e.g. a fetch by Twilio.CURRENT, whose Sid the description limits to RE…) names no
      // resource: 404 (20404), as Twilio documents no validation error for it.
      if (validatePath(matched.operation, matched.pathParams).length > 0)
        throw notFound(url.pathname);

      const queryProblems = validateParams(matched.operation, 'query', query);
      const formProblems = validateParams(matched.operation, 'form', form);
      const unknown = [...queryProblems.unknown, ...formProblems.unknown];
      if (unknown.length > 0) unknownParameters(exchange, exchange.operation, unknown);
      const invalid = [...queryProblems.invalid, ...formProblems.invalid];
      if (invalid.length > 0) {
        // Assumption [value-outside-set-400]: Twilio documents no code for a value outside a
        // parameter's set; 400 with 13621 for callback events (the code its TwiML gives the same
        // mistake), else 20001.
        const code = invalid.some((problem) => problem.startsWith('RecordingStatusCallbackEvent'))
          ? 13621
          : 20001;
        throw new TwilioApiError(400, code, invalid.join('; '));
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
              effect.code ?? 20000 + effect.status,
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
          const applied = performOperation(resources, {
            product,
            operationId: matched.operation.operationId,
            pathParams: matched.pathParams,
            params: form,
            query,
            headers: req.headers,
            path,
          });
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
      if (settings.latencyMs > 0)
        setTimeout(() => {
          if (!res.destroyed) carryOut();
        }, settings.latencyMs);
      else carryOut();
    } catch (error) {
      fail(error);
    }

    /** Credentials, then the account's concurrency limit, before anything else is looked at. */
    function admit(): void {
      if (req.headers.authorization !== expectedAuthorization)
        throw new TwilioApiError(401, 20003, 'Authenticate');
      if (overLimit)
        throw new TwilioApiError(
          429,
          20429,
          `Too Many Requests: more than ${settings.concurrencyLimit} concurrent requests on this account`,
        );
    }

    /**
     * A recording's audio. Behind the same Basic auth as the API: Twilio makes that a setting
     * ("Enforce HTTP Auth on Media URLs"); the stand-in always enforces it. The file is raw
     * bytes, so no response schema applies; its errors are Twilio's JSON errors, checked as
     * every error is.
     */
    function serveMedia(request: MediaRequest): void {
      exchange.operation = MEDIA_OPERATION;
      admit();
      // Assumption [other-account-404]: a path under another account's SID answers 404 (20404),
      // as if it named nothing (operations.ts does the same for the REST operations).
      if (request.accountSid !== accountSid) throw notFound(`Account ${request.accountSid}`);
      const unknown = Object.keys(query).filter((name) => !MEDIA_PARAMETERS.has(name));
      if (unknown.length > 0) unknownParameters(exchange, MEDIA_OPERATION, unknown);
      const file = mediaFile(request, query, {
        mediaSource: (sid) => state.mediaSource(sid),
        file: (sid, callSid, window, format) => media.file(sid, callSid, window, format),
      });
      exchange.status = 200;
      exchange.response = { contentType: file.contentType, bytes: file.body.length };
      if (file.warnings.length > 0)
        exchange.warnings = [...(exchange.warnings ?? []), ...file.warnings];
      exchanges.push(exchange);
      res.writeHead(200, {
        'Content-Type': file.contentType,
        'Content-Length': String(file.body.length),
        Date: new Date(clock.now()).toUTCString(),
        'Twilio-Concurrent-Requests': String(concurrency.current),
      });
      res.end(file.body);
    }

    function carryOut(): void {
      try {
        const result = performOperation(resources, {
          product,
          operationId: exchange.operation,
          pathParams: matchedParams,
          params: form,
          query,
          headers: req.headers,
          path,
          body: raw,
        });
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
      answer(
        apiError.status,
        apiError.toJson(),
        apiError instanceof RetryLaterError
          ? { 'Retry-After': String(apiError.retryAfterSeconds) }
          : {},
      );
    }
  }

  const server = createServer((req, res) => {
    // A request counts against the account's limit from its arrival until its answer is sent or
    // its connection closes; one over the limit is refused before anything is read or applied.
    // Assumption [concurrency-all-products]: the limit counts every product's requests together,
    // Sync's and media downloads included; Twilio says "your account", not per product.
    const authorized = req.headers.authorization === expectedAuthorization;
    const release = authorized ? concurrency.enter() : undefined;
    if (release) res.on('close', release);
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => handle(req, res, Buffer.concat(chunks), authorized && !release));
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
    settings,
    requestsInFlight: () => concurrency.current,
    media: {
      heard(callSid, segment) {
        state.call(callSid);
        media.heard(callSid, segment);
      },
      segments: (callSid) => media.segmentsOf(callSid),
    },
    createCall: (call) => state.createCall(call),
    answerCall: (callSid) => state.answerCall(callSid),
    endCall: (callSid, unanswered) => state.endCall(callSid, unanswered),
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
