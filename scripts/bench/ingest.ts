import { Agent } from 'node:http';
import { captureConsole } from '../../local/console-capture';
import { startSimulation } from '../../local/simulation';
import { RealClock } from '../../local/clock';
import { loggedStatuses } from './logged-events';
import { timedPost } from './http-post';
import { round, summarise } from './stats';

export interface IngestFigures {
  events: number;
  concurrency: number;
  eventsPerSecond: number;
  p50: number;
  p99: number;
  non2xx: number;
  lost: number;
  duplicated: number;
}

/**
 * Sends `events` recording status events (an in-progress and a completed per recording, in a
 * shuffled order, plus 10% redeliveries) at the given concurrency straight to the local
 * Functions server's /recording-status, then reads the Sync stand-in back and counts every
 * event answered 2xx but missing (lost) and every status stored twice (duplicated).
 */
export async function measureIngestion(
  events: number,
  concurrency: number,
): Promise<IngestFigures> {
  // Real time: this run measures events per wall-clock second, so Sync's limits count in
  // real seconds too.
  const sim = await startSimulation({ standIn: { clock: new RealClock() } });
  const capture = captureConsole();
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  try {
    const recordings = Math.ceil(events / 2);
    const hex = (n: number) => n.toString(16).padStart(32, '0');
    const distinct = [];
    for (let r = 0; r < recordings; r += 1) {
      for (const status of ['in-progress', 'completed']) {
        distinct.push({
          AccountSid: sim.twilio.accountSid,
          CallSid: `CA${hex(r)}`,
          RecordingSid: `RE${hex(r)}`,
          RecordingStatus: status,
          RecordingDuration: status === 'completed' ? '30' : '-1',
          RecordingChannels: '2',
          RecordingSource: 'StartCallRecordingAPI',
        });
      }
    }
    const batch = distinct.slice(0, events);
    for (let i = 0; i < Math.floor(events / 10); i += 1) batch.push(batch[(i * 7) % batch.length]);
    // A fixed shuffle, so runs are comparable.
    let seed = 7;
    for (let i = batch.length - 1; i > 0; i -= 1) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      const j = seed % (i + 1);
      [batch[i], batch[j]] = [batch[j], batch[i]];
    }

    const url = `${sim.functions.url}/recording-status`;
    const latencies: number[] = [];
    let non2xx = 0;
    let next = 0;
    const started = process.hrtime.bigint();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < batch.length) {
          const event = batch[next++];
          const answer = await timedPost(agent, url, new URLSearchParams(event).toString());
          latencies.push(answer.ms);
          if (answer.status < 200 || answer.status > 299) non2xx += 1;
        }
      }),
    );
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;

    const stored = loggedStatuses(sim.twilio.sync);
    let lost = 0;
    let duplicated = 0;
    for (const event of batch.slice(0, events)) {
      if (!stored.get(event.RecordingSid)?.includes(event.RecordingStatus)) lost += 1;
    }
    for (const statuses of stored.values()) duplicated += statuses.length - new Set(statuses).size;
    const summary = summarise(latencies);
    return {
      events: batch.length,
      concurrency,
      eventsPerSecond: round(batch.length / seconds, 1),
      p50: round(summary.p50),
      p99: round(summary.p99),
      non2xx,
      lost,
      duplicated,
    };
  } finally {
    agent.destroy();
    capture.restore();
    await sim.close();
  }
}
