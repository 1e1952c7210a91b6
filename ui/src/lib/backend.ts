// The only module that talks to Tauri. Everything else in the UI calls the typed
// functions below; no other file may import from `@tauri-apps/*`.
//
// Every rejection is normalised to a plain `BackendError` object ({ code, message }) so the
// UI can translate `code` and show `message` as detail. A rejection that is a string (or
// anything without a string `code`) becomes { code: 'internal', message: String(e) }.

import { invoke, isTauri as tauriIsTauri } from '@tauri-apps/api/core';
import { listen } from '@tauri-apps/api/event';
import type {
  Article,
  ArticleInput,
  ArticlePage,
  ArticleState,
  BackendError,
  LibraryInfo,
  ListQuery,
  RevisionSummary,
} from './types';

export type SuggestKind = 'topic' | 'place';

/** Map whatever a rejected `invoke` gave us to `{ code, message }`. */
export function toBackendError(e: unknown): BackendError {
  if (e !== null && typeof e === 'object') {
    const o = e as Record<string, unknown>;
    if (typeof o.code === 'string' && o.code.length > 0) {
      return {
        code: o.code,
        message: typeof o.message === 'string' ? o.message : o.message == null ? '' : String(o.message),
      };
    }
    if (e instanceof Error) return { code: 'internal', message: e.message || String(e) };
    if (typeof o.message === 'string') return { code: 'internal', message: o.message };
  }
  return { code: 'internal', message: String(e) };
}

/** True if `e` looks like a BackendError (code + message strings). */
export function isBackendError(e: unknown): e is BackendError {
  return (
    e !== null &&
    typeof e === 'object' &&
    typeof (e as BackendError).code === 'string' &&
    typeof (e as BackendError).message === 'string'
  );
}

async function call<T>(command: string, args: Record<string, unknown> = {}): Promise<T> {
  try {
    return (await invoke(command, args)) as T;
  } catch (e) {
    // Reject with a plain { code, message } object: the shape the backend promises.
    throw toBackendError(e);
  }
}

/** True inside the Tauri webview. */
export function isTauri(): boolean {
  try {
    return tauriIsTauri() || (typeof window !== 'undefined' && '__TAURI_INTERNALS__' in window);
  } catch {
    return false;
  }
}

export function libraryInfo(): Promise<LibraryInfo> {
  return call('library_info');
}

export function listArticles(query: ListQuery): Promise<ArticlePage> {
  return call('list_articles', { query });
}

export function getArticle(id: number): Promise<Article> {
  return call('get_article', { id });
}

export function createArticle(input: ArticleInput): Promise<Article> {
  return call('create_article', { input });
}

export function saveArticle(id: number, input: ArticleInput): Promise<Article> {
  return call('save_article', { id, input });
}

export function deleteArticle(id: number): Promise<null> {
  return call('delete_article', { id });
}

export function setState(id: number, state: ArticleState): Promise<Article> {
  return call('set_state', { id, state });
}

export function listRevisions(id: number): Promise<RevisionSummary[]> {
  return call('list_revisions', { id });
}

export function getRevision(id: number, rev: number): Promise<Article> {
  return call('get_revision', { id, rev });
}

export function restoreRevision(id: number, rev: number): Promise<Article> {
  return call('restore_revision', { id, rev });
}

export function renderPreview(body: string): Promise<string> {
  return call('render_preview', { body });
}

export function suggest(kind: SuggestKind, prefix: string): Promise<string[]> {
  return call('suggest', { kind, prefix });
}

export function uiReady(): Promise<null> {
  return call('ui_ready');
}

/**
 * Closing the window: the backend asks first (`newsroom://close-requested`), `save` runs
 * (e.g. the autosave flush), then the backend is told to close. If `save` fails or hangs the
 * backend closes after its own timeout anyway.
 */
export async function onCloseRequested(save: () => Promise<unknown>): Promise<() => void> {
  return listen('newsroom://close-requested', async () => {
    try {
      await save();
    } catch (e) {
      // Nothing more can be done here: the window closes either way.
      console.error('saving before close failed', e);
    }
    await call('close_ready').catch(() => {});
  });
}

/**
 * Development only: answer IPC calls in a plain browser (`npm run dev` without Tauri)
 * with `handler`. Loaded lazily so the mock code never runs inside the app.
 */
export async function installMockBackend(
  handler: (cmd: string, args: Record<string, unknown>) => unknown,
): Promise<void> {
  const { mockIPC } = await import('@tauri-apps/api/mocks');
  mockIPC((cmd, payload) => handler(cmd, (payload ?? {}) as Record<string, unknown>));
}
