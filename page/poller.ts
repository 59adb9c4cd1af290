// Refreshing the first page of calls every few seconds, and never while the tab is hidden. The
// clock and the tab's visibility are passed in, so that the rules can be tested without a
// browser.

export interface PollerEnvironment {
  isHidden(): boolean;
  /** Calls `listener` whenever the tab is hidden or shown again. */
  onVisibilityChange(listener: () => void): void;
  setTimer(callback: () => void, ms: number): unknown;
  clearTimer(timer: unknown): void;
  now(): number;
}

export interface PollerTiming {
  intervalMs: number;
  /** The quicker pace after `hurry`, to follow a call that was just placed. */
  hurriedIntervalMs: number;
}

export class Poller {
  private running = false;
  private inFlight = false;
  private timer: unknown;
  private hurriedUntil = 0;

  /** `refresh` shows its own failures on the page and never rejects. */
  constructor(
    private readonly refresh: () => Promise<void>,
    private readonly timing: PollerTiming,
    private readonly environment: PollerEnvironment,
  ) {
    environment.onVisibilityChange(() => {
      if (!this.running) return;
      this.cancelTimer();
      // Back in view: what changed meanwhile is shown at once, then the pace resumes.
      if (!environment.isHidden()) void this.tick();
    });
  }

  get active(): boolean {
    return this.running;
  }

  start(): void {
    this.running = true;
    this.schedule();
  }

  stop(): void {
    this.running = false;
    this.cancelTimer();
  }

  /** Refresh now, then at the quicker pace for `forMs`. */
  hurry(forMs: number): void {
    this.hurriedUntil = this.environment.now() + forMs;
    if (!this.running) return;
    this.cancelTimer();
    void this.tick();
  }

  private async tick(): Promise<void> {
    if (!this.running || this.environment.isHidden()) return;
    if (this.inFlight) return;
    this.inFlight = true;
    try {
      await this.refresh();
    } finally {
      this.inFlight = false;
      this.schedule();
    }
  }

  private schedule(): void {
    this.cancelTimer();
    if (!this.running || this.environment.isHidden()) return;
    const hurried = this.environment.now() < this.hurriedUntil;
    this.timer = this.environment.setTimer(
      () => {
        this.timer = undefined;
        void this.tick();
      },
      hurried ? this.timing.hurriedIntervalMs : this.timing.intervalMs,
    );
  }

  private cancelTimer(): void {
    if (this.timer !== undefined) this.environment.clearTimer(this.timer);
    this.timer = undefined;
  }
}
