import type { SimulatedRecording } from '../contracts';
import type { RecordingEvent } from './calls-and-recordings';
import type { OutstandingWork } from './outstanding-work';
import { callbackParams, deliverCallback, type CallbackSender } from './status-callbacks';

/**
 * The status callbacks of every recording, sent as its events happen: each recording's go out
 * one after another, in the order Twilio sends them, and only to the events it subscribed to.
 * A delivery is an actor on the clock while it is on its way, not while it waits its turn.
 */
export function callbackQueue(
  sender: CallbackSender,
  work: OutstandingWork,
): (recording: SimulatedRecording, event: RecordingEvent) => void {
  const queues = new Map<string, Promise<void>>();
  return (recording, event) => {
    if (!recording.statusCallback || !recording.statusCallbackEvents.includes(event)) return;
    const params = callbackParams(
      sender.accountSid,
      recording,
      event,
      (recording as { errorCode?: number }).errorCode,
    );
    const target = recording.statusCallback;
    const release = work.hold(recording.callSid);
    const previous = queues.get(recording.sid) ?? Promise.resolve();
    const next = previous
      .then(() =>
        sender.clock.run(() =>
          deliverCallback(sender, target, recording.statusCallbackMethod, params),
        ),
      )
      .catch(() => undefined)
      .finally(release);
    queues.set(recording.sid, next);
  };
}
