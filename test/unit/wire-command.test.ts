/** The wire command's pure parts: its arguments, the deploy it reads, the change and its undo. */
import { execFileSync } from 'node:child_process';
import { parseWireArguments } from '../../scripts/wire/arguments';
import { deployedServiceSid, parseDeployInfo } from '../../scripts/wire/deploy-info';
import { isE164 } from '../../scripts/wire/e164';
import { checkHostName } from '../../scripts/wire/host-name';
import { nextStepAfterDeploy } from '../../scripts/wire/next-step';
import { environmentDomain } from '../../scripts/wire/service-domain';
import { restoreCommand, shellQuote, wiredVoiceConfig } from '../../scripts/wire/voice-config';
import { OTHER_ACCOUNT_SID, TEST_ACCOUNT_SID } from '../support/fixtures';

const parsed = (...argv: string[]) => {
  const result = parseWireArguments(argv);
  if (!result.ok) throw new Error(`refused: ${result.error}`);
  return result.value;
};
const refusal = (...argv: string[]) => {
  const result = parseWireArguments(argv);
  if (result.ok) throw new Error(`accepted: ${JSON.stringify(result.value)}`);
  return result.error;
};

describe('the wire command’s arguments', () => {
  it('wires to the last deploy’s dev environment by default', () => {
    expect(parsed('+15551234567')).toEqual({
      kind: 'wire',
      phoneNumber: '+15551234567',
      dryRun: false,
      domain: undefined,
      environment: 'dev',
    });
    expect(parsed('+15551234567', '--environment', 'stage', '--dry-run')).toMatchObject({
      environment: 'stage',
      dryRun: true,
    });
    expect(parsed('+15551234567', '--production')).toMatchObject({ environment: '' });
    expect(parsed('--domain=Call-Recording-1234-dev.twil.io', '+15551234567')).toMatchObject({
      domain: 'call-recording-1234-dev.twil.io',
    });
  });

  it('restores from the history, or from the values an earlier run printed', () => {
    expect(parsed('+15551234567', '--restore')).toEqual({
      kind: 'restore',
      phoneNumber: '+15551234567',
      dryRun: false,
    });
    expect(
      parsed(
        '+15551234567',
        '--restore',
        '--voice-url',
        'https://a.example/x?y=1',
        '--voice-method',
        'get',
      ),
    ).toMatchObject({ to: { voiceUrl: 'https://a.example/x?y=1', voiceMethod: 'GET' } });
    expect(
      parsed('+15551234567', '--restore', '--voice-url', '', '--voice-method', 'POST'),
    ).toMatchObject({
      to: { voiceUrl: '', voiceMethod: 'POST' },
    });
  });

  it.each([
    [[], /give the phone number/],
    [['5551234567'], /phone number '5551234567': use E\.164/],
    [['+15551234567', '+15557654321'], /give one phone number, not 2/],
    [
      ['+15551234567', '--domain', 'http://svc.twil.io'],
      /--domain .* has a scheme.*https is implied/,
    ],
    [['+15551234567', '--domain', 'https://svc.twil.io'], /has a scheme/],
    [['+15551234567', '--domain', 'svc.twil.io/incoming-call'], /has a path/],
    [['+15551234567', '--domain', 'svc.twil.io:8443'], /has a port/],
    [['+15551234567', '--domain', 'localhost'], /is not a host name/],
    [['+15551234567', '--domain'], /--domain needs a value/],
    [
      ['+15551234567', '--domain', 'a.twil.io', '--environment', 'dev'],
      /one of --domain, --environment/,
    ],
    [['+15551234567', '--environment', 'Stage!'], /--environment 'Stage!' is not a domain suffix/],
    [['+15551234567', '--voice-url', 'https://x.example'], /--voice-url only goes with --restore/],
    [['+15551234567', '--restore', '--domain', 'a.twil.io'], /--domain does not go with --restore/],
    [['+15551234567', '--restore', '--voice-url', 'https://x.example'], /go together/],
    [
      ['+15551234567', '--restore', '--voice-url', 'ftp://x', '--voice-method', 'GET'],
      /not an absolute http\(s\) URL/,
    ],
    [['+15551234567', '--restore', '--voice-url', '', '--voice-method', 'PUT'], /use GET or POST/],
    [['+15551234567', '--dryrun'], /unknown option --dryrun/],
  ])('refuses %j, saying what is allowed', (argv, message) => {
    expect(refusal(...argv)).toMatch(message);
  });

  it('checks E.164 and host names on their own', () => {
    expect(['+15551234567', '+442071838750', '+491'].every(isE164)).toBe(true);
    expect(
      ['15551234567', '+05551234567', '+1555123456789012', '+1 555 123', ''].some(isE164),
    ).toBe(false);
    expect(checkHostName(' svc-1234.twil.io ')).toEqual({ ok: true, value: 'svc-1234.twil.io' });
    expect(checkHostName('-svc.twil.io').ok).toBe(false);
    expect(checkHostName('svc..twil.io').ok).toBe(false);
  });
});

describe('the deploy it reads', () => {
  const service = 'ZS' + '1'.repeat(32);
  const build = 'ZB' + '2'.repeat(32);

  it('finds the service of the account’s last deploy, as twilio-run stores it', () => {
    const info = parseDeployInfo(
      JSON.stringify({ [`${TEST_ACCOUNT_SID}:us1`]: { serviceSid: service, latestBuild: build } }),
    );
    expect(info.ok && deployedServiceSid(info.value, TEST_ACCOUNT_SID)).toEqual({
      ok: true,
      value: service,
    });
    // The legacy key without a region is us1.
    const legacy = parseDeployInfo(
      JSON.stringify({ [TEST_ACCOUNT_SID]: { serviceSid: service, latestBuild: build } }),
    );
    expect(legacy.ok && deployedServiceSid(legacy.value, TEST_ACCOUNT_SID)).toMatchObject({
      value: service,
    });
  });

  it('says why it cannot', () => {
    const elsewhere = parseDeployInfo(
      JSON.stringify({ [`${TEST_ACCOUNT_SID}:ie1`]: { serviceSid: service, latestBuild: build } }),
    );
    expect(elsewhere.ok && deployedServiceSid(elsewhere.value, TEST_ACCOUNT_SID)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/only deploys to region ie1/),
    });
    expect(elsewhere.ok && deployedServiceSid(elsewhere.value, OTHER_ACCOUNT_SID)).toMatchObject({
      ok: false,
      error: expect.stringMatching(
        /no deploy for account .*run npm run deploy first, or give --domain/,
      ),
    });
    expect(parseDeployInfo('{')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/not JSON/),
    });
    expect(
      parseDeployInfo(JSON.stringify({ x: { serviceSid: service, latestBuild: build, extra: 1 } })),
    ).toMatchObject({
      ok: false,
      error: expect.stringMatching(/not in the form twilio-run writes/),
    });
  });

  it('picks the environment’s domain by suffix, as the Serverless Toolkit does', () => {
    const environments = [
      { uniqueName: 'dev-environment', domainSuffix: 'dev', domainName: 'svc-1234-dev.twil.io' },
      { uniqueName: 'production', domainSuffix: null, domainName: 'svc-1234.twil.io' },
      { uniqueName: 'old-dev', domainSuffix: 'stage', domainName: 'svc-1234-stage-old.twil.io' },
      {
        uniqueName: 'stage-environment',
        domainSuffix: 'stage',
        domainName: 'svc-1234-stage.twil.io',
      },
    ];
    expect(environmentDomain(environments, 'dev', service)).toEqual({
      ok: true,
      value: 'svc-1234-dev.twil.io',
    });
    expect(environmentDomain(environments, '', service)).toMatchObject({
      value: 'svc-1234.twil.io',
    });
    expect(environmentDomain(environments, 'stage', service)).toMatchObject({
      value: 'svc-1234-stage.twil.io',
    });
    expect(environmentDomain(environments, 'qa', service)).toMatchObject({
      ok: false,
      error: `service ${service} has no environment 'qa' (it has: dev, (production), stage, stage): pick one with --environment, or give --domain`,
    });
  });
});

describe('the change and its undo', () => {
  it('points the number at /incoming-call by POST', () => {
    expect(wiredVoiceConfig('svc-1234-dev.twil.io')).toEqual({
      voiceUrl: 'https://svc-1234-dev.twil.io/incoming-call',
      voiceMethod: 'POST',
    });
  });

  it('prints a restore command a shell passes back unchanged', () => {
    const tricky = "https://x.example/a?b=1&c='d' $HOME `id`";
    const command = restoreCommand('+15551234567', { voiceUrl: tricky, voiceMethod: 'GET' });
    expect(command).toBe(
      `npm run wire -- +15551234567 --restore --voice-url ${shellQuote(tricky)} --voice-method GET`,
    );
    // What a POSIX shell makes of the quoted value is the value itself.
    const echoed = execFileSync('sh', ['-c', `printf %s ${shellQuote(tricky)}`]).toString();
    expect(echoed).toBe(tricky);
    expect(restoreCommand('+15551234567', { voiceUrl: '', voiceMethod: 'POST' })).toContain(
      "--voice-url '' --voice-method POST",
    );
  });

  it('tells what to run after a deploy, for the same environment', () => {
    expect(nextStepAfterDeploy([])).toMatch(/npm run wire -- \+15551234567$/);
    expect(nextStepAfterDeploy([])).not.toContain('--environment');
    expect(nextStepAfterDeploy(['--environment', 'stage'])).toContain(
      'npm run wire -- +15551234567 --environment stage',
    );
    expect(nextStepAfterDeploy(['--environment=qa'])).toContain('--environment qa');
    expect(nextStepAfterDeploy(['--production'])).toContain(
      'npm run wire -- +15551234567 --production',
    );
  });
});
