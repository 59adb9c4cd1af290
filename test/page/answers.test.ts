import {
  NOT_ENABLED,
  WRONG_PASSWORD,
  failureFromAnswer,
  failureFromException,
  readDashboardPage,
} from '../../page/answers';

describe("reading the service's answers", () => {
  it('reads 401 as a wrong password, whatever was asked', () => {
    for (const resource of ['calls', 'audio', 'simulation'] as const) {
      expect(failureFromAnswer(resource, 401, '{}')).toEqual({
        kind: 'unauthorized',
        message: WRONG_PASSWORD,
      });
    }
  });

  it('reads a 404 for the calls as a dashboard that is not enabled', () => {
    expect(failureFromAnswer('calls', 404, '')).toEqual({
      kind: 'not-enabled',
      message: NOT_ENABLED,
    });
  });

  it("shows the service's own message for other failures (a recording too large, say)", () => {
    const body = JSON.stringify({ error: 'too-large', message: 'This recording is 6 MB.' });
    expect(failureFromAnswer('audio', 413, body)).toEqual({
      kind: 'error',
      message: 'This recording is 6 MB.',
    });
    expect(
      failureFromAnswer('audio', 404, JSON.stringify({ error: 'x', message: 'Gone.' })).message,
    ).toBe('Gone.');
  });

  it('words its own message when the answer has none', () => {
    expect(failureFromAnswer('calls', 502, '<html>Bad gateway</html>')).toEqual({
      kind: 'error',
      message: 'Loading the calls failed: the service answered HTTP 502.',
    });
    expect(failureFromAnswer('simulation', 500, JSON.stringify({ message: '  ' })).message).toBe(
      'Placing the simulated call failed: the service answered HTTP 500.',
    );
  });

  it('tells a deadline from a network failure', () => {
    const timeout = new Error('aborted');
    timeout.name = 'AbortError';
    expect(failureFromException('audio', timeout, 60_000).message).toBe(
      'Loading the audio failed: the service did not answer within 60 s.',
    );
    expect(failureFromException('calls', new TypeError('Failed to fetch'), 15_000).message).toBe(
      'Loading the calls failed: the service could not be reached (Failed to fetch).',
    );
  });

  it('accepts a page of calls in the shape of the contract', () => {
    const page = {
      calls: [
        {
          callSid: 'CA1',
          status: 'completed',
          logAvailable: true,
          recordings: [{ sid: 'RE1', spans: [] }],
        },
      ],
      nextPageToken: 'next',
    };
    expect(readDashboardPage(JSON.stringify(page))).toEqual({ ok: true, value: page });
  });

  it.each([
    ['not JSON', '<html>', 'it is not JSON'],
    ['no calls', '{"items":[]}', 'it has no list of calls'],
    [
      'a call without recordings',
      '{"calls":[{"callSid":"CA1"}]}',
      'a call has no SID or no list of recordings',
    ],
    [
      'a recording without spans',
      '{"calls":[{"callSid":"CA1","recordings":[{"sid":"RE1"}]}]}',
      'a recording has no SID or no spans',
    ],
    [
      'a token that is not text',
      '{"calls":[],"nextPageToken":3}',
      'its next page token is not text',
    ],
  ])('refuses an answer with %s, saying why', (_case, body, why) => {
    expect(readDashboardPage(body)).toEqual({
      ok: false,
      error: { kind: 'error', message: `The service sent calls the page cannot read: ${why}.` },
    });
  });
});
