import { Poller, type PollerEnvironment } from '../../page/poller';

/** A tab whose visibility the test sets, on jest's fake clock. */
function fakeTab() {
  const listeners: Array<() => void> = [];
  const tab = {
    hidden: false,
    setHidden(hidden: boolean) {
      tab.hidden = hidden;
      for (const listener of listeners) listener();
    },
  };
  const environment: PollerEnvironment = {
    isHidden: () => tab.hidden,
    onVisibilityChange: (listener) => listeners.push(listener),
    setTimer: (callback, ms) => setTimeout(callback, ms),
    clearTimer: (timer) => clearTimeout(timer as NodeJS.Timeout),
    now: () => Date.now(),
  };
  return { tab, environment };
}

const TIMING = { intervalMs: 5_000, hurriedIntervalMs: 1_000 };

describe('refreshing the first page', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  function setUp() {
    const { tab, environment } = fakeTab();
    let refreshes = 0;
    const poller = new Poller(
      async () => {
        refreshes++;
      },
      TIMING,
      environment,
    );
    return { tab, poller, refreshes: () => refreshes };
  }

  it('refreshes every interval once started, and no more once stopped', async () => {
    const { poller, refreshes } = setUp();
    await jest.advanceTimersByTimeAsync(20_000);
    expect(refreshes()).toBe(0);
    poller.start();
    await jest.advanceTimersByTimeAsync(4_999);
    expect(refreshes()).toBe(0);
    await jest.advanceTimersByTimeAsync(1);
    expect(refreshes()).toBe(1);
    await jest.advanceTimersByTimeAsync(10_000);
    expect(refreshes()).toBe(3);
    poller.stop();
    await jest.advanceTimersByTimeAsync(60_000);
    expect(refreshes()).toBe(3);
  });

  it('stops while the tab is hidden, and refreshes at once when it is shown again', async () => {
    const { tab, poller, refreshes } = setUp();
    poller.start();
    await jest.advanceTimersByTimeAsync(5_000);
    expect(refreshes()).toBe(1);
    tab.setHidden(true);
    await jest.advanceTimersByTimeAsync(60_000);
    expect(refreshes()).toBe(1);
    tab.setHidden(false);
    await jest.advanceTimersByTimeAsync(0);
    expect(refreshes()).toBe(2);
    await jest.advanceTimersByTimeAsync(5_000);
    expect(refreshes()).toBe(3);
  });

  it('does not start again when the tab is shown after a stop', async () => {
    const { tab, poller, refreshes } = setUp();
    poller.start();
    poller.stop();
    tab.setHidden(true);
    tab.setHidden(false);
    await jest.advanceTimersByTimeAsync(30_000);
    expect(refreshes()).toBe(0);
  });

  it('after a hurry, refreshes at once and then every second, then at its pace again', async () => {
    const { poller, refreshes } = setUp();
    poller.start();
    poller.hurry(3_000);
    await jest.advanceTimersByTimeAsync(0);
    expect(refreshes()).toBe(1);
    await jest.advanceTimersByTimeAsync(3_000);
    expect(refreshes()).toBe(4);
    await jest.advanceTimersByTimeAsync(4_999);
    expect(refreshes()).toBe(4);
    await jest.advanceTimersByTimeAsync(1);
    expect(refreshes()).toBe(5);
  });

  it('never runs two refreshes at once', async () => {
    const { tab, environment } = fakeTab();
    let running = 0;
    let most = 0;
    const poller = new Poller(
      async () => {
        running++;
        most = Math.max(most, running);
        await new Promise((resolve) => setTimeout(resolve, 12_000));
        running--;
      },
      TIMING,
      environment,
    );
    poller.start();
    await jest.advanceTimersByTimeAsync(5_000);
    poller.hurry(10_000);
    tab.setHidden(true);
    tab.setHidden(false);
    await jest.advanceTimersByTimeAsync(30_000);
    expect(most).toBe(1);
  });
});
