type TwilioModule = typeof import('twilio');

/**
 * The twilio library. Functions get it from the runtime as the `Twilio` global, already loaded;
 * only code running outside the runtime (tests, scripts) loads it itself. Called lazily, never
 * at module scope, so a cold start loads nothing twice.
 * Assumption [runtime-twilio-global]: deployed, the global is the project's own twilio (the
 * Build's Dependency, 5.13.1), as Twilio's local runtime fills it (`requireFromProject` in
 * @twilio/runtime-handler/dev), with the runtime handler's own twilio (4.23.0, installed nested
 * under it) as the fallback; Twilio does not document which. The Functions' REST requests are
 * tested on both (test/rest/runtime-twilio.test.ts); their TwiML is the project's own.
 */
export function twilioLibrary(): TwilioModule {
  const fromRuntime = (globalThis as { Twilio?: Partial<TwilioModule> }).Twilio;
  if (fromRuntime && fromRuntime.RequestClient && fromRuntime.Twilio) {
    return fromRuntime as TwilioModule;
  }
  return require('twilio') as TwilioModule;
}
