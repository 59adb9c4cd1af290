/**
 * The erasure's pure parts: what the log shows of an erased call (the fold), what an erasure
 * plans from a call's entries and Twilio's list, and the reason it keeps.
 */
import { checkReason, planErasure } from '../../src/erasure/erasure-plan';
import type { CallRecording } from '../../src/erasure/erasure-types';
import { foldCallLog } from '../../src/recording-log/call-history';
import {
  consentEntry,
  feedbackEntry,
  statusEntry,
  type ErasureEntry,
  type LogEntry,
  type RecordingDeletedEntry,
} from '../../src/recording-log/entries';
import type { StoredEntry } from '../../src/recording-log/sharded-log';

const CALL = 'CA' + 'a1'.repeat(16);
const FIRST = 'RE' + 'b1'.repeat(16);
const SECOND = 'RE' + 'b2'.repeat(16);
const LATER = 'RE' + 'b3'.repeat(16);
const at = (second: number) => `2026-12-01T10:00:${String(second).padStart(2, '0')}.000Z`;

const consent = consentEntry(
  {
    callSid: CALL,
    mode: 'opt-in',
    decision: 'granted',
    method: 'dtmf',
    digits: '1',
    speech: 'yes, this is John',
    confidence: 0.8,
    prompt: 'Press 1 or say yes to agree.',
    attempts: 2,
    recordingAllowed: true,
  },
  at(1),
);
const onRecording = feedbackEntry(
  { callSid: CALL, recordingSid: FIRST, speechResult: 'Great service' },
  at(5),
);
const onCall = feedbackEntry({ callSid: CALL, speechResult: 'Call me back' }, at(6));
const statuses = [
  statusEntry(
    { callSid: CALL, recordingSid: FIRST, status: 'completed', durationSeconds: 4 },
    at(7),
  ),
  statusEntry(
    { callSid: CALL, recordingSid: SECOND, status: 'completed', durationSeconds: 3 },
    at(8),
  ),
];
const erasure: ErasureEntry = {
  kind: 'erasure',
  callSid: CALL,
  at: at(20),
  means: 'page',
  reason: 'asked',
  recordingSids: [FIRST, SECOND],
  consent: {
    mode: 'opt-in',
    decision: 'granted',
    method: 'dtmf',
    prompt: 'Press 1 or say yes to agree.',
    attempts: 2,
    recordingAllowed: true,
    receivedAt: at(1),
  },
  receivedAt: at(20),
};
const deleted = (recordingSid: string, second: number): RecordingDeletedEntry => ({
  kind: 'recording-deleted',
  callSid: CALL,
  recordingSid,
  at: at(second),
  how: 'deleted',
  receivedAt: at(second),
});
const stored = (...entries: LogEntry[]): StoredEntry[] =>
  entries.map((entry, index) => ({ map: 'log-128-001', key: `key-${index}`, entry }));
const listed = (sid: string, status: string): CallRecording => ({
  sid,
  callSid: CALL,
  status,
  createdAt: 0,
});

describe('the log of an erased call', () => {
  it('shows the erasure instead of the caller’s words and answer, even before they are removed', () => {
    const log = foldCallLog(CALL, [
      consent,
      onRecording,
      onCall,
      ...statuses,
      erasure,
      deleted(FIRST, 21),
    ]);
    expect(log.feedback).toBeUndefined();
    expect(log.recordings.map((item) => [item.recordingSid, item.feedback])).toEqual([
      [FIRST, undefined],
      [SECOND, undefined],
    ]);
    expect(log.consent).toEqual({ ...erasure.consent, answerErased: true });
    expect(log.erasure).toEqual({
      at: at(20),
      means: 'page',
      reason: 'asked',
      recordingSids: [FIRST, SECOND],
      deleted: [{ recordingSid: FIRST, at: at(21), how: 'deleted' }],
      complete: false,
    });
  });

  it('is complete once every recording it set out to delete is gone, and counts one found later', () => {
    const log = foldCallLog(CALL, [
      ...statuses,
      erasure,
      deleted(SECOND, 23),
      deleted(FIRST, 22),
      deleted(LATER, 24),
    ]);
    expect(log.erasure).toMatchObject({
      complete: true,
      recordingSids: [FIRST, SECOND, LATER].sort(),
    });
    expect(log.erasure?.deleted.map((one) => one.recordingSid)).toEqual([FIRST, SECOND, LATER]);
  });

  it('hides the answer of a consent entry the erasure did not keep', () => {
    const { consent: _kept, ...withoutConsent } = erasure;
    const log = foldCallLog(CALL, [consent, withoutConsent]);
    expect(log.consent).toMatchObject({ decision: 'granted', method: 'dtmf', answerErased: true });
    expect(log.consent).not.toHaveProperty('digits');
    expect(log.consent).not.toHaveProperty('speech');
    expect(log.consent).not.toHaveProperty('confidence');
  });

  it('is shown as before when no erasure was made', () => {
    const log = foldCallLog(CALL, [consent, onRecording, onCall, ...statuses]);
    expect(log.erasure).toBeUndefined();
    expect(log.feedback?.speechResult).toBe('Call me back');
    expect(log.consent).toMatchObject({ digits: '1', speech: 'yes, this is John' });
  });
});

describe('planning an erasure', () => {
  const request = { callSid: CALL, means: 'command' as const, reason: 'because' };

  it('covers every recording Twilio or the log knows, and keeps the consent without the answer', () => {
    const plan = planErasure(
      request,
      stored(consent, onRecording, onCall, ...statuses),
      [listed(SECOND, 'completed'), listed(LATER, 'in-progress')],
      Date.parse(at(30)),
    );
    expect(plan.entryStored).toBe(false);
    expect(plan.entry).toEqual({
      kind: 'erasure',
      callSid: CALL,
      at: at(30),
      means: 'command',
      reason: 'because',
      recordingSids: [FIRST, SECOND, LATER].sort(),
      consent: erasure.consent,
      receivedAt: expect.any(String),
    });
    expect(JSON.stringify(plan.entry)).not.toMatch(/John|"digits"|confidence/);
    expect(plan.recordings).toEqual(
      [
        { sid: FIRST, status: 'unlisted' },
        { sid: SECOND, status: 'completed' },
        { sid: LATER, status: 'in-progress' },
      ]
        .sort((a, b) => a.sid.localeCompare(b.sid))
        .map((one) => ({ ...one, callSid: CALL })),
    );
    expect(plan.personal.map((item) => item.entry.kind).sort()).toEqual([
      'consent',
      'feedback',
      'feedback',
    ]);
  });

  it('goes on from an earlier erasure: its entry, and only what is left', () => {
    const plan = planErasure(
      { callSid: CALL, means: 'retention' },
      stored(...statuses, erasure, deleted(FIRST, 21)),
      [listed(FIRST, 'deleted'), listed(SECOND, 'completed')],
      Date.parse(at(40)),
    );
    expect(plan).toMatchObject({ entry: erasure, entryStored: true, personal: [] });
    expect(plan.recordings).toEqual([{ sid: SECOND, callSid: CALL, status: 'completed' }]);
  });

  it('leaves a consent entry an earlier erasure kept no proof of', () => {
    const { consent: _kept, ...withoutConsent } = erasure;
    const plan = planErasure(
      request,
      stored(consent, onCall, withoutConsent),
      [],
      Date.parse(at(40)),
    );
    expect(plan.personal.map((item) => item.entry.kind)).toEqual(['feedback']);
  });
});

describe('the reason', () => {
  it.each([
    ['none', undefined, {}],
    ['blanks', '   ', {}],
    ['text with blanks around it', '  The caller asked  ', { reason: 'The caller asked' }],
    ['200 accented letters', 'é'.repeat(200), { reason: 'é'.repeat(200) }],
    ['200 emoji (characters, not UTF-16 units)', '😀'.repeat(200), { reason: '😀'.repeat(200) }],
  ])('reads %s', (_what, given, expected) => {
    expect(checkReason(given)).toEqual(expected);
  });

  it('refuses more than 200 characters, saying why', () => {
    expect(checkReason('x'.repeat(201)).error).toMatch(/is 201 characters; at most 200 are kept/);
  });
});
