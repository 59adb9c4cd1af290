import { redirectTo } from '../src/flow/client-feedback';
import { voiceStep } from '../src/function-handler';
import { toggleRecording } from '../src/recording/toggle-step';

export const handler = voiceStep('recording-toggle', async (env, event) =>
  redirectTo((await toggleRecording(env, event)).redirectTo),
);
