// One call as a card: when, who, how it ended, the consent, the bar, the feedback and each
// recording. Everything that came from the call goes in as text.
import type {
  CallView,
  ConsentView,
  ErasureView,
  FeedbackView,
  RecordingView,
} from '../src/dashboard/view';
import { element } from './dom';
import {
  describeChannels,
  describeConsentDecision,
  describeConsentMethod,
  describeErasedAnswer,
  describeErasure,
  describeFeedbackQuality,
  formatDuration,
  formatParties,
  formatTime,
} from './format';
import { renderTimeline } from './timeline-view';

export interface CallContext {
  nowMs: number;
  timeZone?: string;
  /** The recording's audio player, or undefined when it has no audio. */
  audioSlot(recording: RecordingView): HTMLElement | undefined;
  /** The call's "Delete recordings" control, or undefined when there is nothing to erase. */
  eraseSlot(call: CallView): HTMLElement | undefined;
}

export function renderCall(call: CallView, context: CallContext): HTMLElement {
  const started = call.startTime
    ? element(
        'time',
        { attributes: { datetime: call.startTime, title: call.startTime } },
        formatTime(call.startTime, { timeZone: context.timeZone }),
      )
    : element('span', {}, 'not started');
  const heading = element(
    'h3',
    { className: 'call-heading' },
    started,
    ' ',
    element('span', { className: `call-status status-${safeClass(call.status)}` }, call.status),
    call.durationSeconds !== undefined &&
      element('span', { className: 'call-duration' }, formatDuration(call.durationSeconds)),
  );
  const card = element(
    'article',
    { className: 'call', attributes: { 'data-call-sid': call.callSid } },
    heading,
    element('p', { className: 'parties' }, formatParties(call.from, call.to)),
    element('p', { className: 'sid' }, call.callSid),
    renderTimeline(call, context.nowMs),
    call.erasure && renderErasure(call.erasure, context),
    call.consent && renderConsent(call.consent),
    call.feedback && renderFeedback(call.feedback, 'Feedback (not recorded)'),
    !call.logAvailable &&
      element(
        'p',
        { className: 'notice' },
        'The recording log could not be read for this call: shown from Twilio alone.',
      ),
  );
  if (call.recordings.length > 0) {
    card.appendChild(
      element(
        'ul',
        { className: 'recordings', attributes: { 'aria-label': 'Recordings' } },
        ...call.recordings.map((recording) => renderRecording(recording, context)),
      ),
    );
  }
  const erase = context.eraseSlot(call);
  if (erase) card.appendChild(erase);
  if (call.erasure) card.classList.add('erased');
  return card;
}

/** An erased call's erasure entry: when, how many recordings, by which means, and why. */
function renderErasure(erasure: ErasureView, context: CallContext): HTMLElement {
  return element(
    'section',
    { className: 'erasure', attributes: { 'aria-label': 'Erasure' } },
    element(
      'p',
      {},
      element('strong', {}, erasure.complete ? 'Erased' : 'Being erased'),
      ` ${formatTime(erasure.at, { timeZone: context.timeZone })}: ${describeErasure(erasure)}`,
      erasure.complete ? '' : ' (not finished yet: Delete again to finish)',
    ),
    erasure.reason !== undefined &&
      element('p', { className: 'erasure-reason' }, `Reason: “${erasure.reason}”`),
    erasure.recordingSids.length > 0 &&
      element('p', { className: 'sid erasure-sids' }, erasure.recordingSids.join(', ')),
  );
}

function renderConsent(consent: ConsentView): HTMLElement {
  return element(
    'div',
    {
      className: `consent consent-${safeClass(consent.decision)}`,
      attributes: { title: `Prompt heard: ${consent.prompt}` },
    },
    element(
      'p',
      {},
      element('strong', {}, describeConsentDecision(consent)),
      consent.decision === 'notice'
        ? ''
        : ` — ${consent.answerErased ? describeErasedAnswer(consent) : describeConsentMethod(consent)}`,
      consent.attempts > 1 ? ` (asked ${consent.attempts} times)` : '',
    ),
    element('p', { className: 'prompt' }, `Prompt heard: “${consent.prompt}”`),
  );
}

function renderFeedback(feedback: FeedbackView, label: string): HTMLElement {
  const quality = describeFeedbackQuality(feedback);
  return element(
    'blockquote',
    { className: 'feedback' },
    element('p', { className: 'feedback-label' }, label),
    element('p', { className: 'feedback-text' }, `“${feedback.speechResult}”`),
    quality && element('p', { className: 'feedback-quality' }, quality),
  );
}

function renderRecording(recording: RecordingView, context: CallContext): HTMLElement {
  const facts = [
    recording.status,
    recording.durationSeconds !== undefined ? formatDuration(recording.durationSeconds) : undefined,
    describeChannels(recording.channels),
    recording.track ? `track ${recording.track}` : undefined,
    recording.errorCode !== undefined ? `error ${recording.errorCode}` : undefined,
  ].filter((fact) => fact !== undefined);
  return element(
    'li',
    { className: 'recording', attributes: { 'data-recording-sid': recording.sid } },
    element(
      'p',
      { className: 'recording-facts' },
      element('span', { className: 'sid' }, recording.sid),
      ` ${facts.join(' · ')}`,
    ),
    recording.feedback && renderFeedback(recording.feedback, 'Feedback'),
    context.audioSlot(recording),
  );
}

/** A status as a class name: statuses come from the server, so they are reduced to [a-z-]. */
function safeClass(value: string): string {
  return value.toLowerCase().replace(/[^a-z-]/g, '');
}
