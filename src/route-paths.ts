/** The path of every route this service serves, as deployed. */
export const ROUTE_PATHS = {
  incomingCall: '/incoming-call',
  recordingConsent: '/recording-consent',
  recordingToggle: '/recording-toggle',
  recordingSuccess: '/recording-success',
  recordingFailed: '/recording-failed',
  feedbackReceived: '/feedback-received',
  recordingStatus: '/recording-status',
  recordings: '/recordings',
} as const;
