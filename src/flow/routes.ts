/** The paths of the flow's own steps, as deployed. */
export const ROUTES = {
  incomingCall: '/incoming-call',
  recordingToggle: '/recording-toggle',
  recordingSuccess: '/recording-success',
  recordingFailed: '/recording-failed',
  feedbackReceived: '/feedback-received',
  recordingStatus: '/recording-status',
  recordings: '/recordings',
} as const;
