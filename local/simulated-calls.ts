import type { ConsentMode } from '../src/config/consent-settings';
import { readSettings } from '../src/config/settings';
import { formatTranscript, placeCall, type CallScript } from './call-driver';
import { callerAnswers, callerNumber } from './caller-answers';
import { captureConsole } from './console-capture';
import { parseFault, parseStandInFault } from './fault-spec';
import type { ControlHandler } from './gateway';
import { LOCAL_TWILIO_PATH, localTwilioAccess } from './local-twilio-access';
import type { Simulation } from './simulation';
import { withOverrides } from './with-overrides';

type ControlAnswer = Awaited<ReturnType<ControlHandler>>;

const json = (body: unknown): ControlAnswer => ({
  status: 200,
  body: JSON.stringify(body),
  contentType: 'application/json',
});

/**
 * The local-only endpoints of a running simulation (`npm start`), answered by the gateway:
 * - GET  /_simulate/status: the simulation is there (the recordings page shows its form), and
 *   the consent mode its calls meet;
 * - POST /_simulate/call: places one simulated call and answers its transcript. Fields: the
 *   caller's answers (`say`, `silent`, `consent`, `press`: see callerAnswers), the caller's
 *   number (`from`, E.164; see callerNumber) and `fault` (as `npm run call -- --fault`);
 * - GET  /_simulate/twilio: where the simulation's local Twilio is and which credentials it
 *   takes, as JSON (see LocalTwilioAccess), so that a command run with `--server URL` can use
 *   its REST API (localTwilioOf reads it).
 * Never deployed: they exist only on the local gateway, which listens on 127.0.0.1 alone, and
 * the account they tell of is the stand-in's own, made up for this run.
 */
export function simulatedCallEndpoints(simulation: () => Simulation | undefined): ControlHandler {
  return async (path, params) => {
    const sim = simulation();
    if (!sim) return { status: 503, body: 'The simulation is starting' };
    const mode = readSettings(sim.env).consent.mode;
    if (path === '/_simulate/status') return json({ consentMode: mode });
    if (path === LOCAL_TWILIO_PATH) return json(localTwilioAccess(sim.twilio));
    if (path === '/_simulate/call') return simulatedCall(sim, params, mode);
    return { status: 404, body: 'Unknown simulation endpoint' };
  };
}

/** POST /_simulate/call: the fields read into a call script, then the call placed. */
async function simulatedCall(
  sim: Simulation,
  params: URLSearchParams,
  mode: ConsentMode,
): Promise<ControlAnswer> {
  const fault = params.get('fault') || null;
  let answers;
  try {
    answers = callerAnswers(params, mode);
    if (fault && !parseStandInFault(fault)) parseFault(fault);
  } catch (error) {
    return { status: 400, body: (error as Error).message };
  }
  const from = callerNumber(params);
  if (!from.ok) return { status: 400, body: from.error };
  const transcript = await placeWithFault(sim, { answers, from: from.value }, fault);
  return { status: 200, body: `${transcript}\n` };
}

/** Places the call with the fault asked for, and takes the fault away again afterwards. */
async function placeWithFault(
  sim: Simulation,
  script: CallScript,
  fault: string | null,
): Promise<string> {
  const settings = fault ? parseStandInFault(fault) : undefined;
  return withOverrides(sim.twilio.settings, settings ?? {}, async () => {
    const removeFault = fault && !settings ? sim.twilio.injectFault(parseFault(fault)) : undefined;
    // The Functions' own log lines would bury the transcript; they are left out here.
    const capture = captureConsole();
    try {
      return formatTranscript(await placeCall(sim.twilio, sim.gateway.url, script));
    } finally {
      capture.restore();
      removeFault?.();
    }
  });
}
