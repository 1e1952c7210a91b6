// Test helper: answer IPC from a FakeLibrary (the backend's recorded answers) and record
// every call. Events (listen/emit) are mocked too; the library's import and export events
// reach the UI. What a test needs beyond the recording it gives as `overrides`, one function
// per command; reads nobody recorded fail the test (see setup.ts).
import { emit } from '@tauri-apps/api/event';
import { mockIPC } from '@tauri-apps/api/mocks';
import { FakeLibrary } from '../dev/fakeBackend';
import type { Article, Command } from '../lib/types';

export interface IpcCall {
  cmd: Command;
  args: Record<string, unknown>;
}

export type Overrides = Partial<Record<Command, (args: Record<string, unknown>) => unknown>>;

/** An answer that never comes: for a read whose answer the test does not look at. */
export const noAnswer = (): Promise<never> => new Promise(() => {});

let current: FakeLibrary | null = null;

export function installIpc(lib = new FakeLibrary(), overrides: Overrides = {}) {
  current = lib;
  const calls: IpcCall[] = [];
  mockIPC((name, payload) => {
    const cmd = name as Command;
    const args = JSON.parse(JSON.stringify(payload ?? {})) as Record<string, unknown>;
    calls.push({ cmd, args });
    const o = overrides[cmd];
    return o ? o(args) : lib.handle(cmd, args);
  }, { shouldMockEvents: true });
  // Backend events (import and export progress) go through the mocked event bus.
  lib.emit = (event, payload) => void emit(event, payload);
  return {
    lib,
    calls,
    callsOf: (cmd: Command) => calls.filter((c) => c.cmd === cmd),
    lastOf: (cmd: Command): IpcCall | undefined => calls.filter((c) => c.cmd === cmd).slice(-1)[0],
  };
}

/** What the library installed last was asked for that nobody recorded; forgets it. */
export function takeUnrecorded(): string[] {
  const asked = current ? [...current.unrecorded] : [];
  current = null;
  return asked;
}

/**
 * A `save_article` override: the first save meets a colleague's change. `theirs` is stored
 * as the article and the save comes back as a conflict on those fields, kept as revision
 * `rev`; later saves are stored as usual.
 */
export function colleagueSavedFirst(
  lib: FakeLibrary,
  articleId: number,
  theirs: Partial<Article>,
  by: string,
  rev: number,
): Overrides['save_article'] {
  let first = true;
  return (args) => {
    const saved = lib.handle('save_article', args) as Article;
    if (!first) return saved;
    first = false;
    const stored = { ...saved, ...theirs };
    lib.articles.set(articleId, stored);
    return { ...stored, conflicts: Object.keys(theirs), conflict_rev: rev, merged: true, changed_by: by };
  };
}
