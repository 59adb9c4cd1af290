/**
 * npm run deploy:local. Deploys the build with twilio-run's own deploy code (npm run deploy's
 * path, Variables from .env and all) to a local Twilio, then serves what was uploaded as Twilio
 * runs it, places the Client Feedback call on it, prints its transcript and the recordings
 * page's address and password, and keeps serving until Ctrl-C. No Twilio account is used.
 */
import { join } from 'node:path';
import { readEnvFile } from '../../scripts/deploy/env-file';
import { errorMessage } from '../../src/errors';
import { dashboardPasswordFor, demoCallAndAddresses, localPort } from '../demo-call';
import { deployToLocalTwilio } from '../deploy/deploy-local';
import { stageProject } from '../deploy/stage-project';
import { startDeployedSimulation, type DeployedSimulation } from '../deployed-simulation';
import { readDotEnv } from '../dot-env';
import { PROJECT_ROOT } from '../project-root';
import { simulatedCallEndpoints } from '../simulated-calls';
import { startTwilioStandIn } from '../stand-in/server';

const print = (line: string) => console.log(line);
const printError = (line: string) => console.error(line);

/** .env as twilio-run reads it, with the page's password made up when .env has none. */
function deployedSettings(): { dotEnv: Record<string, string>; password?: string } {
  const dotEnv = readEnvFile(join(PROJECT_ROOT, '.env'));
  const password = dashboardPasswordFor(dotEnv);
  if (password === undefined || dotEnv.DASHBOARD_PASSWORD) return { dotEnv, password };
  print('No DASHBOARD_PASSWORD in .env: one is made up for this run and uploaded with the rest.');
  return { dotEnv: { ...dotEnv, DASHBOARD_PASSWORD: password }, password };
}

function describe(simulation: DeployedSimulation): void {
  const { build, environment } = simulation.deployed;
  print(
    `\nServing what was uploaded to https://${environment.domainName} at ${simulation.gateway.url}`,
  );
  print(
    `  Functions: ${build.functionVersions.length}, assets: ${build.assetVersions.length}, Variables: ${environment.variables.length}`,
  );
  print(
    `  Installed for the build: ${build.dependencies.map((one) => `${one.name}@${one.version}`).join(', ')}\n`,
  );
}

async function main(): Promise<void> {
  // PORT as npm start reads it: the shell's, then .env's, then 3000.
  const port = localPort({ ...readDotEnv(join(PROJECT_ROOT, '.env')), ...process.env });
  const { dotEnv, password } = deployedSettings();
  const twilio = await startTwilioStandIn();
  const staged = stageProject();
  print(
    `Deploying the build with twilio-run to a local Twilio (${twilio.url}); nothing leaves this machine.`,
  );
  const outcome = await deployToLocalTwilio(twilio, staged, { dotEnv, print, printError }).finally(
    () => staged.remove(),
  );
  if (outcome.code !== 0 || !outcome.serviceSid || !outcome.leftovers) {
    await twilio.close();
    process.exitCode = outcome.code || 1;
    return;
  }
  const running: { simulation?: DeployedSimulation } = {};
  const endpoints = simulatedCallEndpoints(() => running.simulation);
  const simulation = await startDeployedSimulation({
    twilio,
    serviceSid: outcome.serviceSid,
    environmentSid: outcome.leftovers.environmentSid,
    port,
    control: endpoints,
  });
  running.simulation = simulation;
  describe(simulation);
  await demoCallAndAddresses(endpoints, simulation.gateway.url, password, print);
  const stop = async () => {
    await simulation.close();
    await twilio.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (require.main === module) {
  main().catch((error) => {
    printError(errorMessage(error));
    process.exit(1);
  });
}
