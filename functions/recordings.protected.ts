import { httpStep } from '../src/function-handler';
import { recordingsOfCallRoute } from '../src/recording-log/routes';

export const handler = httpStep('recordings', recordingsOfCallRoute);
