import { httpStep } from '../src/function-handler';
import { recordingsOfCallRoute } from '../src/status-callback';

export const handler = httpStep('recordings', recordingsOfCallRoute);
