import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A TwiML document of these verbs. */
export const twimlDocument = (verbs: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><Response>${verbs}</Response>`;

/** A body sent with this Content-Type, or with none (undefined). */
interface Typed {
  contentType: string | undefined;
  body: string;
}

/**
 * A document (sent as text/xml), a body of another type, or what to do before answering with a
 * document (given the webhook's parameters).
 */
type Document = string | Typed | ((params: Record<string, string>) => Promise<string>);

/**
 * A voice application that answers each path with fixed TwiML and remembers what Twilio (the
 * call driver) posted to it: for checking the voice engine on documents the flow never returns.
 */
export async function startTwimlApp(documents: Record<string, Document>) {
  const received: Array<{ path: string; params: Record<string, string> }> = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const params = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString()));
      received.push({ path: url.pathname, params });
      const document = documents[url.pathname];
      const answer: Typed | undefined =
        typeof document === 'function'
          ? { contentType: 'text/xml', body: await document(params) }
          : typeof document === 'string'
            ? { contentType: 'text/xml', body: document }
            : document;
      if (!answer) res.writeHead(404, { 'Content-Type': 'text/plain' });
      else res.writeHead(200, answer.contentType ? { 'Content-Type': answer.contentType } : {});
      res.end(answer?.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
