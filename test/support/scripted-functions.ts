import { startFunctionsServer, type FunctionsServer } from '../../local/functions-server';
import { captureConsoleJson } from './console-capture';
import { TEST_ACCOUNT_SID, TEST_AUTH_TOKEN } from './fixtures';
import { ScriptedApi } from './scripted-api';

/**
 * The built Functions, served by Twilio's own local runtime against a ScriptedApi, for one test
 * file: started before its tests, stopped after them, the Functions' log lines captured in
 * `logs`. `env` is what the Functions see (the test account, the API's URL, then `settings`);
 * the next request sees a change to it (make one with withOverrides). Read `url` inside tests.
 */
export function useScriptedFunctions(settings: Record<string, string | undefined> = {}) {
  const captured = captureConsoleJson();
  const api = new ScriptedApi();
  const env: Record<string, string | undefined> = {
    ACCOUNT_SID: TEST_ACCOUNT_SID,
    AUTH_TOKEN: TEST_AUTH_TOKEN,
    ...settings,
  };
  const current = { api, env, logs: captured.lines, url: '' };
  let server: FunctionsServer | undefined;
  beforeAll(async () => {
    await api.start();
    env.TWILIO_API_BASE_URL = api.url;
    server = await startFunctionsServer({ env });
    current.url = server.url;
  });
  afterAll(async () => {
    captured.restore();
    await server?.close();
    await api.close();
  });
  return current;
}
