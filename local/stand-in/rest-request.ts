import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FaultEffect, RestExchange } from '../contracts';
import { parseForm } from '../form';
import { drawLatency } from './latency';
import { serveMedia } from './media-answer';
import { MEDIA_OPERATION, mediaRequestOf } from './media-route';
import type { MatchedOperation, Params } from './openapi';
import { performOperation, type OperationRequest } from './operations';
import { answering, type Answering } from './rest-answer';
import { admit, checkRequest, routeOf } from './request-checks';
import type { StandInContext } from './stand-in-context';
import { TwilioApiError } from './twilio-error';

/** One request as it arrived: `https://{product}.twilio.com{path}` is `/{product}{path}` here. */
export interface IncomingRequest {
  method: string;
  pathname: string;
  product: string;
  /** The path as Twilio sees it (without the product). */
  path: string;
  query: Params;
  form: Params;
  /** The raw body (the Serverless uploads are multipart: their handler reads it). */
  body: Buffer;
}

export function readIncoming(req: IncomingMessage, body: Buffer): IncomingRequest {
  const method = req.method ?? 'GET';
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const [, product = '', ...rest] = url.pathname.split('/');
  return {
    method,
    pathname: url.pathname,
    product,
    path: `/${rest.join('/')}`,
    query: parseForm(url.search.slice(1)),
    form:
      method === 'POST' && product !== 'serverless-upload' ? parseForm(body.toString('utf8')) : {},
    body,
  };
}

/**
 * Serves one REST request as Twilio does: routed (a path naming no operation is 404 before
 * anything else), admitted (credentials, then the account's concurrency limit: a refusal is
 * answered at once), held for its latency on the stand-in's clock, checked against the
 * operation's description, then faulted as a test asked or carried out.
 */
export function serveRest(
  context: StandInContext,
  req: IncomingMessage,
  res: ServerResponse,
  incoming: IncomingRequest,
  overLimit: boolean,
): void {
  const exchange: RestExchange = {
    at: context.clock.now(),
    method: incoming.method,
    path: incoming.path,
    product: incoming.product,
    operation: 'unknown',
    params: { ...incoming.query, ...incoming.form },
    status: 0,
    response: undefined,
  };
  const reply = answering(context, res, exchange);
  try {
    const media =
      incoming.product === 'api' ? mediaRequestOf(incoming.method, incoming.path) : undefined;
    if (media) {
      exchange.operation = MEDIA_OPERATION;
      admit(context, req, overLimit);
      afterLatency(context, res, reply, () =>
        serveMedia(context, media, incoming.query, reply, res),
      );
      return;
    }
    const matched = routeOf(incoming.product, incoming.method, incoming.path, incoming.pathname);
    exchange.operation = matched.operation.operationId;
    reply.operation = matched.operation;
    admit(context, req, overLimit);
    afterLatency(context, res, reply, () =>
      checkAndCarryOut(context, req, res, incoming, matched, reply),
    );
  } catch (error) {
    reply.fail(error);
  }
}

/**
 * Runs `then` once the answer's latency has passed on the stand-in's clock (at once with no
 * latency). A client that goes away meanwhile gets nothing: nothing is carried out for it.
 */
function afterLatency(
  context: StandInContext,
  res: ServerResponse,
  reply: Answering,
  then: () => void,
): void {
  const proceed = () => {
    try {
      then();
    } catch (error) {
      reply.fail(error);
    }
  };
  const ms = drawLatency(context.settings.latencyMs, context.settings.latencySpread);
  if (ms <= 0) return proceed();
  const gone = new AbortController();
  const onClose = () => gone.abort();
  res.once('close', onClose);
  void context.clock.hold(ms, gone.signal).then(() => {
    res.off('close', onClose);
    if (!gone.signal.aborted && !res.destroyed) proceed();
  });
}

function checkAndCarryOut(
  context: StandInContext,
  req: IncomingMessage,
  res: ServerResponse,
  incoming: IncomingRequest,
  matched: MatchedOperation,
  reply: Answering,
): void {
  checkRequest(context.settings, reply.exchange, matched, incoming);
  const operation: OperationRequest = {
    product: incoming.product,
    operationId: matched.operation.operationId,
    pathParams: matched.pathParams,
    params: incoming.form,
    query: incoming.query,
    headers: req.headers,
    path: incoming.path,
    body: incoming.body,
  };
  const carryOut = () => {
    try {
      const result = performOperation(context.resources, operation);
      reply.answer(result.status, result.body);
    } catch (error) {
      reply.fail(error);
    }
  };
  const fault = context.faults.take(incoming.product, operation.operationId, incoming.method);
  if (!fault) return carryOut();
  reply.exchange.fault = fault.effect.kind;
  injectFault(context, fault.effect, { req, res, reply, operation, carryOut });
}

/** What a fault does instead of (or around) carrying the request out. */
function injectFault(
  context: StandInContext,
  effect: FaultEffect,
  request: {
    req: IncomingMessage;
    res: ServerResponse;
    reply: Answering;
    operation: OperationRequest;
    carryOut: () => void;
  },
): void {
  const { req, res, reply } = request;
  if (effect.kind === 'error') {
    const code = effect.code ?? 20000 + effect.status;
    const message = effect.message ?? 'Injected fault';
    reply.answer(effect.status, new TwilioApiError(effect.status, code, message).toJson());
  } else if (effect.kind === 'reset') {
    context.exchanges.push(reply.exchange);
    req.socket.destroy();
  } else if (effect.kind === 'hang') {
    context.exchanges.push(reply.exchange);
    context.hanging.add(res);
  } else if (effect.kind === 'apply-then-reset') {
    const applied = performOperation(context.resources, request.operation);
    reply.exchange.status = applied.status;
    reply.exchange.response = applied.body;
    context.exchanges.push(reply.exchange);
    req.socket.destroy();
  } else {
    setTimeout(() => {
      if (!res.destroyed) request.carryOut();
    }, effect.ms);
  }
}
