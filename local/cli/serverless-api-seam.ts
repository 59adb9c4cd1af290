/**
 * Preloaded into twilio-run's deploy by npm run deploy:local (node --require this file), before
 * twilio-run loads: sends its Serverless API requests to the local Twilio whose address is in
 * LOCAL_TWILIO_API_BASE_URL. Without a loopback address there, the deploy does not start.
 */
import { installServerlessApiSeam } from '../deploy/serverless-api-seam';

installServerlessApiSeam(process.env);
