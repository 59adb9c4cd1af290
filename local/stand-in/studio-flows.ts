import { voiceResponse } from '../../src/twilio/twiml';
import type { FormParams } from '../form';
import { newSid, TwilioApiError } from './twilio-error';

/**
 * A minimal Studio for voice calls: a flow is Trigger (incoming call) → Say → TwiML Redirect
 * → (return) → Say the outcome → hang up. Studio is served at
 * https://webhooks.twilio.com/v1/Accounts/{AC}/Flows/{FW}: the number's voice URL starts an
 * execution, and the same URL with `?FlowEvent=return` hands the call back to the TwiML
 * Redirect widget, whose variables are then the other parameters of that URL
 * ({{widgets.<widget>.<parameter>}}).
 */
export interface StudioFlowDefinition {
  /** The TwiML Redirect widget's name: its variables are widgets.<name>.<parameter>. */
  redirectWidget: string;
  /** The widget's URL. `{{flow.flow_sid}}` is filled in, as Studio's Liquid does. */
  redirectUrl: string;
  /** What the flow says before the redirect; this answers the call. None: redirect at once. */
  say?: string;
}

export interface StudioExecution {
  sid: string;
  flowSid: string;
  callSid: string;
  status: 'active' | 'ended';
  /** The flow's context: each widget's variables, as Liquid would read them. */
  widgets: Record<string, Record<string, string>>;
  /** Every return Studio received for this execution: URL parameters and the posted body. */
  returns: Array<{ query: Record<string, string>; body: Record<string, string> }>;
  /** What the flow said after the return. */
  said?: string;
}

export interface StudioAnswer {
  status: number;
  contentType: string;
  body: string;
}

const FLOW_PATH = /^\/v1\/Accounts\/(AC[0-9a-fA-F]{32})\/Flows\/(FW[0-9a-fA-F]{32})$/;

const single = (params: FormParams): Record<string, string> =>
  Object.fromEntries(
    Object.entries(params).map(([name, value]) => [name, ([] as string[]).concat(value)[0]]),
  );

export class StudioFlows {
  private readonly flows = new Map<string, StudioFlowDefinition>();
  readonly executions: StudioExecution[] = [];

  constructor(private readonly accountSid: string) {}

  /** A published flow; its webhook URL is what a number's voice URL points at. */
  createFlow(definition: StudioFlowDefinition): { sid: string; webhookUrl: string } {
    const sid = newSid('FW');
    this.flows.set(sid, definition);
    return {
      sid,
      webhookUrl: `https://webhooks.twilio.com/v1/Accounts/${this.accountSid}/Flows/${sid}`,
    };
  }

  /** A request to webhooks.twilio.com, from the voice engine. */
  handle(method: string, path: string, query: FormParams, form: FormParams): StudioAnswer {
    try {
      const match = FLOW_PATH.exec(path);
      const flow = match ? this.flows.get(match[2]) : undefined;
      // Assumption [studio-webhook-errors]: what Studio's webhook answers a request it cannot
      // serve is undocumented: 404 (20404) for an unknown flow, another account's or a return
      // no execution waits for, 400 (20001) without a CallSid, in the REST API's error body.
      if (!match || match[1] !== this.accountSid || !flow)
        throw new TwilioApiError(404, 20404, `No Studio flow at ${method} ${path}`);
      const flowSid = match[2];
      const params = { ...single(query), ...single(form) };
      const callSid = params.CallSid;
      if (!callSid) throw new TwilioApiError(400, 20001, 'CallSid is required');
      const active = this.executions.find(
        (execution) =>
          execution.flowSid === flowSid &&
          execution.callSid === callSid &&
          execution.status === 'active',
      );
      if (single(query).FlowEvent === 'return') {
        if (!active)
          throw new TwilioApiError(
            404,
            20404,
            `No execution of ${flowSid} is waiting for ${callSid} to return`,
          );
        return this.returned(active, flow, single(query), single(form));
      }
      // Assumption [studio-new-trigger-restarts]: a new trigger for a call already in an
      // execution is undocumented; the old execution ends and a new one starts, as for a fresh
      // incoming call.
      if (active) active.status = 'ended';
      return this.started(flowSid, callSid, flow);
    } catch (error) {
      if (!(error instanceof TwilioApiError)) throw error;
      return {
        status: error.status,
        contentType: 'application/json',
        body: JSON.stringify(error.toJson()),
      };
    }
  }

  private started(flowSid: string, callSid: string, flow: StudioFlowDefinition): StudioAnswer {
    this.executions.push({
      sid: newSid('FN'),
      flowSid,
      callSid,
      status: 'active',
      widgets: {},
      returns: [],
    });
    const twiml = voiceResponse();
    if (flow.say) twiml.say({}, flow.say);
    // The TwiML Redirect widget's Method defaults to POST.
    twiml.redirect(
      { method: 'POST' },
      flow.redirectUrl.replace(/\{\{\s*flow\.flow_sid\s*\}\}/g, flowSid),
    );
    return twimlAnswer(twiml.toString());
  }

  private returned(
    execution: StudioExecution,
    flow: StudioFlowDefinition,
    query: Record<string, string>,
    body: Record<string, string>,
  ): StudioAnswer {
    execution.returns.push({ query, body });
    // Only the return URL's own parameters become the widget's variables, FlowEvent aside.
    const variables = Object.fromEntries(
      Object.entries(query).filter(([name]) => name !== 'FlowEvent'),
    );
    execution.widgets[flow.redirectWidget] = variables;
    execution.said = outcome(variables);
    execution.status = 'ended';
    const twiml = voiceResponse();
    twiml.say({}, execution.said);
    twiml.hangup();
    return twimlAnswer(twiml.toString());
  }
}

/** What the flow after the Split says: which transition came back, and with which recording. */
function outcome(variables: Record<string, string>): string {
  const recording = variables.RecSid
    ? `recording ${variables.RecSid}${variables.RecStatus ? ` ${variables.RecStatus}` : ''}`
    : 'no recording';
  if (variables.RecFailureReason) {
    const code = variables.RecFailureCode ? ` ${variables.RecFailureCode}` : '';
    return `Back in Studio: Failed, ${variables.RecFailureReason}${code}, ${recording}.`;
  }
  return `Back in Studio: Success, ${variables.RecAction ?? 'no action'}, ${recording}.`;
}

function twimlAnswer(body: string): StudioAnswer {
  return { status: 200, contentType: 'text/xml', body };
}
