import {
  describeChannels,
  describeConsentDecision,
  describeConsentMethod,
  describeFeedbackQuality,
  formatConfidence,
  formatDuration,
  formatParties,
  formatTime,
} from '../../page/format';

describe('formatting for the recordings page', () => {
  it.each([
    [0, '0:00'],
    [7, '0:07'],
    [75, '1:15'],
    [599.6, '10:00'],
    [3725, '1:02:05'],
    [-3, '0:00'],
    [Number.NaN, '0:00'],
  ])('shows %p seconds as %p', (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });

  it.each([
    [0.874, '87%'],
    [1, '100%'],
    [0, '0%'],
    [1.2, '100%'],
  ])('shows a confidence of %p as %p', (confidence, text) => {
    expect(formatConfidence(confidence)).toBe(text);
  });

  it("shows a time on the reader's clock, to the second", () => {
    expect(formatTime('2026-11-27T10:40:05Z', { timeZone: 'UTC', locale: 'en-GB' })).toBe(
      '27 Nov, 10:40:05',
    );
    expect(formatTime('2026-11-27T10:40:05Z', { timeZone: 'Asia/Tokyo', locale: 'en-GB' })).toBe(
      '27 Nov, 19:40:05',
    );
  });

  it('keeps a time it cannot read as the server sent it', () => {
    expect(formatTime('yesterday')).toBe('yesterday');
  });

  it('marks a party Twilio did not report', () => {
    expect(formatParties('+15551230001', undefined)).toBe('+15551230001 → —');
  });

  it('says how the caller answered the consent question', () => {
    expect(describeConsentMethod({ method: 'dtmf', digits: '1' })).toBe('pressed 1');
    expect(describeConsentMethod({ method: 'speech', speech: 'yes', confidence: 0.9 })).toBe(
      'said “yes” (confidence 90%)',
    );
    expect(describeConsentMethod({ method: 'speech', speech: 'no' })).toBe('said “no”');
    expect(describeConsentMethod({ method: 'none' })).toBe('no key pressed, nothing said');
    expect(describeConsentDecision({ decision: 'declined' })).toBe('consent declined');
    expect(describeConsentDecision({ decision: 'notice' })).toBe(
      'told the call is recorded (notice only)',
    );
  });

  it('describes feedback quality and channels', () => {
    expect(describeFeedbackQuality({ speechResult: 'ok', confidence: 0.5 })).toBe('confidence 50%');
    expect(describeFeedbackQuality({ speechResult: 'ok', speechTruncated: true })).toBe(
      'cut short',
    );
    expect(describeFeedbackQuality({ speechResult: 'ok' })).toBe('');
    expect(describeChannels(2)).toBe('2 channels (dual)');
    expect(describeChannels(1)).toBe('1 channel (mono)');
  });
});
