/**
 * The routes Twilio (or a signed client) calls: each is a `.protected` Function, so Twilio's
 * gateway refuses a request without a valid signature.
 */
export const SIGNED_ROUTE_PATHS = {
  incomingCall: '/incoming-call',
  recordingConsent: '/recording-consent',
  recordingToggle: '/recording-toggle',
  recordingSuccess: '/recording-success',
  recordingFailed: '/recording-failed',
  feedbackReceived: '/feedback-received',
  recordingStatus: '/recording-status',
  recordings: '/recordings',
} as const;

/**
 * The routes the recordings page (a browser) calls: public Functions, since a browser cannot
 * sign a request, that check the page's password themselves.
 */
export const PAGE_ROUTE_PATHS = {
  dashboardCalls: '/dashboard-calls',
  dashboardAudio: '/dashboard-audio',
  dashboardErase: '/dashboard-erase',
} as const;

/** The path of every route this service serves, as deployed. */
export const ROUTE_PATHS = { ...SIGNED_ROUTE_PATHS, ...PAGE_ROUTE_PATHS } as const;
