// Photo import as the UI sees it. The import runs in the backend; this store only follows
// its events (import progress, import finished), so the window never blocks. Imports
// started while one is running are added to the same progress bar.

import { get, writable } from 'svelte/store';
import { importPhotos, onImportFinished, onImportProgress, pickPhotoFiles } from './backend';
import { dialogText, lang } from './i18n';
import { pushError } from './toasts';
import type { ImportFinished, ImportItem } from './types';

export interface ImportState {
  running: boolean;
  /** Files reported so far / files sent, over all batches since the last reset. */
  done: number;
  total: number;
  /** Failures, exact duplicates and near duplicates, in arrival order. */
  notes: ImportItem[];
  /** Totals once every batch finished. */
  summary: ImportFinished | null;
  /** Bumped whenever a photo was added (the library reloads). */
  added: number;
}

const idle: ImportState = { running: false, done: 0, total: 0, notes: [], summary: null, added: 0 };

export const importState = writable<ImportState>({ ...idle });

let started = 0;
let finished = 0;
let totals = { imported: 0, duplicates: 0, failed: 0 };
let listening: Promise<void> | null = null;

/** Subscribe to the backend's import events (once). */
export function listenForImports(): Promise<void> {
  listening ??= (async () => {
    await onImportProgress((p) => {
      importState.update((s) => {
        const note =
          !p.item.ok || p.item.duplicate || (p.item.near_duplicates?.length ?? 0) > 0 || (p.item.warnings?.length ?? 0) > 0;
        const added = p.item.ok && !p.item.duplicate;
        return {
          ...s,
          done: s.done + 1,
          total: Math.max(s.total, s.done + 1),
          notes: note ? [...s.notes, p.item] : s.notes,
          added: added ? s.added + 1 : s.added,
        };
      });
    });
    await onImportFinished((f) => {
      finished++;
      totals = {
        imported: totals.imported + f.imported,
        duplicates: totals.duplicates + f.duplicates,
        failed: totals.failed + f.failed,
      };
      const all = finished >= started;
      importState.update((s) => ({
        ...s,
        running: !all,
        summary: all ? { batch: f.batch, ...totals } : s.summary,
      }));
    });
  })().catch((e) => {
    listening = null;
    throw e;
  });
  return listening;
}

/** Start importing `paths` in the background. */
export async function startImport(paths: string[]): Promise<void> {
  if (paths.length === 0) return;
  try {
    await listenForImports();
    const s = get(importState);
    if (!s.running) {
      // A new run: forget the previous results.
      started = 0;
      finished = 0;
      totals = { imported: 0, duplicates: 0, failed: 0 };
      importState.set({ ...idle, added: s.added, running: true, total: paths.length });
    } else {
      importState.update((x) => ({ ...x, total: x.total + paths.length }));
    }
    started++;
    await importPhotos(paths);
  } catch (e) {
    started = Math.max(0, started - 1);
    importState.update((x) => ({ ...x, running: finished < started, total: Math.max(x.done, x.total - paths.length) }));
    pushError(e);
  }
}

/** "Bilder importieren …": the native file dialog, then the import. */
export async function pickAndImport(): Promise<void> {
  let paths: string[];
  try {
    paths = await pickPhotoFiles(dialogText(get(lang), 'import'));
  } catch (e) {
    pushError(e);
    return;
  }
  await startImport(paths);
}

export function dismissImportResults(): void {
  importState.update((s) => (s.running ? s : { ...idle, added: s.added }));
}

/** Tests only. */
export function resetImportState(): void {
  started = 0;
  finished = 0;
  totals = { imported: 0, duplicates: 0, failed: 0 };
  listening = null;
  importState.set({ ...idle });
}
