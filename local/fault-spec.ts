import type { FaultRule } from './contracts';
import type { StandInOptions } from './stand-in/server';

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
  if (/^\d{5}$/.test(effect)) {
    const status = effect === '20404' ? 404 : 400;
    return {
      operation,
      effect: {
        kind: 'error',
        status,
        code: Number(effect),
        message: `Injected Twilio error ${effect}`,
      },
    };
  }
  throw new Error(`--fault ${spec}: unknown effect '${effect}'`);
}

/**
 * A fault that changes a behaviour of the stand-in rather than one request (`processing=MS`,
 * `concurrency=N`, `latency=MS`), or undefined.
 */
export function parseStandInFault(spec: string): StandInOptions | undefined {
  const match = /^(processing|concurrency|latency)=(\d+)$/.exec(spec);
  if (!match) return undefined;
  const value = Number(match[2]);
  if (match[1] === 'processing') return { processingDelayMs: value };
  return match[1] === 'concurrency' ? { concurrencyLimit: value } : { latencyMs: value };
}
