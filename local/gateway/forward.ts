import { request, type IncomingMessage, type ServerResponse } from 'node:http';
import { answerText, type GatewayEntry } from './exchange';
import { answerRefusal, EXECUTION_LIMIT_STATUS, type RouteKind } from './limits';

/** Where and how one request is passed on. */
export interface Forwarding {
  /** The Functions server's base URL, e.g. http://127.0.0.1:4567. */
  target: string;
  /** The path and query asked of it (the root may have been taken to /assets/index.html). */
  pathAndQuery: string;
  kind: RouteKind;
  executionLimitMs: number;
}

/**
 * Passes a request on to the Functions server and its answer back, unless the answer breaks
 * Twilio's limits. The time limit runs from the moment the request is handed on to the end of
 * the answer, as the 10-second limit counts the whole execution.
 */
export function forward(
  req: IncomingMessage,
  res: ServerResponse,
  body: Buffer,
  entry: GatewayEntry,
  forwarding: Forwarding,
): void {
  // Joined as text: a path such as //host/x must stay a path, not become another host.
  const upstream = request(
    `${forwarding.target}${forwarding.pathAndQuery}`,
    { method: req.method, headers: { ...req.headers, host: new URL(forwarding.target).host } },
    (answer) => {
      const chunks: Buffer[] = [];
      answer.on('data', (chunk: Buffer) => chunks.push(chunk));
      answer.on('end', () => {
        clearTimeout(limit);
        const answerBody = Buffer.concat(chunks);
        const refusal = answerRefusal(forwarding.kind, answer.rawHeaders, answerBody);
        if (refusal) return answerText(res, entry, refusal);
        entry.status = answer.statusCode ?? 502;
        res.writeHead(entry.status, answer.headers).end(answerBody);
      });
    },
  );
  const limit = setTimeout(() => {
    upstream.destroy();
    entry.status = EXECUTION_LIMIT_STATUS;
    if (res.headersSent) res.destroy();
    // Assumption [gateway-timeout-body]: the 504's status is documented, its body is not; a
    // line of plain text saying what happened.
    else
      answerText(res, entry, {
        status: EXECUTION_LIMIT_STATUS,
        message: 'Gateway Time-out: the Function ran past its execution limit',
      });
  }, forwarding.executionLimitMs);
  upstream.on('error', (error) => {
    if (entry.status === EXECUTION_LIMIT_STATUS) return;
    clearTimeout(limit);
    entry.status = 502;
    if (!res.headersSent) res.writeHead(502, { 'Content-Type': 'text/plain' });
    res.end(`Gateway: ${error.message}`);
  });
  upstream.end(body);
}
