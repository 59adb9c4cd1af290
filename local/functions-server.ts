import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
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
  /**
   * A deployed service instead of the project's build: the folder the runtime runs in (its
   * node_modules) and the routes, each with its file and visibility.
   */
  deployed?: { baseDir: string; routes: ServedRoutes };
  /** Looks at each request first; true when it answered the request itself. */
  intercept?: (req: IncomingMessage, res: ServerResponse) => boolean;
}

/** What the runtime serves: each route's path, file and visibility ("access"). */
export interface ServedRoute {
  name: string;
  path: string;
  filePath: string;
  access: string;
}

export interface ServedRoutes {
  functions: ServedRoute[];
  assets: ServedRoute[];
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
  const baseDir = options.deployed?.baseDir ?? options.baseDir ?? PROJECT_ROOT;
  const routes: ServedRoutes =
    options.deployed?.routes ??
    (await fsHelpers.getListOfFunctionsAndAssets(baseDir, {
      functionsFolderNames: [options.functionsFolder ?? 'dist/functions'],
      assetsFolderNames: [options.assetsFolder ?? 'dist/assets'],
    }));

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
  const app = devServer.getApp();
  const intercept = options.intercept;
  server.on('request', intercept ? (req, res) => intercept(req, res) || app(req, res) : app);
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
