import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AUTOSAVE_DELAY_MS, AUTOSAVE_MAX_WAIT_MS, Autosave, type SaveStatus } from './autosave';

/** A save function whose calls stay pending until the test resolves/rejects them. */
function controlledSave() {
  const calls: { data: string; resolve: (v: string) => void; reject: (e: unknown) => void }[] = [];
  const save = vi.fn(
    (data: string) =>
      new Promise<string>((resolve, reject) => {
        calls.push({ data, resolve, reject });
      }),
  );
  return { save, calls };
}

let value = '';
let statuses: SaveStatus[] = [];

function make(save: (d: string) => Promise<string>, extra: Partial<ConstructorParameters<typeof Autosave<string, string>>[0]> = {}) {
  statuses = [];
  return new Autosave<string, string>({
    snapshot: () => value,
    save,
    onStatus: (s) => statuses.push(s),
    ...extra,
  });
}

/** Let promise callbacks run (resolved saves, the finally block). */
const settle = () => vi.advanceTimersByTimeAsync(0);

beforeEach(() => {
  vi.useFakeTimers();
  value = '';
});

afterEach(() => {
  vi.useRealTimers();
});

describe('Autosave', () => {
  it('saves once, 800 ms after the last change (debounce)', async () => {
    const { save, calls } = controlledSave();
    // The debounce alone: the max wait (tested below) is set out of the way.
    const a = make(save, { maxWait: 10_000 });
    expect(AUTOSAVE_DELAY_MS).toBe(800);
    value = 'H';
    a.change();
    expect(a.status).toBe('dirty');
    await vi.advanceTimersByTimeAsync(500);
    value = 'Ha';
    a.change();
    await vi.advanceTimersByTimeAsync(500);
    value = 'Hal';
    a.change();
    await vi.advanceTimersByTimeAsync(799);
    expect(save).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(save).toHaveBeenCalledTimes(1);
    expect(calls[0].data).toBe('Hal');
    expect(a.status).toBe('saving');
    calls[0].resolve('ok');
    await settle();
    expect(a.status).toBe('saved');
    expect(statuses).toEqual(['dirty', 'saving', 'saved']);
  });

  it('a long burst of typing still saves within maxWait', async () => {
    const { save } = controlledSave();
    const a = make(save, { maxWait: 2000 });
    for (let i = 0; i < 10; i++) {
      value = `v${i}`;
      a.change();
      await vi.advanceTimersByTimeAsync(300);
    }
    // 3 s of typing every 300 ms: a pure debounce would not have saved yet.
    expect(save).toHaveBeenCalled();
  });

  it('by default, unbroken typing is saved at least every 1.5 s (a crash loses ≤ 2 s)', async () => {
    expect(AUTOSAVE_MAX_WAIT_MS).toBeLessThanOrEqual(1500);
    const { save, calls } = controlledSave();
    const a = make(save);
    const savedAt: number[] = [];
    for (let t = 0; t < 6000; t += 100) {
      value = `v${t}`;
      a.change();
      await vi.advanceTimersByTimeAsync(100);
      while (calls.length > savedAt.length) {
        savedAt.push(t + 100);
        calls[savedAt.length - 1].resolve('ok');
        await settle();
      }
    }
    // The first save comes by 1.5 s, and no gap between saves exceeds 1.5 s (+ one tick).
    expect(savedAt[0]).toBeLessThanOrEqual(1500);
    for (let i = 1; i < savedAt.length; i++) expect(savedAt[i] - savedAt[i - 1]).toBeLessThanOrEqual(1600);
    expect(savedAt.length).toBeGreaterThanOrEqual(4);
  });

  it('never runs two saves at once; the latest data wins', async () => {
    const { save, calls } = controlledSave();
    const a = make(save);
    value = 'one';
    a.change();
    await vi.advanceTimersByTimeAsync(800);
    expect(calls).toHaveLength(1);

    // While "one" is in flight the user keeps typing; the debounce fires twice.
    value = 'two';
    a.change();
    await vi.advanceTimersByTimeAsync(800);
    value = 'three';
    a.change();
    await vi.advanceTimersByTimeAsync(800);
    expect(calls).toHaveLength(1); // still only one in flight
    expect(a.status).toBe('saving');

    calls[0].resolve('ok');
    await settle();
    // The queued save goes out right away with the newest state only.
    expect(calls).toHaveLength(2);
    expect(calls[1].data).toBe('three');
    calls[1].resolve('ok');
    await settle();
    expect(calls).toHaveLength(2);
    expect(a.status).toBe('saved');
  });

  it('a change during a save is saved after it (not lost)', async () => {
    const { save, calls } = controlledSave();
    const a = make(save);
    value = 'a';
    a.change();
    await vi.advanceTimersByTimeAsync(800);
    value = 'ab';
    a.change(); // timer pending, save in flight
    calls[0].resolve('ok');
    await settle();
    expect(a.status).toBe('dirty');
    await vi.advanceTimersByTimeAsync(800);
    expect(calls.map((c) => c.data)).toEqual(['a', 'ab']);
    calls[1].resolve('ok');
    await settle();
    expect(a.status).toBe('saved');
  });

  it('flush (Ctrl+S) saves immediately and resolves when stored', async () => {
    const { save, calls } = controlledSave();
    const a = make(save);
    value = 'x';
    a.change();
    const done = vi.fn();
    const p = a.flush().then(done);
    await settle();
    expect(calls).toHaveLength(1);
    expect(calls[0].data).toBe('x');
    expect(done).not.toHaveBeenCalled();
    calls[0].resolve('ok');
    await p;
    expect(done).toHaveBeenCalledWith(true);
    // The debounce timer was cancelled: no second save later.
    await vi.advanceTimersByTimeAsync(5000);
    expect(calls).toHaveLength(1);
  });

  it('flush while a save is in flight waits for it, then saves the newer state', async () => {
    const { save, calls } = controlledSave();
    const a = make(save);
    value = 'first';
    a.change();
    await vi.advanceTimersByTimeAsync(800);
    value = 'second';
    a.change();
    const p = a.flush();
    await settle();
    expect(calls).toHaveLength(1); // no concurrent save
    calls[0].resolve('ok');
    await settle();
    expect(calls).toHaveLength(2);
    expect(calls[1].data).toBe('second');
    calls[1].resolve('ok');
    await expect(p).resolves.toBe(true);
    expect(a.status).toBe('saved');
  });

  it('flush with nothing to save resolves at once without saving', async () => {
    const { save } = controlledSave();
    const a = make(save);
    await expect(a.flush()).resolves.toBe(true);
    expect(save).not.toHaveBeenCalled();
    expect(a.status).toBe('saved');
  });

  it('a failed save shows error, keeps the data dirty and retries', async () => {
    const { save, calls } = controlledSave();
    const onError = vi.fn();
    const a = make(save, { onError, retryDelay: 5000 });
    value = 'x';
    a.change();
    await vi.advanceTimersByTimeAsync(800);
    calls[0].reject({ code: 'database', message: 'disk full' });
    await settle();
    expect(a.status).toBe('error');
    expect(onError).toHaveBeenCalledWith({ code: 'database', message: 'disk full' });
    expect(a.pending).toBe(true);
    await vi.advanceTimersByTimeAsync(5000);
    expect(calls).toHaveLength(2);
    expect(calls[1].data).toBe('x');
    calls[1].resolve('ok');
    await settle();
    expect(a.status).toBe('saved');
    expect(statuses).toEqual(['dirty', 'saving', 'error', 'saving', 'saved']);
  });

  it('flush reports a failure', async () => {
    const { save, calls } = controlledSave();
    const a = make(save, { retryDelay: 0 });
    value = 'x';
    a.change();
    const p = a.flush();
    await settle();
    calls[0].reject('nope');
    await expect(p).resolves.toBe(false);
    expect(a.status).toBe('error');
  });

  it('onSaved gets the backend result and the data that was sent', async () => {
    const { save, calls } = controlledSave();
    const onSaved = vi.fn();
    const a = make(save, { onSaved });
    value = 'x';
    a.change();
    await vi.advanceTimersByTimeAsync(800);
    calls[0].resolve('article-from-backend');
    await settle();
    expect(onSaved).toHaveBeenCalledWith('article-from-backend', 'x');
  });

  it('dispose stops pending timers', async () => {
    const { save } = controlledSave();
    const a = make(save);
    value = 'x';
    a.change();
    a.dispose();
    await vi.advanceTimersByTimeAsync(5000);
    expect(save).not.toHaveBeenCalled();
    a.change();
    await vi.advanceTimersByTimeAsync(5000);
    expect(save).not.toHaveBeenCalled();
  });
});
