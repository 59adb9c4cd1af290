import { consentSettings } from '../src/config/consent-settings';
import { formatTranscript, placeCall, type GatherAnswer } from './call-driver';
import { captureConsole } from './console-capture';
import { parseFault, parseStandInFault } from './fault-spec';
import type { ControlHandler } from './gateway';
import type { Simulation } from './simulation';

const DEFAULT_ANSWER = 'It was great, thank you';

/**
 * The local-only endpoints of a running simulation (`npm start`), answered by the gateway:
 * - GET  /_simulate/status: the simulation is there (the recordings page shows its form), and
 *   the consent mode its calls meet;
 * - POST /_simulate/call: places one simulated call and answers its transcript. Fields: `say`
 *   (what the caller answers; repeat for a second answer), `silent`, `consent` (yes, no or
 *   silent: the answer to the consent question, when the mode asks one), `press` (keys at the
 *   consent question), `fault` (as `npm run call -- --fault`).
 * Never deployed: they exist only on the local gateway.
 */
export function simulatedCallEndpoints(simulation: () => Simulation | undefined): ControlHandler {
  return async (path, params) => {
    const sim = simulation();
    if (!sim) return { status: 503, body: 'The simulation is starting' };
    const mode = consentSettings(sim.env).settings.mode;
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
      script = callScript(params, mode !== 'notice');
      if (fault && !parseStandInFault(fault)) parseFault(fault);
    } catch (error) {
      return { status: 400, body: (error as Error).message };
    }
    return { status: 200, body: `${await placeWithFault(sim, script, fault)}\n` };
  };
}

function callScript(params: URLSearchParams, asksConsent: boolean): { answers: GatherAnswer[] } {
  const consent: GatherAnswer[] = [];
  const choice = params.get('consent');
  if (choice === 'yes' || choice === 'no') consent.push({ say: choice });
  else if (choice === 'silent') consent.push({ silent: true }, { silent: true });
  else if (choice) throw new Error(`consent: '${choice}' is not one of yes, no, silent`);
  for (const keys of params.getAll('press')) {
    if (!/^[0-9*#]{1,8}$/.test(keys)) throw new Error(`press: '${keys}' is not keys 0-9, * or #`);
    consent.push({ press: keys });
  }
  const said = params.getAll('say').filter((text) => text.trim() !== '');
  const feedback = params.has('silent') ? [] : said.length > 0 ? said : [DEFAULT_ANSWER];
  return {
    answers: [
      ...(asksConsent ? consent : []),
      ...feedback.map((text): GatherAnswer => ({ say: text })),
    ],
  };
}

/** Places the call with the fault asked for, and takes the fault away again afterwards. */
async function placeWithFault(
  sim: Simulation,
  script: { answers: GatherAnswer[] },
  fault: string | null,
): Promise<string> {
  const settings = fault ? parseStandInFault(fault) : undefined;
  const saved = { ...sim.twilio.settings };
  if (settings) Object.assign(sim.twilio.settings, settings);
  const removeFault = fault && !settings ? sim.twilio.injectFault(parseFault(fault)) : undefined;
  // The Functions' own log lines would bury the transcript; they are left out here.
  const capture = captureConsole();
  try {
    return formatTranscript(await placeCall(sim.twilio, sim.gateway.url, script));
  } finally {
    capture.restore();
    removeFault?.();
    Object.assign(sim.twilio.settings, saved);
  }
}
