// Public on purpose: browsers cannot sign requests as Twilio does. The Function checks the
// page's password itself, takes only the page's own POST, and answers 404 when
// DASHBOARD_PASSWORD is not set.
import { DASHBOARD_ERASE_SETTINGS, dashboardErase } from '../src/dashboard/dashboard-erase';
import { httpStep } from '../src/runtime/function-handler';

export const handler = httpStep('dashboard-erase', DASHBOARD_ERASE_SETTINGS, dashboardErase);
