import { materializeDeployment, type DeployedService } from './deploy/deployed-files';
import { deployedRuntime } from './deploy/deployed-runtime';
import { startFunctionsServer } from './functions-server';
import { startGateway, type ControlHandler } from './gateway';
import type { Simulation } from './simulation';
import type { LocalTwilio } from './stand-in/server';

/** A deployed environment served locally, with what it was made from. */
export interface DeployedSimulation extends Simulation {
  deployed: DeployedService;
}

/**
 * The local Twilio serving what a deploy uploaded to it, as Twilio runs it: the environment's
 * build laid out from the uploaded versions (deploy/deployed-files.ts), run by Twilio's own
 * runtime (@twilio/runtime-handler) with the environment's Variables, behind the same gateway as
 * npm start, which checks signatures on protected routes and hides private ones, Functions and
 * assets alike. The counterpart of simulation.ts, which serves the project's build for npm start.
 * close() stops the service and removes its files; the stand-in stays its owner's to close.
 */
export async function startDeployedSimulation(options: {
  twilio: LocalTwilio;
  serviceSid: string;
  environmentSid: string;
  port?: number;
  control?: ControlHandler;
}): Promise<DeployedSimulation> {
  const { twilio } = options;
  const deployed = materializeDeployment(
    twilio.serverless,
    options.serviceSid,
    options.environmentSid,
  );
  const runtime = deployedRuntime(deployed, twilio, twilio.url);
  const gateway = await startGateway({
    authToken: twilio.authToken,
    port: options.port,
    access: deployed.access,
    control: options.control,
  });
  const functions = await startFunctionsServer({
    env: runtime.env,
    publicUrl: gateway.url,
    deployed: { baseDir: deployed.root, routes: deployed.routes },
    intercept: runtime.intercept,
  });
  gateway.setTarget(functions.url);
  return {
    twilio,
    gateway,
    functions,
    env: runtime.env,
    deployed,
    async close() {
      await gateway.close();
      await functions.close();
      deployed.remove();
    },
  };
}
