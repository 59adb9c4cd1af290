// The floor for a step that reads the recording log: one Sync Map Item fetch through
// twilio-node and the same loopback seam, then a JSON answer. Nothing else.
let client;

function restClient(context) {
  if (client) return client;
  const base = context.TWILIO_API_BASE_URL;
  class LoopbackRequestClient extends Twilio.RequestClient {
    request(opts) {
      return super.request({
        ...opts,
        uri: opts.uri.replace('https://sync.twilio.com', `${base}/sync`),
      });
    }
  }
  client = new Twilio.Twilio(context.ACCOUNT_SID, context.AUTH_TOKEN, {
    httpClient: new LoopbackRequestClient({ timeout: 3000 }),
  });
  return client;
}

exports.handler = async (context, event, callback) => {
  let found = true;
  try {
    await restClient(context)
      .sync.v1.services('default')
      .syncMaps('bench')
      .syncMapItems('key')
      .fetch();
  } catch {
    found = false;
  }
  callback(null, { found });
};
