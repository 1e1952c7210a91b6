import { emit } from '@tauri-apps/api/event';
import { mockIPC } from '@tauri-apps/api/mocks';
import { get } from 'svelte/store';
import { describe, expect, it } from 'vitest';
import { exportBusy, loadExportPrefs, runExport, saveExportPrefs } from './exportRun';
import { EVENTS, type ExportProgress, type ExportReport, type ExportRequest } from './types';

const request: ExportRequest = {
  ids: null,
  format: 'html',
  fragment: true,
  out: '/srv/export',
  force: false,
  include_embargoed: false,
};

function report(out: string): ExportReport {
  return {
    out,
    format: 'html',
    exported: [],
    held_back: [],
    failed: [],
    skipped_existing: [],
    cancelled: [],
    listing: [],
    listing_kept: [],
    unlisted_embargoed: [],
  };
}

function progress(batch: number, done: number, article_id: number): ExportProgress {
  return { batch, done, total: 2, article_id, headline: `A${article_id}`, status: 'exported' };
}

describe('runExport', () => {
  it('follows its own batch: events that come before the batch id are kept, other batches ignored', async () => {
    mockIPC(
      async (cmd) => {
        if (cmd !== 'export_articles') return null;
        // The backend is quick: the first event is out before the command answers.
        await emit(EVENTS.exportProgress, progress(7, 1, 1));
        await emit(EVENTS.exportProgress, progress(6, 1, 99));
        setTimeout(() => {
          void emit(EVENTS.exportFinished, { batch: 6, report: report('/other') })
            .then(() => emit(EVENTS.exportProgress, progress(7, 2, 2)))
            .then(() => emit(EVENTS.exportFinished, { batch: 7, report: report('/srv/export') }));
        }, 5);
        return 7;
      },
      { shouldMockEvents: true },
    );
    const seen: ExportProgress[] = [];
    const run = runExport(request, (p) => seen.push(p));
    await Promise.resolve();
    const r = await run;
    expect(r.out).toBe('/srv/export');
    expect(seen.map((p) => [p.batch, p.article_id])).toEqual([
      [7, 1],
      [7, 2],
    ]);
    expect(get(exportBusy)).toBe(false);
  });

  it('a finished event before the batch id still ends the run', async () => {
    mockIPC(
      async (cmd) => {
        if (cmd !== 'export_articles') return null;
        await emit(EVENTS.exportFinished, { batch: 3, report: report('/fast') });
        return 3;
      },
      { shouldMockEvents: true },
    );
    await expect(runExport(request, () => {})).resolves.toMatchObject({ out: '/fast' });
  });

  it('a batch that ends without a report (an unusable folder) rejects with its error', async () => {
    mockIPC(
      async (cmd) => {
        if (cmd !== 'export_articles') return null;
        setTimeout(() => {
          void emit(EVENTS.exportFinished, {
            batch: 4,
            report: null,
            error: { code: 'invalid_input', message: '/srv/x: not a folder' },
          });
        }, 5);
        return 4;
      },
      { shouldMockEvents: true },
    );
    await expect(runExport(request, () => {})).rejects.toEqual({ code: 'invalid_input', message: '/srv/x: not a folder' });
    expect(get(exportBusy)).toBe(false);
  });

  it('is busy while it runs; a refused start rejects with { code, message } and is not busy any more', async () => {
    let busyDuringCall = false;
    mockIPC(
      (cmd) => {
        if (cmd === 'export_articles') {
          busyDuringCall = get(exportBusy);
          return Promise.reject({ code: 'invalid_input', message: 'no target folder' });
        }
        return null;
      },
      { shouldMockEvents: true },
    );
    await expect(runExport(request, () => {})).rejects.toEqual({ code: 'invalid_input', message: 'no target folder' });
    expect(busyDuringCall).toBe(true);
    expect(get(exportBusy)).toBe(false);
  });
});

describe('export preferences', () => {
  it('default to both formats, no fragment, no folder; remember the last choice', () => {
    expect(loadExportPrefs()).toEqual({ folder: null, format: 'both', fragment: false });
    saveExportPrefs({ folder: '/srv/web', format: 'ninjs', fragment: true });
    expect(loadExportPrefs()).toEqual({ folder: '/srv/web', format: 'ninjs', fragment: true });
    localStorage.setItem('newsroom.export.format', 'pdf');
    expect(loadExportPrefs().format).toBe('both');
  });
});
