// Public on purpose: browsers cannot sign requests as Twilio does. The Function checks the
// page's password itself and answers 404 when DASHBOARD_PASSWORD is not set.
import { DASHBOARD_CALLS_SETTINGS, dashboardCalls } from '../src/dashboard/dashboard-calls';
import { httpStep } from '../src/runtime/function-handler';

export const handler = httpStep('dashboard-calls', DASHBOARD_CALLS_SETTINGS, dashboardCalls);
