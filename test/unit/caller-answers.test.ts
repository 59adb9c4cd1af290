import { DEFAULT_CALLER } from '../../local/call-script';
import { callerAnswers, callerNumber, DEFAULT_FEEDBACK } from '../../local/caller-answers';
import { parseArguments } from '../../local/cli/call';

const fields = (...pairs: Array<[string, string]>) => new URLSearchParams(pairs);

describe("the simulated caller's answers (npm run call, POST /_simulate/call)", () => {
  it('answers the consent question first, in the order given, when the mode asks it', () => {
    const given = fields(['press', '5'], ['consent', 'yes'], ['say', 'Fine']);
    for (const mode of ['opt-in', 'opt-out'] as const) {
      expect(callerAnswers(given, mode)).toEqual([{ press: '5' }, { say: 'yes' }, { say: 'Fine' }]);
    }
  });

  it('drops the consent answers in notice mode, which asks no consent question', () => {
    const given = fields(['consent', 'yes'], ['press', '1'], ['say', 'Fine']);
    expect(callerAnswers(given, 'notice')).toEqual([{ say: 'Fine' }]);
  });

  it('stays silent through both consent questions for consent=silent', () => {
    expect(callerAnswers(fields(['consent', 'silent'], ['silent', '1']), 'opt-in')).toEqual([
      { silent: true },
      { silent: true },
    ]);
  });

  it('says the default feedback unless told what to say or to be silent', () => {
    expect(callerAnswers(fields(), 'notice')).toEqual([{ say: DEFAULT_FEEDBACK }]);
    expect(callerAnswers(fields(['say', '  ']), 'notice')).toEqual([{ say: DEFAULT_FEEDBACK }]);
    expect(callerAnswers(fields(['say', 'One'], ['say', 'Two']), 'notice')).toEqual([
      { say: 'One' },
      { say: 'Two' },
    ]);
    expect(callerAnswers(fields(['say', 'One'], ['silent', '1']), 'notice')).toEqual([]);
  });

  it.each([
    [['consent', 'maybe'], /consent 'maybe': expected yes, no or silent/],
    [['press', '12a'], /press '12a': expected 1 to 8 keys/],
    [['press', '123456789'], /press '123456789'/],
    [['press', ''], /press '': expected/],
  ] as Array<[[string, string], RegExp]>)('refuses %j in any mode', (pair, message) => {
    for (const mode of ['notice', 'opt-in'] as const)
      expect(() => callerAnswers(fields(pair), mode)).toThrow(message);
  });

  it('is what npm run call places, in the mode it chooses', () => {
    // The bug this replaced: in notice mode the consent answer became the feedback.
    expect(parseArguments(['--mode', 'notice', '--consent', 'yes'])).toMatchObject({
      env: { RECORDING_CONSENT: 'notice' },
      script: { answers: [{ say: DEFAULT_FEEDBACK }] },
    });
    expect(parseArguments(['--press', '1', '--say', 'Good'])).toMatchObject({
      env: { RECORDING_CONSENT: 'opt-in' },
      script: { answers: [{ press: '1' }, { say: 'Good' }] },
    });
    expect(() => parseArguments(['--consent', 'perhaps'])).toThrow(/consent 'perhaps'/);
  });
});

describe("the simulated caller's number (from, --from)", () => {
  it('is the number given in E.164, or the usual caller when none is', () => {
    expect(callerNumber(fields(['from', '+447700900123']))).toEqual({
      ok: true,
      value: '+447700900123',
    });
    expect(callerNumber(fields(['say', 'Fine']))).toEqual({ ok: true, value: DEFAULT_CALLER });
  });

  it.each([
    ['', /from '': use E\.164/],
    ['5551234567', /from '5551234567': use E\.164/],
    ['+0123456', /use E\.164/],
    ['+1555123456789012', /use E\.164/],
    ['+1 555 123 4567', /use E\.164/],
    // What `curl -d from=+1555...` sends: the + read as a space.
    [' 15551234567', /send it as %2B/],
  ])('refuses %j, saying what a number must look like', (number, message) => {
    const answer = callerNumber(fields(['from', number]));
    expect(answer.ok).toBe(false);
    expect(answer.ok ? '' : answer.error).toMatch(message);
  });

  it('refuses two numbers for one caller', () => {
    const answer = callerNumber(fields(['from', '+15551230001'], ['from', '+15551230002']));
    expect(answer).toEqual({ ok: false, error: "from: one caller's number, not 2" });
  });

  it('is where npm run call places the call from, and a bad one stops it', () => {
    expect(parseArguments(['--from', '+15551230001'])).toMatchObject({
      script: { from: '+15551230001' },
    });
    expect(parseArguments(['--from', '+15551230001']).caller.get('from')).toBe('+15551230001');
    expect(parseArguments([]).script.from).toBe(DEFAULT_CALLER);
    expect(() => parseArguments(['--from', '555-1234'])).toThrow(/^--from '555-1234': use E\.164/);
    expect(() => parseArguments(['--from'])).toThrow(/^--from '': use E\.164/);
  });
});
