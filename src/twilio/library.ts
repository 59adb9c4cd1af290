type TwilioModule = typeof import('twilio');

/**
 * The twilio library. Deployed and local Functions get it from the runtime as the `Twilio`
 * global, already loaded; only code running outside the runtime (tests, scripts) loads it.
 * Called lazily, never at module scope, so a cold start loads nothing twice.
 */
export function twilioLibrary(): TwilioModule {
  const fromRuntime = (globalThis as { Twilio?: Partial<TwilioModule> }).Twilio;
  if (fromRuntime && fromRuntime.twiml && fromRuntime.RequestClient && fromRuntime.Twilio) {
    return fromRuntime as TwilioModule;
  }
  return require('twilio') as TwilioModule;
}
