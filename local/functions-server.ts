import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PROJECT_ROOT } from './project-root';

export interface FunctionsServer {
  url: string;
  port: number;
  server: Server;
  close(): Promise<void>;
}

export interface FunctionsServerOptions {
  /** Environment the Functions see in `context` (ACCOUNT_SID, AUTH_TOKEN, settings). */
  env: Record<string, string | undefined>;
  /** Port to listen on, 0 for any free one. */
  port?: number;
  /** The public base URL the Functions believe they are served at (DOMAIN_NAME); default: this server. */
  publicUrl?: string;
  /** The folder the two below are in; default: this project (deploy:local serves a copy). */
  baseDir?: string;
  /** Folder of built Functions, relative to baseDir. */
  functionsFolder?: string;
  assetsFolder?: string;
  logs?: boolean;
}

/**
 * Serves the built Functions in this process with Twilio's own local runtime
 * (@twilio/runtime-handler/dev, as twilio-run does), on 127.0.0.1.
 */
export async function startFunctionsServer(
  options: FunctionsServerOptions,
): Promise<FunctionsServer> {
  const { LocalDevelopmentServer } = require('@twilio/runtime-handler/dev');
  const { fsHelpers } = require('@twilio-labs/serverless-api');
  const baseDir = options.baseDir ?? PROJECT_ROOT;
  const routes = await fsHelpers.getListOfFunctionsAndAssets(baseDir, {
    functionsFolderNames: [options.functionsFolder ?? 'dist/functions'],
    assetsFolderNames: [options.assetsFolder ?? 'dist/assets'],
  });

  const server = createServer();
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const url = options.publicUrl ?? `http://127.0.0.1:${port}`;
  const devServer = new LocalDevelopmentServer(port, {
    baseDir,
    env: options.env,
    port,
    url,
    detailedLogs: false,
    live: false,
    logs: options.logs ?? false,
    legacyMode: false,
    appName: 'call-recording',
    forkProcess: false,
    enableDebugLogs: false,
    routes,
  });
  server.on('request', devServer.getApp());
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
