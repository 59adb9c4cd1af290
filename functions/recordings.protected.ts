import { recordings } from '../src/log-routes/recordings';
import { httpStep } from '../src/runtime/function-handler';

export const handler = httpStep('recordings', recordings);
