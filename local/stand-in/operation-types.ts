import type { IncomingHttpHeaders } from 'node:http';
import type { CallsAndRecordings } from './calls-and-recordings';
import type { Params } from './openapi';
import type { PhoneNumbers } from './phone-numbers';
import type { ServerlessServices } from './serverless';
import type { SyncMaps } from './sync-maps';

/** Everything the stand-in holds, as the REST operations act on it. */
export interface StandInResources {
  accountSid: string;
  voice: CallsAndRecordings;
  sync: SyncMaps;
  phoneNumbers: PhoneNumbers;
  serverless: ServerlessServices;
}

/** One REST request, routed and checked: which operation, and what it carried. */
export interface OperationRequest {
  product: string;
  operationId: string;
  pathParams: Record<string, string>;
  /** The form body. */
  params: Params;
  query: Params;
  headers: IncomingHttpHeaders;
  /** The path as Twilio sees it (without the product). */
  path: string;
  /** The raw body (the Serverless uploads are multipart). */
  body?: Buffer;
}

/** What an operation answers: a status and a body (undefined for none). */
export interface OperationAnswer {
  status: number;
  body: unknown;
}

/** Everything one operation's handler may read. */
export interface OperationContext extends OperationRequest {
  resources: StandInResources;
  ifMatch?: string;
}

/** Carries out one operation, or throws the TwilioApiError Twilio would answer with. */
export type Handler = (context: OperationContext) => OperationAnswer;

/** A product's operations, by their operationId. */
export type HandlerTable = Readonly<Record<string, Handler>>;
