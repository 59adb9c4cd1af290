// Text for times, durations and confidences. No DOM here, so that it can be unit-tested.
import type { ConsentView, ErasureView, FeedbackView } from '../src/dashboard/view';

/** 75 → "1:15", 3725 → "1:02:05". Negative or non-finite values read as 0. */
export function formatDuration(seconds: number): string {
  const whole = Number.isFinite(seconds) && seconds > 0 ? Math.round(seconds) : 0;
  const hours = Math.floor(whole / 3600);
  const minutes = Math.floor((whole % 3600) / 60);
  const rest = String(whole % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${rest}` : `${minutes}:${rest}`;
}

/** Speech recognition's 0..1 confidence as a whole percentage: 0.874 → "87%". */
export function formatConfidence(confidence: number): string {
  const clamped = Math.min(1, Math.max(0, confidence));
  return `${Math.round(clamped * 100)}%`;
}

export interface TimeFormatOptions {
  /** An IANA zone; the browser's own zone when absent. */
  timeZone?: string;
  locale?: string;
}

/** A call's start as the reader's clock shows it: day, month and time to the second. */
export function formatTime(iso: string, options: TimeFormatOptions = {}): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(options.locale, {
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
    timeZone: options.timeZone,
  }).format(date);
}

/** "+15551230001 → +15559870002", with a dash for a side Twilio did not report. */
export function formatParties(from: string | undefined, to: string | undefined): string {
  return `${from || '—'} → ${to || '—'}`;
}

const DECISIONS: Record<ConsentView['decision'], string> = {
  granted: 'consent given',
  declined: 'consent declined',
  'no-answer': 'no answer to the consent question',
  notice: 'told the call is recorded (notice only)',
};

export function describeConsentDecision(consent: Pick<ConsentView, 'decision'>): string {
  return DECISIONS[consent.decision] ?? consent.decision;
}

/** How the caller answered: the key pressed, or what was heard and how sure the recogniser was. */
export function describeConsentMethod(
  consent: Pick<ConsentView, 'method' | 'digits' | 'speech' | 'confidence'>,
): string {
  switch (consent.method) {
    case 'dtmf':
      return consent.digits ? `pressed ${consent.digits}` : 'pressed a key';
    case 'speech': {
      const heard = consent.speech ? `said “${consent.speech}”` : 'spoke';
      return consent.confidence === undefined
        ? heard
        : `${heard} (confidence ${formatConfidence(consent.confidence)})`;
    }
    default:
      return 'no key pressed, nothing said';
  }
}

/** The confidence line under a caller's feedback, empty when there is nothing to add. */
export function describeFeedbackQuality(feedback: FeedbackView): string {
  const parts: string[] = [];
  if (feedback.confidence !== undefined) {
    parts.push(`confidence ${formatConfidence(feedback.confidence)}`);
  }
  if (feedback.speechTruncated) parts.push('cut short');
  return parts.join(', ');
}

/** "2 channels (dual)" or "1 channel (mono)": what the waveform's lanes will show. */
export function describeChannels(channels: number): string {
  if (channels === 1) return '1 channel (mono)';
  if (channels === 2) return '2 channels (dual)';
  return `${channels} channels`;
}

const ANSWER_WAYS: Record<ConsentView['method'], string> = {
  dtmf: 'by a key',
  speech: 'by voice',
  none: 'without an answer',
};

/** How the caller answered, once the answer itself was erased: only the way is left. */
export function describeErasedAnswer(consent: Pick<ConsentView, 'method'>): string {
  return `answered ${ANSWER_WAYS[consent.method] ?? consent.method} (the answer itself was erased)`;
}

const MEANS: Record<ErasureView['means'], string> = {
  page: 'from the recordings page',
  command: 'with npm run erase',
  retention: 'by retention (npm run retention)',
};

/** "2 recordings deleted from the recordings page": what an erasure did, and by which means. */
export function describeErasure(erasure: Pick<ErasureView, 'means' | 'recordings'>): string {
  const count = erasure.recordings === 1 ? '1 recording' : `${erasure.recordings} recordings`;
  return `${count} deleted ${MEANS[erasure.means] ?? `by ${erasure.means}`}`;
}
