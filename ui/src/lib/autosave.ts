// Autosave scheduler: debounced saves, never two in flight, the latest state wins.
//
//   const a = new Autosave({ snapshot: () => form, save: (input) => saveArticle(id, input) });
//   a.change();      // on every edit: saves `delay` ms after the last change
//   await a.flush(); // Ctrl+S, leaving the editor: save now, wait until everything is stored
//
// `snapshot` is read when a save starts, so whatever the user typed meanwhile goes out
// with the next save. While a save is in flight, further saves wait and then send only the
// latest snapshot.

export type SaveStatus = 'saved' | 'saving' | 'dirty' | 'error';

export interface AutosaveOptions<T, R> {
  /** The current data, read when a save starts. */
  snapshot: () => T;
  /** Persist. A rejection marks the status 'error' and keeps the data dirty. */
  save: (data: T) => Promise<R>;
  /** Debounce after the last change, ms. */
  delay?: number;
  /** Upper bound on how long a burst of changes can postpone a save, ms. */
  maxWait?: number;
  /** After a failed save, try again after this many ms (0 = only on the next change/flush). */
  retryDelay?: number;
  onStatus?: (status: SaveStatus) => void;
  onSaved?: (result: R, data: T) => void;
  onError?: (error: unknown) => void;
}

export const AUTOSAVE_DELAY_MS = 800;
export const AUTOSAVE_MAX_WAIT_MS = 1500;
export const AUTOSAVE_RETRY_MS = 5000;

export class Autosave<T, R = unknown> {
  private readonly opts: AutosaveOptions<T, R>;
  private readonly delay: number;
  private readonly maxWait: number;
  private readonly retryDelay: number;
  private version = 0;
  private savedVersion = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private firstPendingChangeAt: number | null = null;
  private inflight: Promise<void> | null = null;
  private runAgain = false;
  private failed = false;
  private disposed = false;
  private lastStatus: SaveStatus = 'saved';

  constructor(opts: AutosaveOptions<T, R>) {
    this.opts = opts;
    this.delay = opts.delay ?? AUTOSAVE_DELAY_MS;
    this.maxWait = opts.maxWait ?? AUTOSAVE_MAX_WAIT_MS;
    this.retryDelay = opts.retryDelay ?? AUTOSAVE_RETRY_MS;
  }

  get status(): SaveStatus {
    if (this.inflight) return 'saving';
    if (this.failed) return 'error';
    if (this.version > this.savedVersion) return 'dirty';
    return 'saved';
  }

  /** True while something is unsaved or being saved. */
  get pending(): boolean {
    return this.inflight !== null || this.version > this.savedVersion;
  }

  /** Record an edit; a save follows `delay` ms after the last one. */
  change(): void {
    if (this.disposed) return;
    this.version++;
    this.failed = false;
    this.clearRetry();
    const now = Date.now();
    if (this.firstPendingChangeAt === null) this.firstPendingChangeAt = now;
    const waited = now - this.firstPendingChangeAt;
    const wait = Math.max(0, Math.min(this.delay, this.maxWait - waited));
    this.clearTimer();
    this.timer = setTimeout(() => {
      this.timer = null;
      this.kick();
    }, wait);
    this.emit();
  }

  /**
   * Save now (Ctrl+S, leaving the editor) and resolve once everything up to this moment is
   * stored. Resolves false if a save failed.
   */
  async flush(): Promise<boolean> {
    this.clearTimer();
    this.clearRetry();
    for (;;) {
      if (this.inflight) {
        // Wait for the save under way (it may chain a follow-up save); then look again.
        await this.inflight;
        continue;
      }
      if (this.version > this.savedVersion) {
        this.start();
        await this.inflight;
        if (this.failed) return false;
        continue;
      }
      return true;
    }
  }

  /** Stop timers; an in-flight save still completes. */
  dispose(): void {
    this.disposed = true;
    this.clearTimer();
    this.clearRetry();
  }

  private kick(): void {
    if (this.inflight) {
      this.runAgain = true;
      return;
    }
    this.start();
  }

  private start(): void {
    if (this.inflight || this.version <= this.savedVersion) return;
    this.clearRetry();
    const version = this.version;
    const data = this.opts.snapshot();
    this.firstPendingChangeAt = null;
    this.runAgain = false;
    this.inflight = (async () => {
      let ok = false;
      try {
        const result = await this.opts.save(data);
        ok = true;
        this.savedVersion = Math.max(this.savedVersion, version);
        this.failed = false;
        this.opts.onSaved?.(result, data);
      } catch (e) {
        this.failed = true;
        this.opts.onError?.(e);
      } finally {
        this.inflight = null;
        const again = this.runAgain;
        this.runAgain = false;
        if (ok && again && this.version > this.savedVersion) {
          this.start();
        } else if (!ok && !this.disposed && this.retryDelay > 0) {
          this.clearRetry();
          this.retryTimer = setTimeout(() => {
            this.retryTimer = null;
            this.kick();
          }, this.retryDelay);
        }
        this.emit();
      }
    })();
    this.emit();
  }

  private clearTimer(): void {
    if (this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
    }
  }

  private clearRetry(): void {
    if (this.retryTimer !== null) {
      clearTimeout(this.retryTimer);
      this.retryTimer = null;
    }
  }

  private emit(): void {
    const s = this.status;
    if (s !== this.lastStatus) {
      this.lastStatus = s;
      this.opts.onStatus?.(s);
    }
  }
}
