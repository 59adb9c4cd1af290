import type { ServerResponse } from 'node:http';

/** One request the gateway took, as tests and the transcript read it. */
export interface GatewayEntry {
  method: string;
  path: string;
  status: number;
  /** undefined for routes that need no signature. */
  signatureValid?: boolean;
}

/** Why the gateway answers a request itself instead of passing it on. */
export interface Refusal {
  status: number;
  message: string;
  headers?: Record<string, string>;
}

/** Answers with a line of plain text, and notes the status in the request's log entry. */
export function answerText(res: ServerResponse, entry: GatewayEntry, refusal: Refusal): void {
  entry.status = refusal.status;
  res
    .writeHead(refusal.status, { 'Content-Type': 'text/plain', ...refusal.headers })
    .end(refusal.message);
}
