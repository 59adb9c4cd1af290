// The floor every step is measured against: the smallest useful voice Function, one verb.
exports.handler = (context, event, callback) => {
  const twiml = new Twilio.twiml.VoiceResponse();
  twiml.say('Hello');
  callback(null, twiml);
};
