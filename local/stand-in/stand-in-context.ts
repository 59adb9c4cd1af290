import type { ServerResponse } from 'node:http';
import type { Clock } from '../clock';
import type { RestExchange } from '../contracts';
import type { CallsAndRecordings } from './calls-and-recordings';
import type { ConcurrencyLimit } from './concurrency-limit';
import type { FaultRules } from './fault-rules';
import type { StandInResources } from './operations';
import type { RecordingMedia } from './recording-media';
import type { StandInSettings } from './stand-in-types';

/** What every REST request of one stand-in is served with. */
export interface StandInContext {
  accountSid: string;
  /** The one Authorization header accepted (the account's SID and auth token). */
  expectedAuthorization: string;
  settings: StandInSettings;
  clock: Clock;
  concurrency: ConcurrencyLimit;
  /** Every REST request so far, as it was answered. */
  exchanges: RestExchange[];
  resources: StandInResources;
  voice: CallsAndRecordings;
  media: RecordingMedia;
  faults: FaultRules;
  /** Answers a `hang` fault holds forever (until the stand-in closes). */
  hanging: Set<ServerResponse>;
}
