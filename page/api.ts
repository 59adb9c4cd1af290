// Every request the page makes: the password and X-Requested-With on each, one deadline on each
// (for the answer and its body), and every failure turned into a Failure the page can show.
import type { DashboardPage, EraseAnswer } from '../src/dashboard/view';
import type { Result } from '../src/result';
import {
  failureFromAnswer,
  failureFromException,
  readDashboardPage,
  readEraseAnswer,
  type Failure,
  type Resource,
} from './answers';
import type { AudioFile } from './audio-player';
import { authHeaders } from './auth';
import { ERASE_PATH, sameOriginPath } from './query';
import {
  SIMULATE_CALL_PATH,
  SIMULATE_STATUS_PATH,
  simulatedCallBody,
  type SimulatedCall,
} from './simulated-call';

const CALLS_TIMEOUT_MS = 15_000;
/** A 4 MB recording over a slow phone connection. */
const AUDIO_TIMEOUT_MS = 60_000;
/** The local service may answer only once the simulated call has gone through the whole flow. */
const SIMULATION_TIMEOUT_MS = 60_000;
/** The Function answers within Twilio's 10 seconds; a little more for the way there and back. */
const ERASE_TIMEOUT_MS = 15_000;

export class DashboardClient {
  constructor(private readonly password: string) {}

  calls(path: string): Promise<Result<DashboardPage, Failure>> {
    return this.send('calls', path, {}, CALLS_TIMEOUT_MS, async (response) =>
      readDashboardPage(await response.text()),
    );
  }

  audio(path: string): Promise<Result<AudioFile, Failure>> {
    const local = sameOriginPath(path, window.location.origin);
    if (!local) {
      const error: Failure = { kind: 'error', message: 'The audio is not on this service.' };
      return Promise.resolve({ ok: false, error });
    }
    return this.send('audio', local, {}, AUDIO_TIMEOUT_MS, async (response) => ({
      ok: true,
      value: {
        bytes: await response.arrayBuffer(),
        contentType: response.headers.get('Content-Type') ?? '',
      },
    }));
  }

  /** Whether this service can place simulated calls (it can only when run locally). */
  async simulationAvailable(): Promise<boolean> {
    const answer = await this.send('simulation', SIMULATE_STATUS_PATH, {}, CALLS_TIMEOUT_MS, () =>
      Promise.resolve({ ok: true, value: true }),
    );
    return answer.ok;
  }

  /** The server's confirmation, in words. */
  placeSimulatedCall(call: SimulatedCall): Promise<Result<string, Failure>> {
    const init: RequestInit = {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: simulatedCallBody(call),
    };
    return this.send(
      'simulation',
      SIMULATE_CALL_PATH,
      init,
      SIMULATION_TIMEOUT_MS,
      async (response) => ({
        ok: true,
        value: confirmation(await response.text()),
      }),
    );
  }

  /** Erases the call (its recordings, what the caller said): the page's own POST. */
  erase(callSid: string, reason: string): Promise<Result<EraseAnswer, Failure>> {
    const body = new URLSearchParams({ CallSid: callSid });
    if (reason.trim() !== '') body.set('Reason', reason.trim());
    const init: RequestInit = {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: body.toString(),
    };
    return this.send('erase', ERASE_PATH, init, ERASE_TIMEOUT_MS, async (response) =>
      readEraseAnswer(await response.text()),
    );
  }

  private async send<T>(
    resource: Resource,
    path: string,
    init: RequestInit,
    timeoutMs: number,
    read: (response: Response) => Promise<Result<T, Failure>>,
  ): Promise<Result<T, Failure>> {
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(), timeoutMs);
    try {
      const response = await fetch(path, {
        ...init,
        headers: { ...(init.headers as Record<string, string>), ...authHeaders(this.password) },
        signal: deadline.signal,
        cache: 'no-store',
        credentials: 'same-origin',
      });
      if (!response.ok) {
        return {
          ok: false,
          error: failureFromAnswer(resource, response.status, await response.text()),
        };
      }
      return await read(response);
    } catch (error) {
      return { ok: false, error: failureFromException(resource, error, timeoutMs) };
    } finally {
      clearTimeout(timer);
    }
  }
}

/** A simulated call's answer: its CallSid when the server named one. */
function confirmation(body: string): string {
  try {
    const parsed = JSON.parse(body) as { callSid?: unknown } | null;
    if (parsed && typeof parsed.callSid === 'string') {
      return `Simulated call ${parsed.callSid} placed; it appears in the list as it goes.`;
    }
  } catch {
    // Any 2xx means the call was placed; the body only adds its SID.
  }
  return 'Simulated call placed; it appears in the list as it goes.';
}
