/**
 * npm start. With real Twilio credentials (in .env or the environment) it runs the plain local
 * Functions server, twilio-run on port 3000, against the real account. Without them it starts
 * the local Twilio (stand-in, gateway on port 3000, the Functions behind it), places one
 * simulated call, prints its transcript, and keeps serving simulated calls until Ctrl-C.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { isSid } from '../../src/twilio/sids';
import { errorMessage } from '../../src/errors';
import { formatTranscript, placeCall } from '../call-driver';
import { captureConsole } from '../console-capture';
import { readDotEnv } from '../dot-env';
import { PROJECT_ROOT } from '../project-root';
import { startSimulation, type Simulation } from '../simulation';

export function hasRealCredentials(env: Record<string, string | undefined>): boolean {
  return isSid('AccountSid', env.ACCOUNT_SID) && (env.AUTH_TOKEN ?? '') !== '';
}

async function main(): Promise<void> {
  const env = { ...readDotEnv(join(PROJECT_ROOT, '.env')), ...process.env };
  const port = Number(env.PORT ?? 3000);
  if (hasRealCredentials(env)) {
    console.log('Twilio credentials found: starting twilio-run against your account.');
    const child = spawn(
      join(PROJECT_ROOT, 'node_modules', '.bin', 'twilio-run'),
      ['--port', String(port)],
      { stdio: 'inherit', cwd: PROJECT_ROOT },
    );
    child.on('exit', (code) => process.exit(code ?? 0));
    return;
  }

  const running: { simulation?: Simulation } = {};
  const runCall = async (speech: string[]) => {
    const simulation = running.simulation;
    if (!simulation) throw new Error('not started');
    // The Functions' own log lines would bury the transcript; they are left out here.
    const capture = captureConsole();
    try {
      return formatTranscript(
        await placeCall(simulation.twilio, simulation.gateway.url, { speech }),
      );
    } finally {
      capture.restore();
    }
  };
  const simulation = await startSimulation({
    port,
    control: async (path, params) => {
      if (path !== '/_simulate/call') return { status: 404, body: 'Unknown simulation endpoint' };
      const speech = params.getAll('say');
      return {
        status: 200,
        body: `${await runCall(params.has('silent') ? [] : speech.length > 0 ? speech : ['It was great, thank you'])}\n`,
      };
    },
  });
  running.simulation = simulation;
  console.log(
    `No Twilio credentials in .env: serving the Functions behind a local Twilio at ${simulation.gateway.url}`,
  );
  console.log(
    '(REST stand-in at ' +
      simulation.twilio.url +
      '; signatures are checked on every .protected route)\n',
  );
  console.log('A simulated call through the Client Feedback flow:\n');
  console.log(await runCall(['The agent was friendly and solved my problem quickly']));
  console.log(
    `\nPlace another call:  curl -s -X POST ${simulation.gateway.url}/_simulate/call -d say="Great service"`,
  );
  console.log(
    `                 or:  npm run call -- --server ${simulation.gateway.url} --say "Great service"`,
  );
  console.log('Stop with Ctrl-C.');

  const stop = async () => {
    await simulation.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (require.main === module) {
  main().catch((error) => {
    console.error(errorMessage(error));
    process.exit(1);
  });
}
