import { recordings } from '../src/recording-log/recordings';
import { httpStep } from '../src/runtime/function-handler';

export const handler = httpStep('recordings', recordings);
