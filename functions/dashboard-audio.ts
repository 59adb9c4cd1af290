// Public on purpose: browsers cannot sign requests as Twilio does. The Function checks the
// page's password itself and answers 404 when DASHBOARD_PASSWORD is not set.
import { DASHBOARD_AUDIO_SETTINGS, dashboardAudio } from '../src/dashboard/dashboard-audio';
import { httpStep } from '../src/runtime/function-handler';

export const handler = httpStep('dashboard-audio', DASHBOARD_AUDIO_SETTINGS, dashboardAudio);
