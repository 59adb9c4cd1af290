// Reading the service's answers: what failed, in words a reader can act on, and whether a page
// of calls has the contract's shape. No DOM here, so that it can be unit-tested.
import type { DashboardError, DashboardPage, EraseAnswer } from '../src/dashboard/view';
import type { Result } from '../src/result';

export type FailureKind = 'unauthorized' | 'not-enabled' | 'error';

export interface Failure {
  kind: FailureKind;
  message: string;
}

/** What the request was for: the same status means different things for each. */
export type Resource = 'calls' | 'audio' | 'simulation' | 'erase';

export const WRONG_PASSWORD = 'Wrong password.';
export const NOT_ENABLED =
  'The dashboard is not enabled on this service (DASHBOARD_PASSWORD is not set).';

/** The failure a non-2xx answer stands for; the server's own message when it sent one. */
export function failureFromAnswer(resource: Resource, status: number, body: string): Failure {
  if (status === 401) return { kind: 'unauthorized', message: WRONG_PASSWORD };
  if (resource === 'calls' && status === 404) return { kind: 'not-enabled', message: NOT_ENABLED };
  const served = serverMessage(body);
  if (served) return { kind: 'error', message: served };
  return {
    kind: 'error',
    message: `${SUBJECTS[resource]} failed: the service answered HTTP ${status}.`,
  };
}

const SUBJECTS: Record<Resource, string> = {
  calls: 'Loading the calls',
  audio: 'Loading the audio',
  simulation: 'Placing the simulated call',
  erase: 'Deleting the recordings',
};

export function failureFromException(
  resource: Resource,
  error: unknown,
  timeoutMs: number,
): Failure {
  const name = error instanceof Error ? error.name : '';
  if (name === 'AbortError' || name === 'TimeoutError') {
    return {
      kind: 'error',
      message: `${SUBJECTS[resource]} failed: the service did not answer within ${Math.round(timeoutMs / 1000)} s.`,
    };
  }
  return {
    kind: 'error',
    message: `${SUBJECTS[resource]} failed: the service could not be reached (${error instanceof Error ? error.message : String(error)}).`,
  };
}

/** The `message` of a DashboardError body, if the body is one. */
export function serverMessage(body: string): string | undefined {
  try {
    const parsed = JSON.parse(body) as Partial<DashboardError> | null;
    if (parsed && typeof parsed.message === 'string' && parsed.message.trim()) {
      return parsed.message;
    }
  } catch {
    // Not JSON: a proxy's HTML page, say. The caller words its own message.
  }
  return undefined;
}

/**
 * A 2xx body as a DashboardPage. Only the outline is checked (a list of calls, each with a SID
 * and a list of recordings): enough for the page never to throw half-way through drawing.
 */
export function readDashboardPage(body: string): Result<DashboardPage, Failure> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return { ok: false, error: unexpected('it is not JSON') };
  }
  const page = parsed as Partial<DashboardPage> | null;
  if (!page || !Array.isArray(page.calls)) {
    return { ok: false, error: unexpected('it has no list of calls') };
  }
  for (const call of page.calls) {
    if (!call || typeof call.callSid !== 'string' || !Array.isArray(call.recordings)) {
      return { ok: false, error: unexpected('a call has no SID or no list of recordings') };
    }
    for (const recording of call.recordings) {
      if (!recording || typeof recording.sid !== 'string' || !Array.isArray(recording.spans)) {
        return { ok: false, error: unexpected('a recording has no SID or no spans') };
      }
    }
  }
  if (page.nextPageToken !== undefined && typeof page.nextPageToken !== 'string') {
    return { ok: false, error: unexpected('its next page token is not text') };
  }
  return { ok: true, value: page as DashboardPage };
}

const unexpected = (why: string): Failure => ({
  kind: 'error',
  message: `The service sent calls the page cannot read: ${why}.`,
});

/** A 2xx body of POST /dashboard-erase as an EraseAnswer (its outline checked, as above). */
export function readEraseAnswer(body: string): Result<EraseAnswer, Failure> {
  try {
    const parsed = JSON.parse(body) as Partial<EraseAnswer> | null;
    if (
      parsed &&
      typeof parsed.callSid === 'string' &&
      parsed.erasure &&
      Array.isArray(parsed.recordings)
    )
      return { ok: true, value: parsed as EraseAnswer };
  } catch {
    // Not JSON: said below.
  }
  return {
    ok: false,
    error: {
      kind: 'error',
      message:
        'The service said the recordings were deleted, in a form the page cannot read; reload to see.',
    },
  };
}
