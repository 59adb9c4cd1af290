import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

const ACCOUNT = 'AC' + '0'.repeat(32);

/**
 * The cheapest possible stand-in for the REST API, for cold-start runs: it answers every
 * recording request and every Sync write at once, so a first request measures the Function.
 */
export async function startInstantApi(): Promise<{
  url: string;
  server: Server;
  requests: () => number;
}> {
  let count = 0;
  const server = createServer((req, res) => {
    count += 1;
    req.resume();
    req.on('end', () => {
      const path = req.url ?? '/';
      res.setHeader('Content-Type', 'application/json');
      if (path.startsWith('/sync/') && req.method === 'GET') {
        res.statusCode = 404;
        res.end(JSON.stringify({ code: 54201, message: 'Map Item not found', status: 404 }));
        return;
      }
      res.statusCode = 201;
      res.end(
        JSON.stringify({
          sid: 'RE' + '1'.repeat(32),
          account_sid: ACCOUNT,
          call_sid: 'CA' + '2'.repeat(32),
          status: 'in-progress',
          channels: 2,
          api_version: '2010-04-01',
          key: 'RE' + '1'.repeat(32),
          revision: '0',
          data: {},
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    server,
    requests: () => count,
  };
}

export const INSTANT_ACCOUNT_SID = ACCOUNT;
