import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { SimulatedClock } from '../clock';
import type { CallbackDelivery } from '../contracts';
import { CallsAndRecordings } from './calls-and-recordings';
import { callbackQueue } from './callback-queue';
import { ConcurrencyLimit, DEFAULT_CONCURRENCY_LIMIT } from './concurrency-limit';
import { FaultRules } from './fault-rules';
import { DEFAULT_LATENCY_SPREAD } from './latency';
import { OPERATION_HANDLERS } from './operations';
import { OutstandingWork } from './outstanding-work';
import { PhoneNumbers } from './phone-numbers';
import { RecordingMedia } from './recording-media';
import { readIncoming, serveRest } from './rest-request';
import { ServerlessServices } from './serverless';
import type { StandInContext } from './stand-in-context';
import type { LocalTwilio, StandInOptions, StandInSettings } from './stand-in-types';
import { StudioFlows } from './studio-flows';
import { SyncLimits } from './sync-limits';
import { SyncMaps } from './sync-maps';
import { SERVERLESS_HANDLERS } from './serverless/handlers';
import { WIRING_HANDLERS } from './wiring-operations';

export type { CallMedia, LocalTwilio, StandInOptions, StandInSettings } from './stand-in-types';

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

function randomHex(length: number): string {
  let out = '';
  while (out.length < length)
    out += Math.floor(Math.random() * 0xffffffff)
      .toString(16)
      .padStart(8, '0');
  return out.slice(0, length);
}

function settingsOf(options: StandInOptions): StandInSettings {
  return {
    strict: options.strict ?? false,
    processingDelayMs: options.processingDelayMs ?? DEFAULT_PROCESSING_DELAY_MS,
    concurrencyLimit: options.concurrencyLimit ?? DEFAULT_CONCURRENCY_LIMIT,
    latencyMs: options.latencyMs ?? 0,
    latencySpread: options.latencySpread ?? DEFAULT_LATENCY_SPREAD,
    speech: options.speech ?? 'tones',
    sendCallbacks: options.sendCallbacks ?? true,
  };
}

/** The stand-in's state and what serves it, before any request. */
function standInParts(options: StandInOptions) {
  const accountSid = options.accountSid ?? `AC${randomHex(32)}`;
  const authToken = options.authToken ?? randomHex(32);
  const clock = options.clock ?? new SimulatedClock();
  const settings = settingsOf(options);
  const work = new OutstandingWork(clock);
  const callbacks: CallbackDelivery[] = [];
  const queue = callbackQueue(
    // Assumption [callback-retry-delay-50ms]: Twilio does not say how long it waits between a
    // failed callback and its retry; 50 real milliseconds.
    {
      accountSid,
      authToken,
      clock,
      log: callbacks,
      retryDelayMs: options.callbackRetryDelayMs ?? 50,
    },
    work,
  );
  const onEvent: typeof queue = (recording, event) => {
    if (settings.sendCallbacks) queue(recording, event);
  };
  const media = new RecordingMedia(() => settings.speech);
  const voice = new CallsAndRecordings(
    accountSid,
    clock,
    onEvent,
    {
      later: (callSid, ms, job) => work.later(callSid, ms, job),
      processingDelayMs: () => settings.processingDelayMs,
    },
    media,
  );
  const sync = new SyncMaps(
    accountSid,
    clock,
    new SyncLimits(clock, { enabled: options.syncLimits ?? true }),
  );
  const phoneNumbers = new PhoneNumbers(accountSid, clock);
  const serverless = new ServerlessServices(accountSid, clock);
  // Assumption [auth-account-token-only]: only the account's SID and auth token are accepted;
  // Twilio takes API keys too, which nothing here uses, so any other credential is refused (20003).
  const expectedAuthorization = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`;
  const context: StandInContext = {
    accountSid,
    expectedAuthorization,
    settings,
    clock,
    concurrency: new ConcurrencyLimit(() => settings.concurrencyLimit),
    exchanges: [],
    resources: { accountSid, voice, sync, phoneNumbers, serverless },
    voice,
    media,
    faults: new FaultRules(),
    hanging: new Set<ServerResponse>(),
  };
  return { context, authToken, callbacks, work, studio: new StudioFlows(accountSid) };
}

type StandInParts = ReturnType<typeof standInParts>;

/** Every request: Studio's webhooks (no REST auth), else the REST API. */
function dispatch(
  parts: StandInParts,
  req: IncomingMessage,
  res: ServerResponse,
  raw: Buffer,
  overLimit: boolean,
): void {
  const incoming = readIncoming(req, raw);
  if (incoming.product === 'webhooks') {
    // Studio's webhooks are Twilio's own endpoint, called by the voice engine: no REST auth.
    const { query, form } = incoming;
    const answer = parts.studio.handle(incoming.method, incoming.path, query, form);
    res.writeHead(answer.status, { 'Content-Type': answer.contentType }).end(answer.body);
    return;
  }
  serveRest(parts.context, req, res, incoming, overLimit);
}

async function listen(parts: StandInParts, port: number | undefined) {
  const { context } = parts;
  const server = createServer((req, res) => {
    // A request counts against the account's limit from its arrival until its answer is sent or
    // its connection closes; one over the limit is refused before anything is read or applied.
    // Assumption [concurrency-all-products]: the limit counts every product's requests together,
    // Sync's and media downloads included; Twilio says "your account", not per product.
    const authorized = req.headers.authorization === context.expectedAuthorization;
    const release = authorized ? context.concurrency.enter() : undefined;
    if (release) res.on('close', release);
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => dispatch(parts, req, res, Buffer.concat(chunks), authorized && !release));
  });
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(port ?? 0, '127.0.0.1', resolve));
  const close = async () => {
    for (const res of context.hanging) res.destroy();
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close };
}

/**
 * Starts a local stand-in for the parts of Twilio's REST API this project uses, on 127.0.0.1.
 * `https://{product}.twilio.com/{path}` is served at `{url}/{product}/{path}`.
 */
export async function startTwilioStandIn(options: StandInOptions = {}): Promise<LocalTwilio> {
  const parts = standInParts(options);
  const { context, work } = parts;
  const { voice, sync, phoneNumbers, serverless } = context.resources;
  const { url, close } = await listen(parts, options.port);
  return {
    url,
    accountSid: context.accountSid,
    authToken: parts.authToken,
    clock: context.clock,
    sync,
    phoneNumbers,
    serverless,
    studio: parts.studio,
    settings: context.settings,
    requestsInFlight: () => context.concurrency.current,
    media: {
      heard(callSid, segment) {
        voice.call(callSid);
        context.media.heard(callSid, segment);
      },
      segments: (callSid) => context.media.segmentsOf(callSid),
    },
    createCall: (call) => voice.createCall(call),
    answerCall: (callSid) => voice.answerCall(callSid),
    endCall: (callSid, unanswered) => voice.endCall(callSid, unanswered),
    getCall: (callSid) => voice.calls.get(callSid),
    recordings: (callSid) =>
      (callSid ? voice.recordingsOf(callSid) : [...voice.recordings.values()]).sort(
        (a, b) => a.createdAt - b.createdAt,
      ),
    exchanges: context.exchanges,
    callbacks: parts.callbacks,
    injectFault: (rule) => context.faults.add(rule),
    clearFaults: () => context.faults.clear(),
    settle: (callSid) => work.settle(callSid),
    close,
  };
}
