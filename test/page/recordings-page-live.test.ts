/**
 * The recordings page for real: headless Chromium opens the page the local gateway serves,
 * backed by the built Functions, the recording log in the Sync stand-in and the recordings the
 * stand-in renders. A call is placed from the page's own form, then looked at and listened to.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { PROJECT_ROOT } from '../../local/project-root';
import { simulatedCallEndpoints } from '../../local/simulated-calls';
import { startSimulation, type Simulation } from '../../local/simulation';
import { WRONG_PASSWORD } from '../../page/answers';
import { launchBrowser } from '../support/browser';
import { captureConsoleJson } from '../support/console-capture';
import { dashboardHidden, signIn, waitForText } from './page-steps';

const PASSWORD = 'a-long-enough-password-for-this-test';
const SPEECH = '<img src=x onerror=alert(1)>';
const WAIT_MS = 10_000;
const RESULTS = join(PROJECT_ROOT, 'test-results');

let sim: Simulation;
let browser: Browser;
const captured = captureConsoleJson();
const dialogs: string[] = [];
const pageErrors: string[] = [];

beforeAll(async () => {
  const running: { sim?: Simulation } = {};
  sim = await startSimulation({
    env: { DASHBOARD_PASSWORD: PASSWORD, RECORDING_CONSENT: 'opt-in' },
    control: simulatedCallEndpoints(() => running.sim),
  });
  running.sim = sim;
  browser = await launchBrowser();
}, 90_000);
afterAll(async () => {
  captured.restore();
  await browser?.close();
  await sim?.close();
});

async function open(): Promise<Page> {
  const page = await browser.newPage();
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on('pageerror', (error) => pageErrors.push(String(error)));
  await page.setViewport({ width: 1100, height: 900 });
  // The service's root, as a deployed service serves the page (its asset /assets/index.html).
  await page.goto(`${sim.gateway.url}/`, { waitUntil: 'load', timeout: WAIT_MS });
  return page;
}

it('is served at the root, and still at /index.html and /assets/index.html', async () => {
  const get = (path: string) =>
    fetch(`${sim.gateway.url}${path}`, { signal: AbortSignal.timeout(WAIT_MS) });
  const pages = await Promise.all(['/', '/index.html', '/assets/index.html'].map(get));
  expect(pages.map((answer) => answer.status)).toEqual([200, 200, 200]);
  const [root, ...others] = await Promise.all(pages.map((answer) => answer.text()));
  expect(root).toMatch(/<title>Call recordings<\/title>/);
  expect(others).toEqual([root, root]);
  // The script and stylesheet it loads, by the absolute paths that hold from all three.
  const [script, style] = await Promise.all([get('/recordings.js'), get('/recordings.css')]);
  expect([script.status, style.status]).toEqual([200, 200]);
  expect(script.headers.get('content-type')).toMatch(/javascript/);
  expect(style.headers.get('content-type')).toMatch(/text\/css/);
});

it('refuses a wrong password: says so and keeps the dashboard hidden', async () => {
  const page = await open();
  await signIn(page, 'not-the-password-at-all', WAIT_MS);
  // The Functions' 401 reaches the page as its wrong-password message.
  await waitForText(page, '#sign-in-problem', WRONG_PASSWORD, WAIT_MS);
  expect(await dashboardHidden(page)).toBe(true);
  await page.close();
});

it('places a call from its form, then shows it with its timeline, consent, feedback and audio', async () => {
  const page = await open();
  await signIn(page, PASSWORD, WAIT_MS);
  await page.waitForSelector('#simulate:not([hidden])', { timeout: WAIT_MS });
  await page.locator('#simulate-say').setTimeout(WAIT_MS).fill(SPEECH);
  await page.select('#simulate-consent', 'yes');
  await page.click('#simulate button[type="submit"]');

  // The call appears without a reload, once the stand-in has processed its recording.
  const [recording] = await waitForRecording();
  const callSid = recording.callSid;
  const card = `[data-call-sid="${callSid}"]`;
  await page.waitForFunction(
    (selector: string) =>
      document
        .querySelector(selector)
        ?.querySelector('.recording')
        ?.textContent?.includes('completed'),
    { timeout: WAIT_MS, polling: 200 },
    card,
  );

  // What the caller said is shown as text, and nothing of it runs.
  const feedback = await page.$eval(`${card} .feedback-text`, (element) => element.textContent);
  expect(feedback).toContain(SPEECH);
  expect(await page.$$(`${card} img`)).toHaveLength(0);
  expect(dialogs).toEqual([]);

  // The consent and the timeline.
  expect(await page.$eval(`${card} .consent`, (element) => element.textContent)).toMatch(
    /consent given/i,
  );
  const timeline = await page.$eval(`${card} .timeline-bar`, (element) =>
    element.getAttribute('aria-label'),
  );
  expect(timeline).toMatch(/recorded/i);

  // The audio: fetched through /dashboard-audio, and as long as the recording.
  const row = `[data-recording-sid="${recording.sid}"]`;
  await page.click(`${row} .load-audio`);
  const duration = (
    await page.waitForFunction(
      (selector: string) => {
        const audio = document.querySelector<HTMLAudioElement>(`${selector} audio`);
        return audio && Number.isFinite(audio.duration) && audio.duration > 0
          ? audio.duration
          : false;
      },
      { timeout: WAIT_MS },
      row,
    )
  ).jsonValue() as unknown as Promise<number>;
  const seconds = await duration;
  expect(Math.abs(seconds - recording.recordedMs / 1000)).toBeLessThan(1);
  await page.waitForSelector(`${row} canvas.waveform`, { timeout: WAIT_MS });

  mkdirSync(RESULTS, { recursive: true });
  await page.screenshot({ path: join(RESULTS, 'recordings-page-live.png'), fullPage: true });
  expect(pageErrors).toEqual([]);
  await page.close();
}, 60_000);

it('deletes the call’s recordings from the page after a confirmation, and shows it erased', async () => {
  const [recording] = await waitForRecording();
  const callSid = recording.callSid;
  const page = await open();
  await signIn(page, PASSWORD, WAIT_MS);
  const card = `[data-call-sid="${callSid}"]`;
  await page.waitForSelector(`${card} .erase-open`, { timeout: WAIT_MS });
  await page.click(`${card} .erase-open`);
  await page.waitForSelector(`${card} .erase-form:not([hidden])`, { timeout: WAIT_MS });
  await page.type(`${card} .erase-reason`, 'Asked by the caller');
  await page.click(`${card} .erase-confirm`);
  await page.waitForSelector(`${card} .erasure`, { timeout: WAIT_MS });

  // Through the gateway, the built Function and the stand-in: the recording is deleted.
  expect(sim.twilio.recordings(callSid)).toEqual([]);
  const shown = await page.$eval(card, (element) => (element as HTMLElement).innerText);
  expect(shown).toContain('Erased');
  expect(shown).toContain('1 recording deleted from the recordings page');
  expect(shown).toContain('Reason: “Asked by the caller”');
  expect(shown).toContain(recording.sid);
  expect(shown).toContain('the answer itself was erased');
  expect(shown).not.toContain(SPEECH);
  expect(await page.$$(`${card} audio, ${card} .player, ${card} .feedback`)).toHaveLength(0);
  expect(dialogs).toEqual([]);
  expect(pageErrors).toEqual([]);
  mkdirSync(RESULTS, { recursive: true });
  await page.screenshot({ path: join(RESULTS, 'recordings-page-live-erased.png'), fullPage: true });
  await page.close();
}, 60_000);

/** Waits until the stand-in holds a completed recording, and returns it. */
async function waitForRecording() {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const completed = sim.twilio
      .recordings()
      .filter((recording) => recording.status === 'completed');
    if (completed.length > 0) return completed;
    if (Date.now() > deadline) throw new Error('no recording completed in time');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
