import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeFunctionsServer {
  url: string;
  /** `METHOD /path` of each request that reached it. */
  reached: string[];
  /** Each request's path and query, as received. */
  urls: string[];
  close(): Promise<void>;
}

/**
 * Stands in for the Functions server behind the gateway: /slow never answers; /big and /big.bin
 * answer `bytes` bytes; /cookies and /cookies.txt set `count` cookies; anything else answers
 * 204. Records what reached it.
 */
export async function startFakeFunctions(): Promise<FakeFunctionsServer> {
  const reached: string[] = [];
  const urls: string[] = [];
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x');
      reached.push(`${req.method} ${url.pathname}`);
      urls.push(req.url ?? '');
      if (url.pathname === '/slow') return;
      if (url.pathname === '/big' || url.pathname === '/big.bin') {
        res.writeHead(200, { 'Content-Type': 'application/octet-stream' });
        res.end(Buffer.alloc(Number(url.searchParams.get('bytes'))));
        return;
      }
      if (url.pathname === '/cookies' || url.pathname === '/cookies.txt') {
        const count = Number(url.searchParams.get('count'));
        res.setHeader(
          'Set-Cookie',
          Array.from({ length: count }, (_, index) => `c${index}=${'v'.repeat(10)}`),
        );
      }
      res.statusCode = 204;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    reached,
    urls,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
