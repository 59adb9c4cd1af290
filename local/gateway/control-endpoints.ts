import type { IncomingMessage, ServerResponse } from 'node:http';
import type { GatewayEntry } from './exchange';

/** Local-only endpoints under /_simulate/, answered by the gateway itself (never forwarded). */
export type ControlHandler = (
  path: string,
  params: URLSearchParams,
  headers: IncomingMessage['headers'],
) => Promise<{ status: number; body: string; contentType?: string }>;

export const CONTROL_PREFIX = '/_simulate/';

/** Answers a control endpoint: its parameters from the form body of a POST, else the query. */
export function answerControl(
  control: ControlHandler,
  req: IncomingMessage,
  body: Buffer,
  res: ServerResponse,
  entry: GatewayEntry,
): void {
  const params = new URLSearchParams(
    req.method === 'POST' ? body.toString('utf8') : new URL(req.url ?? '/', 'http://x').search,
  );
  control(entry.path, params, req.headers)
    .then((answer) => {
      entry.status = answer.status;
      res
        .writeHead(answer.status, {
          'Content-Type': answer.contentType ?? 'text/plain; charset=utf-8',
          'Cache-Control': 'no-store',
        })
        .end(answer.body);
    })
    .catch((error: unknown) => {
      entry.status = 500;
      res.writeHead(500).end(String(error));
    });
}
