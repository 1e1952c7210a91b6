import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { debounce, throttle } from './debounce';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('throttle', () => {
  it('runs once per wait however many calls come, and never starves under a steady stream', () => {
    const fn = vi.fn();
    const t = throttle(fn, 400);
    const d = debounce(fn, 300);
    // A colleague's save every 100 ms for 2 s.
    for (let ms = 0; ms < 2000; ms += 100) {
      t();
      vi.advanceTimersByTime(100);
    }
    expect(fn).toHaveBeenCalledTimes(5);
    // A debounce under the same stream would not have run at all.
    fn.mockClear();
    for (let ms = 0; ms < 2000; ms += 100) {
      d();
      vi.advanceTimersByTime(100);
    }
    expect(fn).toHaveBeenCalledTimes(0);
    d.cancel();
  });

  it('cancel drops the pending run', () => {
    const fn = vi.fn();
    const t = throttle(fn, 400);
    t();
    t.cancel();
    vi.advanceTimersByTime(1000);
    expect(fn).not.toHaveBeenCalled();
  });
});
