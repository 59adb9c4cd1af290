import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedCallback {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  params: Record<string, string>;
}

/**
 * A loopback HTTP server that records what is sent to it and answers with a chosen status, or
 * never answers ('hang', until closed).
 */
export async function startCallbackReceiver(
  answer: (received: ReceivedCallback) => number | 'hang' = () => 204,
) {
  const received: ReceivedCallback[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const body = Buffer.concat(chunks).toString('utf8');
      const params = Object.fromEntries(
        req.method === 'GET' ? url.searchParams : new URLSearchParams(body),
      );
      const entry = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, params };
      received.push(entry);
      const status = answer(entry);
      if (status === 'hang') return;
      res.statusCode = status;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
