// Error (and occasional info) toasts. Errors keep the raw BackendError so the text is
// translated at render time and follows a language switch.

import { writable } from 'svelte/store';
import { toBackendError } from './backend';
import type { MessageKey, Params } from './i18n';
import type { BackendError } from './types';

export type Toast =
  | { id: number; kind: 'error'; error: BackendError }
  | { id: number; kind: 'info'; key: MessageKey; params?: Params };

const MAX_TOASTS = 4;
let nextId = 1;

export const toasts = writable<Toast[]>([]);

/** Show any rejection from the backend (or elsewhere) as an error toast. */
export function pushError(e: unknown): void {
  const error = toBackendError(e);
  toasts.update((list) => {
    // The same error again (e.g. while typing) does not stack up.
    const rest = list.filter(
      (t) => !(t.kind === 'error' && t.error.code === error.code && t.error.message === error.message),
    );
    return [...rest, { id: nextId++, kind: 'error' as const, error }].slice(-MAX_TOASTS);
  });
}

export function pushInfo(key: MessageKey, params?: Params, timeoutMs = 4000): void {
  const id = nextId++;
  toasts.update((list) => [...list, { id, kind: 'info' as const, key, params }].slice(-MAX_TOASTS));
  if (timeoutMs > 0) setTimeout(() => dismissToast(id), timeoutMs);
}

export function dismissToast(id: number): void {
  toasts.update((list) => list.filter((t) => t.id !== id));
}

export function clearToasts(): void {
  toasts.set([]);
}
