/**
 * The recordings page in a real browser (headless Chromium), against a fake of its service that
 * answers the shapes of src/dashboard/view.ts: what a reader sees, what the page sends, and
 * what it must never do with what a caller said.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { PROJECT_ROOT } from '../../local/project-root';
import { NOT_ENABLED, WRONG_PASSWORD } from '../../page/answers';
import { SEGMENT_COLOURS } from '../../page/palette';
import { launchBrowser } from '../support/browser';
import { startFakeDashboardServer, type LoggedRequest } from '../support/fake-dashboard-server';
import { toneWav } from '../support/tone-wav';
import { dashboardHidden, signIn, waitForText } from './page-steps';
import {
  ABSENT_CALL,
  CALLS,
  DECLINED_CALL,
  DTMF_CALL,
  DUAL_RECORDING,
  FEEDBACK,
  GRANTED_CALL,
  INJECTION,
  LARGE_RECORDING,
  OLDEST_CALL,
  SIMULATED_CALL,
  TOO_LARGE_MESSAGE,
  eraseAnswer,
  erasedCall,
  simulatedCall,
} from './dashboard-fixtures';

/** Not ASCII, so that the Basic credentials must be sent as UTF-8. */
const PASSWORD = 'correct-horse-battery-stäple';
/** Each wait's own deadline. */
const WAIT_MS = 4_000;
const AUDIO_SECONDS = 3;
/** Channel 1 swells from silence to 0.8 and back; channel 2 holds 0.3 throughout. */
const TONES = [
  { frequencyHz: 440, amplitude: (position: number) => 0.8 * Math.sin(Math.PI * position) },
  { frequencyHz: 660, amplitude: () => 0.3 },
];
/** Where along the waveform its lanes are measured (0: its start, 1: its end). */
const MEASURED_AT = [0.02, 0.25, 0.5, 0.75];
const PAGE_SIZE = 4;
const ERASE_FAILED =
  'The erasure is not finished (RE…: Twilio is busy). Nothing of what the caller said is shown any more; try again to finish it.';
const RESULTS = join(PROJECT_ROOT, 'test-results');

type Service = Awaited<ReturnType<typeof startFakeDashboardServer>>;
let browser: Browser;
let service: Service;

interface OpenedPage {
  page: Page;
  dialogs: string[];
  errors: string[];
}
const opened: OpenedPage[] = [];

beforeAll(async () => {
  if (!existsSync(join(PROJECT_ROOT, 'dist', 'assets', 'recordings.js'))) {
    throw new Error('dist/assets/recordings.js is missing: run npm run build first');
  }
  [browser, service] = await Promise.all([
    launchBrowser(),
    startFakeDashboardServer({
      password: PASSWORD,
      calls: CALLS,
      pageSize: PAGE_SIZE,
      simulatedCall,
      // The DTMF call's erasure fails, as when Twilio keeps refusing a delete; others succeed.
      erase: (call, fields) => {
        if (call.callSid === DTMF_CALL)
          return { status: 503, error: { error: 'erasure-incomplete', message: ERASE_FAILED } };
        const erased = erasedCall(call, fields.get('Reason') ?? undefined, '2026-11-27T11:00:00Z');
        return { erased, answer: eraseAnswer(call, erased) };
      },
      audio: {
        [DUAL_RECORDING]: {
          status: 200,
          contentType: 'audio/wav',
          bytes: toneWav({ sampleRate: 8000, seconds: AUDIO_SECONDS, channels: TONES }),
        },
        [LARGE_RECORDING]: {
          status: 413,
          error: { error: 'too-large', message: TOO_LARGE_MESSAGE },
        },
      },
    }),
  ]);
}, 30_000);

afterEach(async () => {
  const pages = opened.splice(0);
  for (const { page } of pages) await page.close();
  // A dialog or an uncaught error in any page is a failure, whatever the test looked at.
  expect(pages.flatMap((p) => p.dialogs)).toEqual([]);
  expect(pages.flatMap((p) => p.errors)).toEqual([]);
  service.state.calls.splice(0, service.state.calls.length, ...CALLS);
  service.state.dashboardEnabled = true;
});

afterAll(async () => {
  await browser?.close();
  await service?.close();
});

async function openPage(viewport = { width: 1100, height: 900 }): Promise<OpenedPage> {
  const page = await browser.newPage();
  const entry: OpenedPage = { page, dialogs: [], errors: [] };
  opened.push(entry);
  page.on('dialog', (dialog) => {
    entry.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on('pageerror', (error) => entry.errors.push(String(error)));
  await page.setViewport(viewport);
  await page.emulateTimezone('UTC');
  await page.evaluateOnNewDocument(() => {
    const seen: string[] = [];
    Object.assign(window, { cspViolations: seen });
    document.addEventListener('securitypolicyviolation', (event) =>
      seen.push(`${event.effectiveDirective} ${event.blockedURI}`),
    );
  });
  await page.goto(`${service.url}/`, { waitUntil: 'load', timeout: WAIT_MS });
  return entry;
}

async function openSignedIn(viewport?: { width: number; height: number }): Promise<OpenedPage> {
  const entry = await openPage(viewport);
  await signIn(entry.page, PASSWORD, WAIT_MS);
  await entry.page.waitForSelector('.call', { timeout: WAIT_MS });
  return entry;
}

const card = (callSid: string) => `[data-call-sid="${callSid}"]`;

function shownCalls(page: Page): Promise<string[]> {
  return page.$$eval('.call', (cards) => cards.map((c) => c.getAttribute('data-call-sid') ?? ''));
}

function textOf(page: Page, selector: string): Promise<string> {
  return page.$eval(selector, (element) => (element as HTMLElement).innerText);
}

/** The requests for data since `from`, each with what the page must send on every one. */
function dataRequestsSince(from: number): Array<LoggedRequest & { password: string }> {
  return service.log
    .slice(from)
    .filter((request) => /^\/(dashboard-|_simulate\/)/.test(request.path))
    .map((request) => {
      const credentials = Buffer.from(
        String(request.headers.authorization).replace(/^Basic /, ''),
        'base64',
      ).toString('utf8');
      return { ...request, password: credentials.slice(credentials.indexOf(':') + 1) };
    });
}

const rgb = (hex: string) => [1, 3, 5].map((at) => parseInt(hex.slice(at, at + 2), 16));

describe('the recordings page', () => {
  it('refuses a wrong password: says so, shows no call and keeps nothing', async () => {
    const { page } = await openPage();
    await signIn(page, 'not-the-password-either', WAIT_MS);
    await waitForText(page, '#sign-in-problem', WRONG_PASSWORD, WAIT_MS);
    expect(await page.$$('.call')).toHaveLength(0);
    expect(await dashboardHidden(page)).toBe(true);
    expect(await page.evaluate(() => window.sessionStorage.length)).toBe(0);
  });

  it('says so when the service has no dashboard', async () => {
    service.state.dashboardEnabled = false;
    const { page } = await openPage();
    await signIn(page, PASSWORD, WAIT_MS);
    await waitForText(page, '#sign-in-problem', NOT_ENABLED, WAIT_MS);
    expect(await page.$$('.call')).toHaveLength(0);
  });

  it('shows the calls newest first, with consent, timeline and feedback, and older calls on request', async () => {
    const logStart = service.log.length;
    const { page } = await openSignedIn();
    expect(await shownCalls(page)).toEqual(CALLS.slice(0, PAGE_SIZE).map((call) => call.callSid));

    const granted = await textOf(page, card(GRANTED_CALL));
    expect(granted).toContain('10:40:00');
    expect(granted).toContain('+15551230001 → +15559870002');
    expect(granted).toContain('completed');
    expect(granted).toContain('2:10');
    expect(granted).toContain('consent given — said “yes please” (confidence 92%)');
    expect(granted).toContain(
      'Prompt heard: “This call may be recorded. Press 1 or say yes to agree.”',
    );
    expect(granted).toContain(`“${FEEDBACK}”`);
    expect(granted).toContain('confidence 87%');
    expect(granted).toContain('completed · 1:18 · 2 channels (dual)');
    expect(await textOf(page, card(DTMF_CALL))).toContain('consent given — pressed 1');
    expect(await textOf(page, card(ABSENT_CALL))).toContain(
      'absent · 2 channels (dual) · error 16102',
    );

    const bar = await page.$eval(`${card(GRANTED_CALL)} .timeline-bar`, (element) => {
      const canvas = element as HTMLCanvasElement;
      const context = canvas.getContext('2d');
      const colourAt = (seconds: number) =>
        Array.from(
          context?.getImageData(Math.floor((seconds / 130) * canvas.width), 5, 1, 1).data ?? [],
        ).slice(0, 3);
      return {
        label: canvas.getAttribute('aria-label'),
        before: colourAt(6),
        recorded: colourAt(26),
        paused: colourAt(45),
        stopped: colourAt(110),
      };
    });
    expect(bar.label).toBe(
      'Call of 2:10: not recorded 0:00–0:12, recorded 0:12–0:40, paused 0:40–0:50, recorded 0:50–1:30, stopped 1:30–2:10',
    );
    expect(bar.before).toEqual(rgb(SEGMENT_COLOURS['not-recorded']));
    expect(bar.recorded).toEqual(rgb(SEGMENT_COLOURS.recorded));
    expect(bar.paused).toEqual(rgb(SEGMENT_COLOURS.paused));
    expect(bar.stopped).toEqual(rgb(SEGMENT_COLOURS.stopped));
    const colours = [bar.before, bar.recorded, bar.paused, bar.stopped].map(String);
    expect(new Set(colours).size).toBe(colours.length);

    await page.click('#older-calls');
    await page.waitForFunction(
      (n: number) => document.querySelectorAll('.call').length === n,
      {
        timeout: WAIT_MS,
      },
      CALLS.length,
    );
    expect(await shownCalls(page)).toEqual(CALLS.map((call) => call.callSid));
    expect(await page.$eval('#older-calls', (element) => (element as HTMLElement).hidden)).toBe(
      true,
    );
    const pages = dataRequestsSince(logStart).filter((r) => r.path === '/dashboard-calls');
    expect(pages.map((r) => r.query.get('PageToken'))).toEqual([null, String(PAGE_SIZE)]);
    expect(await textOf(page, card(OLDEST_CALL))).toContain('no-answer');
  });

  it('filters by recording status and by day, as query parameters', async () => {
    const logStart = service.log.length;
    const { page } = await openSignedIn();
    await page.select('#filter-status', 'absent');
    await page.click('#filters button[type="submit"]');
    await page.waitForFunction(
      (sid: string) => {
        const cards = document.querySelectorAll('.call');
        return cards.length === 1 && cards[0].getAttribute('data-call-sid') === sid;
      },
      { timeout: WAIT_MS },
      ABSENT_CALL,
    );
    await page.select('#filter-status', '');
    await page.$eval('#filter-date', (element) => {
      (element as HTMLInputElement).value = '2026-11-26';
    });
    await page.click('#filters button[type="submit"]');
    await page.waitForFunction(
      (sid: string) => document.querySelector('.call')?.getAttribute('data-call-sid') === sid,
      { timeout: WAIT_MS },
      OLDEST_CALL,
    );
    const queries = dataRequestsSince(logStart)
      .filter((r) => r.path === '/dashboard-calls')
      .map((r) => r.query.toString());
    expect(queries).toEqual(expect.arrayContaining(['Status=absent', 'Date=2026-11-26']));
  });

  it('loads a recording only when asked: it plays, and its waveform has a lane per channel', async () => {
    const logStart = service.log.length;
    const { page } = await openSignedIn();
    const audioRequests = () =>
      dataRequestsSince(logStart).filter((r) => r.path === '/dashboard-audio');
    expect(audioRequests()).toHaveLength(0);

    await page.click(`[data-recording-sid="${DUAL_RECORDING}"] .load-audio`);
    const durationHandle = await page.waitForFunction(
      (sid: string) => {
        const audio = document.querySelector<HTMLAudioElement>(
          `[data-recording-sid="${sid}"] audio`,
        );
        return audio && Number.isFinite(audio.duration) && audio.duration > 0
          ? audio.duration
          : false;
      },
      { timeout: WAIT_MS },
      DUAL_RECORDING,
    );
    expect(Math.abs(((await durationHandle.jsonValue()) as number) - AUDIO_SECONDS)).toBeLessThan(
      0.2,
    );

    await page.waitForSelector(`[data-recording-sid="${DUAL_RECORDING}"] canvas.waveform`, {
      timeout: WAIT_MS,
    });
    const lanes = await page.$eval(
      `[data-recording-sid="${DUAL_RECORDING}"] canvas.waveform`,
      (element, positions: number[]) => {
        const canvas = element as HTMLCanvasElement;
        const laneHeight = Number(canvas.dataset.laneHeight);
        const gap = Number(canvas.dataset.laneGap);
        const pixels = canvas.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height);
        const inked = (x: number, y: number) =>
          (pixels?.data[(y * canvas.width + x) * 4 + 3] ?? 0) > 0;
        // The share of each lane's height that is drawn, in the column at each position.
        return Array.from({ length: Number(canvas.dataset.lanes) }, (_, lane) =>
          positions.map((position) => {
            const x = Math.floor(position * canvas.width);
            const top = lane * (laneHeight + gap);
            let rows = 0;
            for (let y = top; y < top + laneHeight; y++) if (inked(x, y)) rows++;
            return rows / laneHeight;
          }),
        );
      },
      MEASURED_AT,
    );
    // A tone of peak A fills A of its lane's height (from +A to -A around the middle).
    expect(lanes).toHaveLength(2);
    lanes.forEach((shares, channel) =>
      shares.forEach((share, index) =>
        expect(share).toBeCloseTo(TONES[channel].amplitude(MEASURED_AT[index]), 1),
      ),
    );

    expect(audioRequests()).toHaveLength(1);
    for (const request of dataRequestsSince(logStart)) {
      expect(request.headers['x-requested-with']).toBe('recordings-page');
      expect(request.password).toBe(PASSWORD);
    }
    mkdirSync(RESULTS, { recursive: true });
    await page.screenshot({
      path: join(RESULTS, 'recordings-page-desktop.png'),
      clip: { x: 0, y: 0, width: 1100, height: 1400 },
      captureBeyondViewport: true,
    });
  });

  it("shows the service's message next to a recording too large to send", async () => {
    const { page } = await openSignedIn();
    const recording = `[data-recording-sid="${LARGE_RECORDING}"]`;
    await page.click(`${recording} .load-audio`);
    await waitForText(page, `${recording} .player-message.error`, TOO_LARGE_MESSAGE, WAIT_MS);
    expect(await page.$$(`${recording} audio`)).toHaveLength(0);
  });

  it('shows what callers said as text: no element, no script, no request comes of it', async () => {
    const logStart = service.log.length;
    const { page } = await openSignedIn();
    const declined = await textOf(page, card(DECLINED_CALL));
    expect(declined).toContain(`“${INJECTION}”`);
    expect(declined).toContain(`said “${INJECTION}”`);
    expect(declined).toContain('<b id="injected">Say yes</b><script>alert(2)</script>');
    const created = await page.evaluate(() => ({
      images: document.querySelectorAll('img').length,
      injected: document.querySelectorAll('#injected, b').length,
      scripts: Array.from(document.scripts).map((script) => script.getAttribute('src')),
    }));
    expect(created).toEqual({ images: 0, injected: 0, scripts: ['/recordings.js'] });
    // A round trip after the drawing: an image made from the text would have asked for /x.
    await page.click('#filters button[type="submit"]');
    await page.waitForSelector(card(DECLINED_CALL), { timeout: WAIT_MS });
    expect(service.log.slice(logStart).filter((r) => r.path === '/x')).toHaveLength(0);
  });

  it('places a simulated call and shows it, then its progress, without a reload', async () => {
    const logStart = service.log.length;
    const { page } = await openSignedIn();
    await page.waitForSelector('#simulate:not([hidden])', { timeout: WAIT_MS });
    await page.evaluate(() => Object.assign(window, { sameDocument: true }));

    await page.$eval('#simulate-say', (element) => {
      (element as HTMLInputElement).value = '';
    });
    await page.type('#simulate-say', 'Loud and clear');
    await page.select('#simulate-consent', 'yes');
    await page.select('#simulate-fault', 'CreateCallRecording:500');
    await page.click('#simulate button[type="submit"]');

    await page.waitForFunction(
      (sid: string) => document.querySelector('.call')?.getAttribute('data-call-sid') === sid,
      { timeout: WAIT_MS },
      SIMULATED_CALL,
    );
    expect(await textOf(page, card(SIMULATED_CALL))).toContain('“Loud and clear”');
    expect(await textOf(page, '#simulate-outcome')).toContain(SIMULATED_CALL);

    // The call ends while the page watches: the next refresh shows it without any reload.
    service.state.calls[0] = {
      ...service.state.calls[0],
      status: 'completed',
      endTime: new Date().toISOString(),
    };
    await waitForText(page, `${card(SIMULATED_CALL)} .call-status`, 'completed', WAIT_MS);
    expect(
      await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument),
    ).toBe(true);

    const posted = dataRequestsSince(logStart).filter((r) => r.path === '/_simulate/call');
    expect(posted).toHaveLength(1);
    expect(posted[0].method).toBe('POST');
    expect(posted[0].headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(new URLSearchParams(posted[0].body))).toEqual({
      say: 'Loud and clear',
      consent: 'yes',
      fault: 'CreateCallRecording:500',
    });
    for (const request of dataRequestsSince(logStart)) {
      expect(request.headers['x-requested-with']).toBe('recordings-page');
      expect(request.password).toBe(PASSWORD);
    }
  });

  it('deletes a call’s recordings after a confirmation, then shows it erased: its entry, no player, no speech', async () => {
    const logStart = service.log.length;
    const { page } = await openSignedIn();
    const granted = card(GRANTED_CALL);
    const erasures = () => dataRequestsSince(logStart).filter((r) => r.path === '/dashboard-erase');

    await page.click(`${granted} .erase-open`);
    await page.waitForSelector(`${granted} .erase-form:not([hidden])`, { timeout: WAIT_MS });
    expect(await textOf(page, `${granted} .erase-warning`)).toMatch(
      /^Delete its recording and what the caller said for good\? .*The consent decision is kept as proof, without the caller's answer\.$/,
    );
    // Cancelled: nothing is sent, the card is as it was.
    await page.click(`${granted} .erase-cancel`);
    expect(await page.$eval(`${granted} .erase-form`, (form) => (form as HTMLElement).hidden)).toBe(
      true,
    );
    expect(erasures()).toEqual([]);

    await page.click(`${granted} .erase-open`);
    await page.type(`${granted} .erase-reason`, 'Caller asked <b>by phone</b>');
    await page.click(`${granted} .erase-confirm`);
    await page.waitForSelector(`${granted} .erasure`, { timeout: WAIT_MS });

    const shown = await textOf(page, granted);
    expect(shown).toContain('Erased');
    expect(shown).toContain('1 recording deleted from the recordings page');
    expect(shown).toContain('Reason: “Caller asked <b>by phone</b>”');
    expect(shown).toContain(DUAL_RECORDING);
    expect(shown).toContain('consent given — answered by voice (the answer itself was erased)');
    expect(shown).not.toContain('yes please');
    expect(shown).not.toContain(FEEDBACK);
    expect(
      await page.$$(
        `${granted} .player, ${granted} audio, ${granted} .feedback, ${granted} .recording, ${granted} .erase-open`,
      ),
    ).toHaveLength(0);
    expect(await page.$$(`${granted} b`)).toHaveLength(0);

    const [sent] = erasures();
    expect(erasures()).toHaveLength(1);
    expect(sent.method).toBe('POST');
    expect(sent.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(sent.headers['x-requested-with']).toBe('recordings-page');
    expect(sent.password).toBe(PASSWORD);
    expect(Object.fromEntries(new URLSearchParams(sent.body))).toEqual({
      CallSid: GRANTED_CALL,
      Reason: 'Caller asked <b>by phone</b>',
    });
    mkdirSync(RESULTS, { recursive: true });
    await page.screenshot({ path: join(RESULTS, 'recordings-page-erased.png'), fullPage: true });
  });

  it('shows the service’s message when an erasure could not finish, and offers it again', async () => {
    const { page } = await openSignedIn();
    const dtmf = card(DTMF_CALL);
    await page.click(`${dtmf} .erase-open`);
    await page.click(`${dtmf} .erase-confirm`);
    await waitForText(page, `${dtmf} .erase-outcome.error`, ERASE_FAILED, WAIT_MS);
    expect(await page.$eval(`${dtmf} .erase-form`, (form) => (form as HTMLElement).hidden)).toBe(
      false,
    );
    expect(await page.$$(`${dtmf} .erasure`)).toHaveLength(0);
  });

  it('offers no erasure for a call this service did not handle', async () => {
    const { page } = await openSignedIn();
    expect(await page.$$('.erase-open')).toHaveLength(PAGE_SIZE);
    await page.click('#older-calls');
    await page.waitForSelector(card(OLDEST_CALL), { timeout: WAIT_MS });
    expect(await page.$$(`${card(OLDEST_CALL)} .erase-open`)).toHaveLength(0);
  });

  it('fits a phone screen without scrolling sideways', async () => {
    const { page } = await openSignedIn({ width: 390, height: 844 });
    await page.click(`[data-recording-sid="${DUAL_RECORDING}"] .load-audio`);
    await page.waitForSelector('canvas.waveform', { timeout: WAIT_MS });
    const widths = await page.evaluate(() => ({
      content: document.documentElement.scrollWidth,
      viewport: window.innerWidth,
    }));
    expect(widths.viewport).toBe(390);
    expect(widths.content).toBeLessThanOrEqual(widths.viewport);
    mkdirSync(RESULTS, { recursive: true });
    await page.screenshot({ path: join(RESULTS, 'recordings-page.png'), fullPage: true });
  });

  it('keeps to its Content-Security-Policy, which stops an injected inline script', async () => {
    const { page } = await openSignedIn();
    await page.click(`[data-recording-sid="${DUAL_RECORDING}"] .load-audio`);
    await page.waitForSelector('canvas.waveform', { timeout: WAIT_MS });
    const violations = () =>
      page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);
    expect(await violations()).toEqual([]);

    const ran = await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.inlineScriptRan = true;';
      document.body.appendChild(script);
      return (window as unknown as { inlineScriptRan?: boolean }).inlineScriptRan === true;
    });
    expect(ran).toBe(false);
    await page.waitForFunction(
      () => (window as unknown as { cspViolations: string[] }).cspViolations.length > 0,
      { timeout: WAIT_MS },
    );
    expect(await violations()).toEqual([expect.stringMatching(/^script-src-elem /)]);
  });
});
