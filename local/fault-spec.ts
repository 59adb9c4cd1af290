import type { FaultEffect, FaultRule } from './contracts';
import type { StandInOptions } from './stand-in/server';

/**
 * The HTTP status Twilio answers with each of its codes that names one: the platform's 20xxx
 * codes mirror HTTP (20003 "Authenticate", 401; 20404, 404; 20429 "Too Many Requests", 429;
 * 20500, 500; 20503 "Service unavailable", 503) and Sync's 54009 is its rate limit (HTTP 429,
 * twilio.com/docs/api/errors/54009).
 */
const STATUS_OF_CODE: ReadonlyMap<number, number> = new Map([
  [20003, 401],
  [20404, 404],
  [20429, 429],
  [20500, 500],
  [20503, 503],
  [54009, 429],
]);

/** The status an injected Twilio error code is answered with. */
export function statusOfTwilioCode(code: number): number {
  // Assumption [injected-code-status-400]: a code the table does not name is a refused request,
  // answered 400, the status Twilio gives its request errors (21220, 16108, 20001, ...).
  return STATUS_OF_CODE.get(code) ?? 400;
}

/** An injected answer with Twilio's error `code`, at the status Twilio gives that code. */
export function injectedError(
  code: number,
  message = `Injected Twilio error ${code}`,
): FaultEffect {
  return { kind: 'error', status: statusOfTwilioCode(code), code, message };
}

/**
 * A fault to inject, as the command line and the simulated-call form name it:
 * `OPERATION:EFFECT` for one request (an error status or Twilio code, a delay, a reset, a hang).
 */
export function parseFault(spec: string): FaultRule {
  const [operation, effect = ''] = spec.split(':');
  if (!operation || !effect) throw new Error(`--fault ${spec}: expected OPERATION:EFFECT`);
  if (effect === 'reset' || effect === 'apply-then-reset' || effect === 'hang')
    return { operation, effect: { kind: effect } };
  const delay = /^delay=(\d+)$/.exec(effect);
  if (delay) return { operation, effect: { kind: 'delay', ms: Number(delay[1]) } };
  if (/^\d{3}$/.test(effect))
    return { operation, effect: { kind: 'error', status: Number(effect) } };
  if (/^\d{5}$/.test(effect)) return { operation, effect: injectedError(Number(effect)) };
  throw new Error(`--fault ${spec}: unknown effect '${effect}'`);
}

/**
 * A fault that changes a behaviour of the stand-in rather than one request (`processing=MS`,
 * `concurrency=N`, `latency=MS`), or undefined. Both times are the stand-in's simulated
 * milliseconds; `latency` is the median each REST answer takes (see stand-in/latency.ts).
 */
export function parseStandInFault(spec: string): StandInOptions | undefined {
  const match = /^(processing|concurrency|latency)=(\d+)$/.exec(spec);
  if (!match) return undefined;
  const value = Number(match[2]);
  if (match[1] === 'processing') return { processingDelayMs: value };
  return match[1] === 'concurrency' ? { concurrencyLimit: value } : { latencyMs: value };
}
