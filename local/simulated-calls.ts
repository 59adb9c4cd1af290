import { readSettings } from '../src/config/settings';
import { formatTranscript, placeCall, type GatherAnswer } from './call-driver';
import { callerAnswers } from './caller-answers';
import { captureConsole } from './console-capture';
import { parseFault, parseStandInFault } from './fault-spec';
import type { ControlHandler } from './gateway';
import type { Simulation } from './simulation';
import { withOverrides } from './with-overrides';

/**
 * The local-only endpoints of a running simulation (`npm start`), answered by the gateway:
 * - GET  /_simulate/status: the simulation is there (the recordings page shows its form), and
 *   the consent mode its calls meet;
 * - POST /_simulate/call: places one simulated call and answers its transcript. Fields: the
 *   caller's answers (`say`, `silent`, `consent`, `press`: see callerAnswers) and `fault` (as
 *   `npm run call -- --fault`).
 * Never deployed: they exist only on the local gateway.
 */
export function simulatedCallEndpoints(simulation: () => Simulation | undefined): ControlHandler {
  return async (path, params) => {
    const sim = simulation();
    if (!sim) return { status: 503, body: 'The simulation is starting' };
    const mode = readSettings(sim.env).consent.mode;
    if (path === '/_simulate/status') {
      return {
        status: 200,
        body: JSON.stringify({ consentMode: mode }),
        contentType: 'application/json',
      };
    }
    if (path !== '/_simulate/call') return { status: 404, body: 'Unknown simulation endpoint' };
    let script;
    const fault = params.get('fault') || null;
    try {
      script = { answers: callerAnswers(params, mode) };
      if (fault && !parseStandInFault(fault)) parseFault(fault);
    } catch (error) {
      return { status: 400, body: (error as Error).message };
    }
    return { status: 200, body: `${await placeWithFault(sim, script, fault)}\n` };
  };
}

/** Places the call with the fault asked for, and takes the fault away again afterwards. */
async function placeWithFault(
  sim: Simulation,
  script: { answers: GatherAnswer[] },
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
