import type { CallResult, TranscriptEntry, TranscriptKind } from './call-script';
import type { CallbackDelivery, RestExchange } from './contracts';
import type { LocalTwilio } from './stand-in/server';

/** `text`, cut to `max` characters with an ellipsis when it is longer. */
export const shorten = (text: string, max: number) =>
  text.length > max ? `${text.slice(0, max - 1)}…` : text;

/** One REST request as the transcript shows it: what was asked, and what came back. */
function describeExchange(exchange: RestExchange): string {
  const params = Object.entries(exchange.params)
    .map(([name, value]) => `${name}=${shorten(([] as string[]).concat(value).join(','), 48)}`)
    .join(' ');
  const response = exchange.response as Record<string, unknown> | undefined;
  const summary = response
    ? String(response.sid ?? response.key ?? response.code ?? '') +
      (response.status && typeof response.status === 'string' ? ` ${response.status}` : '')
    : 'no answer';
  const fault = exchange.fault ? ` [fault: ${exchange.fault}]` : '';
  return `${exchange.method} ${exchange.path}${params ? ` ${params}` : ''}${fault} -> ${exchange.status || 'connection cut'} ${summary}`.trim();
}

function describeCallback(delivery: CallbackDelivery): string {
  const attempt = delivery.attempt > 1 ? ` (attempt ${delivery.attempt})` : '';
  return `${delivery.method} ${new URL(delivery.url).pathname} RecordingStatus=${delivery.params.RecordingStatus} RecordingSid=${delivery.params.RecordingSid} -> ${delivery.status}${attempt}`;
}

/**
 * What happened on one call, timed on the stand-in's clock from the call's start: what the
 * voice engine did, and the REST requests and status callbacks that concern the call.
 */
export class CallTranscript {
  private readonly entries: TranscriptEntry[] = [];
  private restSeen: number;
  private callbacksSeen: number;
  private readonly started: number;

  constructor(
    private readonly twilio: LocalTwilio,
    private readonly callSid: string,
  ) {
    this.started = twilio.clock.now();
    this.restSeen = twilio.exchanges.length;
    this.callbacksSeen = twilio.callbacks.length;
  }

  note(kind: TranscriptKind, text: string, at = this.twilio.clock.now()): void {
    this.entries.push({ at: (at - this.started) / 1000, kind, text });
  }

  /**
   * REST requests (the call's, and Sync's) and the call's callbacks since the last look. They
   * are collected after the fact, so they keep the time they happened.
   */
  collect(): void {
    for (const exchange of this.twilio.exchanges.slice(this.restSeen)) {
      const concerned =
        JSON.stringify(exchange.params).includes(this.callSid) ||
        exchange.path.includes(this.callSid) ||
        exchange.product === 'sync';
      if (!concerned) continue;
      this.note('rest', describeExchange(exchange), exchange.at);
      for (const warning of exchange.warnings ?? []) this.note('warning', warning, exchange.at);
    }
    this.restSeen = this.twilio.exchanges.length;
    for (const delivery of this.twilio.callbacks.slice(this.callbacksSeen)) {
      if (delivery.params.CallSid === this.callSid)
        this.note('callback', describeCallback(delivery), delivery.at);
    }
    this.callbacksSeen = this.twilio.callbacks.length;
  }

  /** In the order things happened (a stable sort keeps the order of equal times). */
  inOrder(): TranscriptEntry[] {
    return [...this.entries].sort((a, b) => a.at - b.at);
  }
}

/** A readable transcript, one line per entry. */
export function formatTranscript(result: CallResult): string {
  const labels: Record<TranscriptKind, string> = {
    webhook: 'TWILIO ->',
    twiml: '  <- TwiML',
    say: 'CALLER HEARS',
    caller: 'CALLER SAYS',
    wait: 'WAITING',
    rest: 'REST API',
    warning: 'WARNING',
    callback: 'STATUS CB',
    hangup: 'HANG UP',
    error: 'ERROR',
  };
  const lines = result.transcript.map(
    (entry) =>
      `${entry.at.toFixed(1).padStart(6)}s  ${labels[entry.kind].padEnd(12)}  ${entry.text}`,
  );
  return [
    `Call ${result.callSid} (${result.webhooks} webhooks), final status: ${result.status}`,
    ...lines,
  ].join('\n');
}
