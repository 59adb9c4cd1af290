import { putFunctionsOnClock } from './functions-clock';
import { startFunctionsServer, type FunctionsServer } from './functions-server';
import { readServiceRoutes, startGateway, type ControlHandler, type Gateway } from './gateway';
import { startTwilioStandIn, type LocalTwilio, type StandInOptions } from './stand-in/server';

export interface Simulation {
  twilio: LocalTwilio;
  gateway: Gateway;
  functions: FunctionsServer;
  /** The Functions' environment; changes apply to the next request. */
  env: Record<string, string | undefined>;
  close(): Promise<void>;
}

/** Closes what was started so far, newest first, when a later part fails to start. */
async function closingOnFailure<T>(
  started: Array<{ close(): Promise<void> }>,
  next: () => Promise<T>,
) {
  try {
    return await next();
  } catch (error) {
    for (const part of started.reverse()) await part.close().catch(() => undefined);
    throw error;
  }
}

/**
 * Twilio, locally: the REST stand-in, Twilio's own local Functions runtime serving the built
 * Functions, and the signature-checking gateway in front of it. The Functions believe they are
 * served at the gateway's address, so the status callbacks they ask for are signed and checked.
 * The gateway listens first and answers 503 until the Functions are ready.
 */
export async function startSimulation(
  options: {
    port?: number;
    env?: Record<string, string>;
    standIn?: StandInOptions;
    control?: ControlHandler;
    /** The built Functions to serve, relative to the project root (default dist/functions). */
    functionsFolder?: string;
    /**
     * The Functions' budgets, backoffs and request timeouts count the stand-in's clock instead
     * of real time (see functions-clock.ts): for runs measured in simulated time. One
     * simulation at a time.
     */
    functionsOnClock?: boolean;
  } = {},
): Promise<Simulation> {
  const twilio = await startTwilioStandIn(options.standIn);
  const gateway = await closingOnFailure([twilio], async () => {
    const routes = await readServiceRoutes({ functionsFolder: options.functionsFolder });
    return startGateway({
      authToken: twilio.authToken,
      port: options.port,
      access: routes.functions,
      assets: routes.assets,
      control: options.control,
    });
  });
  const env: Record<string, string | undefined> = {
    ACCOUNT_SID: twilio.accountSid,
    AUTH_TOKEN: twilio.authToken,
    TWILIO_API_BASE_URL: twilio.url,
    ...options.env,
  };
  const functions = await closingOnFailure([twilio, gateway], () =>
    startFunctionsServer({ env, publicUrl: gateway.url, functionsFolder: options.functionsFolder }),
  );
  gateway.setTarget(functions.url);
  const realTimeAgain = options.functionsOnClock ? putFunctionsOnClock(twilio.clock) : () => {};
  return {
    twilio,
    gateway,
    functions,
    env,
    async close() {
      await gateway.close();
      await functions.close();
      await twilio.close();
      realTimeAgain();
    },
  };
}
