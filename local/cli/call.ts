/**
 * npm run call: one simulated call through the Client Feedback flow, with no Twilio account.
 * Prints a timed transcript; exits 1 when the call did not end as a completed call.
 */
import { join, relative } from 'node:path';
import { errorMessage } from '../../src/errors';
import { CONSENT_MODES, type ConsentMode } from '../../src/config/consent-settings';
import { formatTranscript, placeCall, type CallScript } from '../call-driver';
import { answersConsent, callerAnswers, callerNumber } from '../caller-answers';
import { DEFAULT_CALLER } from '../call-script';
import { captureConsole } from '../console-capture';
import { PROJECT_ROOT } from '../project-root';
import { saveRecordings, type MediaFormat } from '../recording-files';
import { espeakAvailable } from '../stand-in/media/espeak';
import { sendSignedWebhook } from '../signed-webhook';
import type { FaultRule } from '../contracts';
import { parseFault, parseStandInFault } from '../fault-spec';
import { startSimulation } from '../simulation';
import type { StandInOptions } from '../stand-in/server';

const HELP = `Usage: npm run call -- [options]
  --say "text"              what the caller says when asked (repeat for a second answer;
                            default: a sentence of praise)
  --silent                  the caller says nothing
  --hangup-during-question  the caller hangs up while being asked
  --outbound                simulate an outbound call (the flow refuses it)
  --from +E164              the caller's number (default ${DEFAULT_CALLER}): calls from one
                            number are found together by the Calls list's From filter
  --consent yes|no|silent   how the caller answers the consent question (by voice; silent: twice)
  --press DIGITS            the caller presses keys at the consent question (repeat for a retry)
  --mode notice|opt-in|opt-out
                            RECORDING_CONSENT for this call (default notice; opt-in when
                            --consent or --press is given); notice asks no consent question,
                            so --consent and --press are then unused
  --fault OPERATION:EFFECT  inject a fault on the REST side, e.g.
                              CreateCallRecording:21220   (an API error code)
                              CreateCallRecording:429     (an HTTP status)
                              UpdateCallRecording:500
                              CreateCallRecording:delay=5000
                              CreateCallRecording:reset | apply-then-reset | hang
                              CreateSyncMapItem:503
                            or change how Twilio behaves:
                              processing=30000  (simulated ms from a stop to completed; default 2000)
                              concurrency=0     (concurrent requests the account may make; default
                                                 100; 0 refuses every request with 20429)
                              latency=200       (median ms each REST answer takes, on the
                                                 simulated clock; default 0)
  --strict                  refuse unknown REST parameters instead of warning, and check every
                            answer against Twilio's API description
  --mp3                     save each completed recording as .mp3 too (it is always saved as
                            .wav, under recordings/)
  --out DIR                 save recordings in DIR instead of recordings/
  --espeak                  recorded speech by espeak-ng, when it is on the PATH (default:
                            tones, one burst per word)
  --logs                    also print the Functions' log lines
  --server URL              place the call on a running npm start instead (--say, --silent,
                            --consent, --press and --from; the consent mode is the server's)
  --help`;

export function parseArguments(argv: string[]): {
  script: CallScript;
  /** The caller's answers as the fields of POST /_simulate/call (for --server). */
  caller: URLSearchParams;
  faults: FaultRule[];
  standIn: StandInOptions;
  /** Settings for this call's Functions (the consent mode). */
  env: Record<string, string>;
  logs: boolean;
  help: boolean;
  server?: string;
  /** The formats each completed recording is saved in, and where. */
  formats: MediaFormat[];
  out: string;
} {
  const script: CallScript = {};
  const caller = new URLSearchParams();
  let mode: ConsentMode | undefined;
  const faults: FaultRule[] = [];
  const standIn: StandInOptions = {};
  let logs = false;
  let help = false;
  let server: string | undefined;
  const formats: MediaFormat[] = ['wav'];
  let out = join(PROJECT_ROOT, 'recordings');
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--say') caller.append('say', argv[++i] ?? '');
    else if (arg === '--silent') caller.set('silent', '1');
    else if (arg === '--hangup-during-question') script.hangUpDuringGather = 1;
    else if (arg === '--outbound') script.direction = 'outbound-api';
    else if (arg === '--from') caller.append('from', argv[++i] ?? '');
    else if (arg === '--consent') caller.append('consent', argv[++i] ?? '');
    else if (arg === '--press') caller.append('press', argv[++i] ?? '');
    else if (arg === '--mode') {
      const given = argv[++i] ?? '';
      if (!(CONSENT_MODES as readonly string[]).includes(given))
        throw new Error(`--mode ${given}: expected ${CONSENT_MODES.join(', ')}`);
      mode = given as ConsentMode;
    } else if (arg === '--fault') {
      const spec = argv[++i] ?? '';
      const setting = parseStandInFault(spec);
      if (setting) Object.assign(standIn, setting);
      else faults.push(parseFault(spec));
    } else if (arg === '--strict') standIn.strict = true;
    else if (arg === '--logs') logs = true;
    else if (arg === '--help' || arg === '-h') help = true;
    else if (arg === '--server') server = argv[++i];
    else if (arg === '--mp3') formats.push('mp3');
    else if (arg === '--out') out = argv[++i] ?? out;
    else if (arg === '--espeak') standIn.speech = 'espeak';
    else throw new Error(`unknown option ${arg}\n\n${HELP}`);
  }
  const consentMode = mode ?? (answersConsent(caller) ? 'opt-in' : 'notice');
  script.answers = callerAnswers(caller, consentMode);
  const from = callerNumber(caller);
  if (!from.ok) throw new Error(`--${from.error}`);
  script.from = from.value;
  const env = { RECORDING_CONSENT: consentMode };
  return { script, caller, faults, standIn, env, logs, help, server, formats, out };
}

async function main(): Promise<void> {
  const options = parseArguments(process.argv.slice(2));
  if (options.help) {
    console.log(HELP);
    return;
  }
  if (options.server) {
    const response = await fetch(`${options.server.replace(/\/$/, '')}/_simulate/call`, {
      method: 'POST',
      body: options.caller,
      signal: AbortSignal.timeout(60000),
    });
    console.log(await response.text());
    if (!response.ok) process.exitCode = 1;
    return;
  }
  const logLines: string[] = [];
  const capture = captureConsole((line) => logLines.push(line));
  const simulation = await startSimulation({ standIn: options.standIn, env: options.env });
  let result;
  let log;
  let saved;
  try {
    for (const fault of options.faults) simulation.twilio.injectFault(fault);
    result = await placeCall(simulation.twilio, simulation.gateway.url, options.script);
    simulation.twilio.clearFaults();
    // Read back as any client would: the signed /recordings route.
    log = await sendSignedWebhook({
      authToken: simulation.twilio.authToken,
      url: `${simulation.gateway.url}/recordings`,
      method: 'GET',
      params: { CallSid: result.callSid },
      timeoutMs: 15000,
    });
    saved = await saveRecordings(simulation.twilio, result.callSid, options.formats, options.out);
  } finally {
    capture.restore();
    await simulation.close();
  }
  console.log(formatTranscript(result));
  const recordings = simulation.twilio.recordings(result.callSid);
  console.log(
    `\nRecordings: ${recordings.map((recording) => `${recording.sid} ${recording.status} ${Math.round(recording.recordedMs / 1000)}s ${recording.channels === 2 ? 'dual' : 'mono'}`).join('; ') || 'none'}`,
  );
  console.log(
    `Recording log (GET /recordings): ${log.status === 200 ? JSON.stringify(JSON.parse(log.body), null, 2) : `${log.status} ${log.body}`}`,
  );
  if (!saved.ok) console.log(`Audio: not saved: ${saved.error}`);
  for (const recording of saved.ok ? saved.value : [])
    console.log(
      `Audio of ${recording.recordingSid}: ${recording.files.map((file) => relative(process.cwd(), file)).join(', ')}`,
    );
  if (options.standIn.speech === 'espeak' && !espeakAvailable())
    console.log('(espeak-ng is not on the PATH: speech was recorded as tones)');
  if (options.logs) console.log(`\nFunction logs:\n${logLines.join('\n')}`);
  if (result.status !== 'completed') process.exitCode = 1;
}

if (require.main === module) {
  main().catch((error) => {
    console.error(errorMessage(error));
    process.exitCode = 2;
  });
}
