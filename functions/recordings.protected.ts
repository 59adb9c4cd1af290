import { RECORDINGS_SETTINGS, recordings } from '../src/log-routes/recordings';
import { httpStep } from '../src/runtime/function-handler';

export const handler = httpStep('recordings', RECORDINGS_SETTINGS, recordings);
