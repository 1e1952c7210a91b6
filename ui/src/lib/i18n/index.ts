// German first, English second. Every visible string lives in de.ts and en.ts; this module
// is the language switch and the wording of codes (backend errors, preflight checks).
//
// Components read the current translator from the `t` store (`$t('list.new')`) and switch
// with `setLang` / `toggleLang`; the choice is kept in localStorage under `newsroom.lang`
// and mirrored to <html lang>.

import { derived, get, writable } from 'svelte/store';
import { formatNewsroomDateTime } from '../dates';
import {
  isCheckCode,
  isErrorCode,
  type ArticleState,
  type BackendError,
  type CheckCode,
  type DialogText,
  type ErrorCode,
  type FileKind,
  type HeldField,
  type IoProblem,
  type MenuText,
  type PreflightCheck,
  type RevisionReason,
} from '../types';
import { de, deChecks, deErrors, deFileKinds, deIoProblems, type MessageKey } from './de';
import { en, enChecks, enErrors, enFileKinds, enIoProblems } from './en';
import { errorDetail } from './errorDetail';

export type { MessageKey };

export type Lang = 'de' | 'en';
export const LANGS: Lang[] = ['de', 'en'];
export const LANG_STORAGE_KEY = 'newsroom.lang';

export const dictionaries: Record<Lang, Record<MessageKey, string>> = { de, en };

/** The wording of every backend error code, per language. */
export const errorTexts: Record<Lang, Record<ErrorCode, string>> = { de: deErrors, en: enErrors };

/** What a refused file is, and why a file could not be read or written, per language. */
export const fileKindTexts: Record<Lang, Record<FileKind, string>> = { de: deFileKinds, en: enFileKinds };
export const ioProblemTexts: Record<Lang, Record<IoProblem, string>> = { de: deIoProblems, en: enIoProblems };

/** The wording of every preflight check code, per language. */
export const checkTexts: Record<Lang, Record<CheckCode, string>> = { de: deChecks, en: enChecks };

export type Params = Record<string, string | number>;

export function translate(lang: Lang, key: MessageKey, params?: Params): string {
  const template = dictionaries[lang][key] ?? dictionaries.de[key] ?? key;
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (m, name: string) =>
    Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : m,
  );
}

function isLang(v: unknown): v is Lang {
  return v === 'de' || v === 'en';
}

function readStoredLang(): Lang {
  try {
    const v = typeof localStorage !== 'undefined' ? localStorage.getItem(LANG_STORAGE_KEY) : null;
    if (isLang(v)) return v;
  } catch {
    /* storage unavailable */
  }
  return 'de';
}

export const lang = writable<Lang>(readStoredLang());

lang.subscribe((l) => {
  if (typeof document !== 'undefined') document.documentElement.lang = l;
});

export function setLang(l: Lang): void {
  lang.set(l);
  try {
    localStorage.setItem(LANG_STORAGE_KEY, l);
  } catch {
    /* storage unavailable */
  }
}

export function toggleLang(): Lang {
  const next: Lang = get(lang) === 'de' ? 'en' : 'de';
  setLang(next);
  return next;
}

/** Re-read the stored language (used at startup and by tests). */
export function loadLang(): Lang {
  const l = readStoredLang();
  lang.set(l);
  return l;
}

export type Translator = (key: MessageKey, params?: Params) => string;

export const t = derived(lang, (l): Translator => (key, params) => translate(l, key, params));

export function stateLabel(l: Lang, state: ArticleState): string {
  return translate(l, `state.${state}`);
}

// Payloads that arrive in events are not checked on the way in, so the wording of codes still
// copes with one this build does not have: it shows the code itself.

/**
 * A backend error as the user reads it: a translated title and a detail worded from the
 * values the backend sends with the code (what a file is, which limit, which path). Without
 * values the English UI shows the backend's text; the German one never shows English.
 */
export function describeError(l: Lang, err: BackendError): { title: string; detail: string } {
  const code: unknown = err.code;
  const known = isErrorCode(code);
  const title = known ? errorTexts[l][code] : translate(l, 'error.unknown', { code: String(code) });
  const worded =
    known && err.values
      ? errorDetail(
          { lang: l, t: (key, params) => translate(l, key, params), fileKinds: fileKindTexts[l], ioProblems: ioProblemTexts[l] },
          err.values,
        )
      : '';
  return { title, detail: worded || (l === 'en' || !known ? (err.message ?? '') : '') };
}

export function revisionReasonLabel(l: Lang, reason: RevisionReason): string {
  const key = `revisions.reason.${reason}` as const;
  return Object.prototype.hasOwnProperty.call(dictionaries[l], key)
    ? translate(l, key)
    : String(reason) || translate(l, 'revisions.reason.other');
}

/** The fields a save found changed at the same time, as the editor calls them: »Überschrift«, »Text«. */
export function conflictFields(l: Lang, fields: readonly string[]): string {
  return fields.map((field) => `»${checkFieldLabel(l, { field, photo_id: null })}«`).join(', ');
}

// --- Export preflight ----------------------------------------------------------------------

/** The field a check concerns, as the editor calls it ("related_links[2]" → "„Zum Thema“, Link 3"). */
export function checkFieldLabel(l: Lang, check: Pick<PreflightCheck, 'field' | 'photo_id'>): string {
  const field = check.field;
  const m = /^related_links\[(\d+)\]$/.exec(field);
  if (m) return translate(l, 'check.field.related_link', { n: Number(m[1]) + 1 });
  switch (field) {
    case 'headline':
      return translate(l, 'editor.headline');
    case 'teaser':
      return translate(l, 'editor.teaser');
    case 'published_at':
      return translate(l, 'editor.published_at');
    case 'embargo_until':
      return translate(l, 'editor.embargo_until');
    case 'lead_photo':
      return translate(l, 'lead.title');
    case 'base_url':
      return translate(l, 'check.field.base_url');
    case 'body':
      return check.photo_id != null ? translate(l, 'check.field.body_figure') : translate(l, 'editor.body');
    case 'related_links':
      return translate(l, 'editor.related');
    case 'state':
      return translate(l, 'list.filter_state');
    case 'kicker':
      return translate(l, 'editor.kicker');
    case 'author':
      return translate(l, 'editor.author');
    case 'contact':
      return translate(l, 'editor.contact');
    case 'topics':
      return translate(l, 'editor.topics');
    case 'places':
      return translate(l, 'editor.places');
    case 'lead_photo.caption':
      return translate(l, 'lead.caption');
    case 'lead_photo.alt_text':
      return translate(l, 'lead.alt');
    default:
      return field;
  }
}

/**
 * A check as the user reads it: a translated message, the field, and the detail worded from
 * the values the backend sends with it (a date, a character count, a held value, a link's
 * problem). Only an unknown code falls back to the backend's English detail, with the code.
 */
export function describeCheck(
  l: Lang,
  check: PreflightCheck,
): { message: string; field: string; detail: string; known: boolean } {
  const code: unknown = check.code;
  const known = isCheckCode(code);
  const message = known ? checkTexts[l][code] : translate(l, 'check.unknown', { code: String(code) });
  return { message, field: checkFieldLabel(l, check), detail: checkDetail(l, check, known), known };
}

function checkDetail(l: Lang, check: PreflightCheck, known: boolean): string {
  const date = check.until ? formatNewsroomDateTime(check.until, l) : '';
  if (date) return translate(l, 'check.detail.until', { date });
  if (check.crop != null) {
    const values = { crop: check.crop, width: check.width ?? '', limit: check.limit ?? '' };
    return translate(l, check.code === 'crop_narrow' ? 'check.detail.crop_narrow' : 'check.detail.crop', values);
  }
  if (check.chars != null && check.limit != null) {
    return translate(l, 'check.detail.chars', { n: check.chars, limit: check.limit });
  }
  if (check.problem === 'not_a_date') return translate(l, 'check.detail.not_a_date', { value: check.value ?? '' });
  if (check.problem === 'too_many') return translate(l, 'check.detail.too_many', { limit: check.limit ?? '' });
  if (check.link_problem) {
    return translate(l, `check.detail.link.${check.link_problem}`, { url: check.url ?? '' });
  }
  // A known check without values needs no detail: its message says it all.
  return known ? '' : (check.detail ?? '');
}

/** What is wrong with a value the library could not take, shown under its field. */
export function heldMessage(l: Lang, h: HeldField): string {
  switch (h.problem) {
    case 'too_long':
      return translate(l, 'held.too_long', { n: [...h.value].length, limit: h.limit ?? '' });
    case 'too_many':
      return translate(l, 'held.too_many', { limit: h.limit ?? '' });
    case 'not_a_date':
      return translate(l, 'held.not_a_date', { value: h.value });
    default:
      return translate(l, 'held.unknown');
  }
}

/** The line under a check's message: its field, the photo it concerns, and the detail. */
export function checkMeta(l: Lang, check: PreflightCheck): string {
  const d = describeCheck(l, check);
  const photo = check.photo_id != null ? translate(l, 'preflight.photo', { id: check.photo_id }) : '';
  return [d.field, photo, d.detail].filter(Boolean).join(' · ');
}

/** What the web view's context menu says, in the UI's language. */
export function menuText(l: Lang): MenuText {
  const w = (k: keyof MenuText) => translate(l, `menu.${k}`);
  return {
    cut: w('cut'),
    copy: w('copy'),
    paste: w('paste'),
    paste_plain: w('paste_plain'),
    delete: w('delete'),
    select_all: w('select_all'),
    no_guesses: w('no_guesses'),
    ignore_spelling: w('ignore_spelling'),
    add_to_dictionary: w('add_to_dictionary'),
    copy_link: w('copy_link'),
    copy_image: w('copy_image'),
    insert_emoji: w('insert_emoji'),
  };
}

/** What the backend's file dialogs say, in the UI's language (title, buttons, filters). */
export function dialogText(l: Lang, dialog: 'import' | 'export'): DialogText {
  const cancel = translate(l, 'dialog.cancel');
  if (dialog === 'export') {
    return { title: translate(l, 'dialog.export.title'), accept: translate(l, 'dialog.export.accept'), cancel };
  }
  return {
    title: translate(l, 'dialog.import.title'),
    accept: translate(l, 'dialog.import.accept'),
    cancel,
    images: translate(l, 'dialog.import.images'),
    all_files: translate(l, 'dialog.all_files'),
  };
}
