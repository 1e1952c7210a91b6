// An export as the UI sees it. The export runs in the backend (export_articles answers with
// a batch id at once); progress and the report arrive as events, like the photo import.
// Events may arrive before the batch id does, so they are held until it is known; events of
// other batches are ignored.

import { writable } from 'svelte/store';
import { exportArticles, onExportFinished, onExportProgress } from './backend';
import { EXPORT_FORMATS, type ExportFinished, type ExportFormat, type ExportProgress, type ExportReport, type ExportRequest } from './types';

/**
 * The request the export dialog sends: the fragment choice only counts when HTML is written.
 * Articles under an embargo are listed in index.html and feed.json only when asked.
 */
export function buildExportRequest(
  ids: number[] | null,
  format: ExportFormat,
  fragment: boolean,
  out: string,
  force: boolean,
  includeEmbargoed = false,
): ExportRequest {
  return {
    ids: ids ? [...ids] : null,
    format,
    fragment: format !== 'ninjs' && fragment,
    out,
    force,
    include_embargoed: includeEmbargoed,
  };
}

/**
 * Folders chosen in the folder dialog in this session. The app writes only into those: a
 * folder remembered from an earlier session is chosen again (the dialog opens in it) before
 * the first export into it.
 */
const chosenThisSession = new Set<string>();

export function folderChosen(folder: string): void {
  chosenThisSession.add(folder);
}

export function folderChosenThisSession(folder: string | null): boolean {
  return folder !== null && chosenThisSession.has(folder);
}

/** True while an export started from this window runs (App ignores navigation shortcuts). */
export const exportBusy = writable(false);

/**
 * Start an export and follow it to its end. `onProgress` gets every progress event of this
 * batch, `onStarted` its id once known (to cancel it); resolves with the report (rejects with
 * the backend's error if it could not start, or if the batch ended without a report: an
 * unusable output folder).
 */
export async function runExport(
  request: ExportRequest,
  onProgress: (p: ExportProgress) => void,
  onStarted?: (batch: number) => void,
): Promise<ExportReport> {
  let batch: number | null = null;
  const early: ExportProgress[] = [];
  const earlyFinished: ExportFinished[] = [];
  let settle: (f: ExportFinished) => void = () => {};
  const finished = new Promise<ExportReport>((resolve, reject) => {
    settle = (f) => {
      if (f.report) resolve(f.report);
      else reject(f.error ?? { code: 'internal', message: 'the export ended without a report' });
    };
  });

  const offs: (() => void)[] = [];
  exportBusy.set(true);
  try {
    offs.push(
      await onExportProgress((p) => {
        if (batch === null) early.push(p);
        else if (p.batch === batch) onProgress(p);
      }),
    );
    offs.push(
      await onExportFinished((f) => {
        if (batch === null) earlyFinished.push(f);
        else if (f.batch === batch) settle(f);
      }),
    );
    batch = await exportArticles(request);
    onStarted?.(batch);
    for (const p of early) if (p.batch === batch) onProgress(p);
    const f = earlyFinished.find((x) => x.batch === batch);
    if (f) settle(f);
    return await finished;
  } finally {
    for (const off of offs) off();
    exportBusy.set(false);
  }
}

const FOLDER_KEY = 'newsroom.export.folder';
const FORMAT_KEY = 'newsroom.export.format';
const FRAGMENT_KEY = 'newsroom.export.fragment';

export interface ExportPrefs {
  folder: string | null;
  format: ExportFormat;
  fragment: boolean;
}

/** The last folder, format and fragment choice (the desk exports to the same place each time). */
export function loadExportPrefs(): ExportPrefs {
  const prefs: ExportPrefs = { folder: null, format: 'both', fragment: false };
  try {
    const folder = localStorage.getItem(FOLDER_KEY);
    if (folder) prefs.folder = folder;
    const format = localStorage.getItem(FORMAT_KEY);
    const known = EXPORT_FORMATS.find((f) => f === format);
    if (known) prefs.format = known;
    prefs.fragment = localStorage.getItem(FRAGMENT_KEY) === '1';
  } catch {
    /* storage unavailable */
  }
  return prefs;
}

export function saveExportPrefs(p: ExportPrefs): void {
  try {
    if (p.folder) localStorage.setItem(FOLDER_KEY, p.folder);
    localStorage.setItem(FORMAT_KEY, p.format);
    localStorage.setItem(FRAGMENT_KEY, p.fragment ? '1' : '0');
  } catch {
    /* storage unavailable */
  }
}
