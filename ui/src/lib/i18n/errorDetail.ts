// The detail of a backend error, worded in the UI's language from the values the backend
// sends with the code (see `ErrorValues`): what a refused file is, which limit it is over,
// which article or photo is missing, which path failed and why.

import type { ErrorValues, FileKind, IoProblem } from '../types';
import type { MessageKey } from './de';

/** What the wording needs of one language (passed in, so this module imports no dictionary). */
export type Wording = {
  lang: 'de' | 'en';
  t: (key: MessageKey, params?: Record<string, string | number>) => string;
  fileKinds: Record<FileKind, string>;
  ioProblems: Record<IoProblem, string>;
};

function number(w: Wording, n: number | undefined): string {
  return new Intl.NumberFormat(w.lang === 'de' ? 'de-DE' : 'en-GB', { maximumFractionDigits: 1 }).format(n ?? 0);
}

/** The worded detail, or '' when the values say nothing this build can word. */
export function errorDetail(w: Wording, v: ErrorValues): string {
  if (v.rule) return w.t(`error.detail.rule.${v.rule}`, { limit: number(w, v.limit), name: v.name ?? '' });
  if (v.found) return w.t('error.detail.found', { file: w.fileKinds[v.found] ?? v.found });
  if (v.over) {
    const key = ({
      file_size: 'error.detail.file_size',
      pixels: 'error.detail.pixels',
      memory: 'error.detail.memory',
      scans: 'error.detail.scans',
      render_time: 'error.detail.render_time',
    } as const)[v.over];
    return w.t(key, {
      value: number(w, v.value),
      limit: number(w, v.limit),
      width: number(w, v.width),
      height: number(w, v.height),
    });
  }
  if (v.bytes != null) {
    return v.bytes === 0 ? w.t('error.detail.empty') : w.t('error.detail.bytes', { bytes: number(w, v.bytes) });
  }
  if (v.missing) {
    return w.t(`error.detail.missing.${v.missing}`, { id: v.id ?? '', rev: v.rev ?? '' });
  }
  if (v.io && v.path) return w.t('error.detail.io', { path: v.path, problem: w.ioProblems[v.io] ?? v.io });
  if (v.value != null && v.limit != null) {
    return w.t('error.detail.schema', { value: number(w, v.value), limit: number(w, v.limit) });
  }
  return v.path ?? '';
}
