import type { Simulation } from '../../local/simulation';
import { signedPost } from './signed-post';
import { parseTwiml, splitUrl } from './twiml';
import { startTwimlApp, twimlDocument } from './twiml-app';

export interface FlowStep {
  /** The toggle's query (`Record=…` and options), carried out through the Functions first. */
  toggle?: Record<string, string>;
  /** The step's TwiML verbs. `{next}` stands for the next step's path (a Gather's action). */
  verbs: string;
}

const CALL_PARAMS = ['CallSid', 'AccountSid', 'From', 'To', 'CallStatus', 'Direction'];

/**
 * A voice flow the Client Feedback flow does not make, e.g. recording with a pause in it. Each
 * step first switches the recording through the Functions, as a TwiML Redirect to the toggle
 * would (a POST to /recording-toggle, signed as Twilio signs it, with the call's parameters),
 * then answers with its own verbs and a Redirect to the next step. `toggled` lists where each
 * toggle sent the call (its Success or Failed path). Start calls at `start`.
 */
export async function startToggleFlow(sim: Simulation, steps: FlowStep[]) {
  const toggled: string[] = [];
  const documents = steps.map((step, index) => {
    const next = `/step-${index + 1}`;
    const redirect = index < steps.length - 1 ? `<Redirect>${next}</Redirect>` : '';
    const body = `${step.verbs.replaceAll('{next}', next)}${redirect}`;
    return async (params: Record<string, string>) => {
      if (step.toggle) {
        const call = Object.fromEntries(CALL_PARAMS.map((name) => [name, params[name]]));
        const answer = await signedPost(
          sim.twilio.authToken,
          `${sim.gateway.url}/recording-toggle?${new URLSearchParams(step.toggle)}`,
          call,
        );
        const [transition] = parseTwiml(answer.body);
        toggled.push(transition ? splitUrl(transition.text).path : `${answer.status}`);
      }
      return twimlDocument(body);
    };
  });
  const app = await startTwimlApp(
    Object.fromEntries(documents.map((document, index) => [`/step-${index}`, document])),
  );
  return { ...app, start: `${app.url}/step-0`, toggled };
}
