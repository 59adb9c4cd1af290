/**
 * One cold start, in a fresh process: load what the Functions runtime has loaded before any
 * Function runs (the twilio package and the runtime's globals), then time loading one built
 * Function file and serving its first request. Prints one JSON line.
 * Usage: node cold-start-child.js <function file> <event JSON>
 */
import { statSync } from 'node:fs';
import { INSTANT_ACCOUNT_SID, startInstantApi } from './instant-api';

class RuntimeResponse {
  statusCode = 200;
  body: unknown;
  headers: Record<string, string> = {};
  setStatusCode(code: number) {
    this.statusCode = code;
    return this;
  }
  setBody(body: unknown) {
    this.body = body;
    return this;
  }
  appendHeader(name: string, value: string) {
    this.headers[name] = value;
    return this;
  }
  setHeaders(headers: Record<string, string>) {
    this.headers = headers;
    return this;
  }
  setCookie() {
    return this;
  }
  removeCookie() {
    return this;
  }
}

async function main(): Promise<void> {
  const [file, eventJson] = process.argv.slice(2);
  const api = await startInstantApi();
  const twilio = require('twilio');
  (globalThis as Record<string, unknown>).Twilio = { ...twilio, Response: RuntimeResponse };
  // Twilio's runtime logs each execution's start before the Function runs ("Twilio Functions
  // streamed the start, end, and any console output", twilio.com/docs/serverless/functions-
  // assets/functions/debugging), and a Function's console.log, warn and error become its log
  // levels: the runtime's console, both streams, is in use by then.
  console.log('Execution started');
  console.error('');
  const before = new Set(Object.keys(require.cache));

  // Garbage left by loading the runtime is collected first, so that it is charged to no Function.
  (globalThis as { gc?: () => void }).gc?.();
  const loadStart = process.hrtime.bigint();
  const handler = require(file).handler;
  const loaded = process.hrtime.bigint();
  const context = {
    ACCOUNT_SID: INSTANT_ACCOUNT_SID,
    AUTH_TOKEN: 'bench-token',
    TWILIO_API_BASE_URL: api.url,
    DOMAIN_NAME: 'localhost:3000',
    PATH: '/bench',
  };
  const event = { request: { headers: {}, cookies: {} }, ...JSON.parse(eventJson) };
  let outcome = 'ok';
  await new Promise<void>((resolve) =>
    handler(context, event, (error: unknown) => {
      if (error) outcome = String(error);
      resolve();
    }),
  );
  const served = process.hrtime.bigint();

  const added = Object.keys(require.cache).filter((key) => !before.has(key));
  const bytes = added.reduce((sum, key) => sum + statSync(key).size, 0);
  process.stdout.write(
    JSON.stringify({
      loadMs: Number(loaded - loadStart) / 1e6,
      firstRequestMs: Number(served - loaded) / 1e6,
      totalMs: Number(served - loadStart) / 1e6,
      modules: added.length,
      bytes,
      outcome,
    }) + '\n',
  );
  api.server.close();
  process.exit(0);
}

main().catch((error) => {
  process.stdout.write(JSON.stringify({ error: String(error) }) + '\n');
  process.exit(1);
});
