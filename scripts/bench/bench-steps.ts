import { copyFileSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../local/project-root';
import { INSTANT_ACCOUNT_SID } from './instant-api';

export const CALL = 'CA' + '2'.repeat(32);
export const RECORDING = 'RE' + '1'.repeat(32);
export const callParams = {
  CallSid: CALL,
  AccountSid: INSTANT_ACCOUNT_SID,
  CallStatus: 'in-progress',
  Direction: 'inbound',
  From: '+15005550006',
  To: '+15005550001',
};

/** Each measured step: the route and the request Twilio would send it. */
export const STEPS: Array<{
  name: string;
  path: string;
  params: Record<string, string>;
  twimlStep: boolean;
}> = [
  { name: 'baseline', path: '/baseline', params: callParams, twimlStep: true },
  { name: 'incoming-call', path: '/incoming-call', params: callParams, twimlStep: true },
  {
    name: 'recording-toggle (start)',
    path: '/recording-toggle?Record=true',
    params: callParams,
    twimlStep: false,
  },
  {
    name: 'recording-success (ask)',
    path: '/recording-success',
    params: { ...callParams, RecAction: 'start', RecSid: RECORDING },
    twimlStep: true,
  },
  {
    name: 'recording-failed',
    path: '/recording-failed',
    params: {
      ...callParams,
      RecAction: 'stop',
      RecFailureReason: 'api-error',
      RecFailureCode: '20404',
    },
    twimlStep: true,
  },
  {
    name: 'feedback-received (no speech)',
    path: `/feedback-received?RecordingSid=${RECORDING}&Attempt=1`,
    params: callParams,
    twimlStep: true,
  },
  {
    name: 'feedback-received (speech, stored)',
    path: `/feedback-received?RecordingSid=${RECORDING}&Attempt=1`,
    params: { ...callParams, SpeechResult: 'It was great', Confidence: '0.9' },
    twimlStep: false,
  },
];

/** The event each Function's first request carries in a cold start. */
export const COLD_EVENTS: Record<string, Record<string, string>> = {
  'incoming-call': callParams,
  'recording-toggle': { ...callParams, Record: 'true' },
  'recording-success': { ...callParams, RecAction: 'start', RecSid: RECORDING },
  'recording-failed': { ...callParams, RecAction: 'start' },
  'feedback-received': { ...callParams, RecordingSid: RECORDING, SpeechResult: 'Fine' },
  'recording-status': {
    AccountSid: INSTANT_ACCOUNT_SID,
    CallSid: CALL,
    RecordingSid: RECORDING,
    RecordingStatus: 'completed',
    RecordingDuration: '3',
  },
  recordings: { CallSid: CALL },
};

/** The TwiML steps, held to 1.2x the bare Function's cold start. */
export const TWIML_STEPS = ['incoming-call', 'recording-success', 'recording-failed'];

export const SERVE_FOLDER = join('bench-results', 'serve');
export const BASELINES = [
  'baseline.protected.js',
  'baseline-rest.protected.js',
  'baseline-sync.protected.js',
];

/** The built Functions and the bare baselines, side by side in one folder the server serves. */
export function serveFolder(): string {
  const root = join(PROJECT_ROOT, SERVE_FOLDER);
  const folder = join(root, 'functions');
  rmSync(root, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  mkdirSync(join(root, 'assets'), { recursive: true });
  for (const file of readdirSync(join(PROJECT_ROOT, 'dist', 'functions'))) {
    copyFileSync(join(PROJECT_ROOT, 'dist', 'functions', file), join(folder, file));
  }
  for (const baseline of BASELINES) {
    copyFileSync(join(PROJECT_ROOT, 'scripts', 'bench', baseline), join(folder, baseline));
  }
  return folder;
}
