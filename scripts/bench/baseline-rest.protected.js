// The floor for a step that makes one REST request: the same recording create the toggle sends,
// through twilio-node and the same loopback seam, then one verb. Nothing else.
let client;

function restClient(context) {
  if (client) return client;
  const base = context.TWILIO_API_BASE_URL;
  class LoopbackRequestClient extends Twilio.RequestClient {
    request(opts) {
      return super.request({
        ...opts,
        uri: opts.uri.replace('https://api.twilio.com', `${base}/api`),
      });
    }
  }
  const httpClient = new LoopbackRequestClient({ timeout: 3000 });
  const { Agent } = require('node:http');
  httpClient.axios.defaults.httpAgent = new Agent({ keepAlive: true });
  client = new Twilio.Twilio(context.ACCOUNT_SID, context.AUTH_TOKEN, { httpClient });
  return client;
}

exports.handler = async (context, event, callback) => {
  await restClient(context)
    .calls(event.CallSid)
    .recordings.create({
      recordingStatusCallback: `http://${context.DOMAIN_NAME}/recording-status`,
      recordingStatusCallbackMethod: 'POST',
      recordingStatusCallbackEvent: ['in-progress', 'completed', 'absent'],
      recordingChannels: 'dual',
      trim: 'do-not-trim',
      recordingTrack: 'both',
    });
  const twiml = new Twilio.twiml.VoiceResponse();
  twiml.say('Hello');
  callback(null, twiml);
};
