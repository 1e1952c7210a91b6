// German first, English second. Every visible string lives here.
//
// Components read the current translator from the `t` store (`$t('list.new')`) and switch
// with `setLang` / `toggleLang`; the choice is kept in localStorage under `newsroom.lang`
// and mirrored to <html lang>.

import { derived, get, writable } from 'svelte/store';
import type { ArticleState, BackendError } from './types';

export type Lang = 'de' | 'en';
export const LANGS: Lang[] = ['de', 'en'];
export const LANG_STORAGE_KEY = 'newsroom.lang';

const de = {
  'app.title': 'Newsroom',
  'app.library': 'Bibliothek',
  'app.lang_switch_label': 'Sprache wechseln: English',

  'list.heading': 'Artikel',
  'list.new': 'Neuer Artikel',
  'list.new_label': 'Neuen Artikel anlegen (Strg+N)',
  'list.search': 'Suche',
  'list.search_placeholder': 'Volltextsuche in allen Artikeln … (Strg+F)',
  'list.filter_state': 'Status',
  'list.filter_topic': 'Thema',
  'list.all_states': 'Alle Status',
  'list.all_topics': 'Alle Themen',
  'list.count_one': '1 Artikel',
  'list.count_many': '{n} Artikel',
  'list.count_filtered': '{n} Artikel, {shown} angezeigt',
  'list.empty': 'Noch keine Artikel. Legen Sie mit „Neuer Artikel“ den ersten an.',
  'list.empty_filtered': 'Keine Artikel gefunden. Ändern Sie Suche oder Filter.',
  'list.loading': 'Artikel werden geladen …',
  'list.load_more': 'Weitere Artikel laden',
  'list.no_headline': '(ohne Überschrift)',
  'list.open_label': 'Artikel öffnen: {headline}',
  'list.reset_filters': 'Filter zurücksetzen',
  'list.results_label': 'Artikelliste',

  'state.draft': 'Entwurf',
  'state.review': 'In Prüfung',
  'state.ready': 'Freigegeben',
  'state.exported': 'Exportiert',

  'editor.back': 'Zur Übersicht',
  'editor.back_label': 'Zurück zur Artikelübersicht',
  'editor.article': 'Artikel',
  'editor.kicker': 'Rubrik',
  'editor.kicker_placeholder': 'z. B. Bildung',
  'editor.headline': 'Überschrift',
  'editor.headline_placeholder': 'Überschrift des Artikels',
  'editor.teaser': 'Teaser / Vorspann',
  'editor.teaser_placeholder': 'Kurzer Vorspann, der neugierig macht',
  'editor.body': 'Text',
  'editor.preview': 'Vorschau',
  'editor.preview_empty': 'Noch kein Text.',
  'editor.related': 'Zum Thema',
  'editor.related_hint': 'Weiterführende Links, in dieser Reihenfolge unter dem Artikel.',
  'editor.related_add': 'Link hinzufügen',
  'editor.related_label': 'Linktext',
  'editor.related_url': 'Adresse (URL)',
  'editor.related_remove': 'Link entfernen',
  'editor.related_up': 'Nach oben',
  'editor.related_down': 'Nach unten',
  'editor.related_empty': 'Keine Links.',
  'editor.related_row': 'Link {n}',
  'editor.topics': 'Themen',
  'editor.topics_placeholder': 'Thema eingeben, Enter oder Komma',
  'editor.places': 'Orte',
  'editor.places_placeholder': 'Ort eingeben, Enter oder Komma',
  'editor.tag_remove': '„{tag}“ entfernen',
  'editor.suggestions': 'Vorschläge',
  'editor.published_at': 'Veröffentlichung',
  'editor.embargo_until': 'Sperrfrist',
  'editor.time_hint': 'Ortszeit Berlin',
  'editor.embargo_active': 'Sperrfrist bis {date}',
  'editor.author': 'Autor/in',
  'editor.contact': 'Pressekontakt',
  'editor.contact_placeholder': 'Name, Telefon, E-Mail',
  'editor.meta': 'Angaben',
  'editor.dates': 'Termine',
  'editor.keywords': 'Schlagworte',
  'editor.state_change': 'Status ändern',
  'editor.loading': 'Artikel wird geladen …',
  'editor.revisions': 'Versionen',
  'editor.revisions_toggle': 'Versionen anzeigen',
  'editor.delete_label': 'Artikel löschen',
  'editor.delete_confirm': 'Wirklich löschen?',
  'editor.delete_yes': 'Ja, löschen',
  'editor.delete_no': 'Abbrechen',
  'editor.created': 'Angelegt',
  'editor.updated': 'Zuletzt geändert',

  'save.saved': 'Gespeichert',
  'save.saving': 'Speichert …',
  'save.dirty': 'Ungespeichert',
  'save.error': 'Fehler',
  'save.now_label': 'Automatisch gespeichert – Strg+S speichert sofort',

  'toolbar.label': 'Textformatierung',
  'toolbar.h2': 'Zwischenüberschrift (Strg+Alt+2)',
  'toolbar.h3': 'Unterüberschrift (Strg+Alt+3)',
  'toolbar.bold': 'Fett (Strg+B)',
  'toolbar.italic': 'Kursiv (Strg+I)',
  'toolbar.quote': 'Zitat (Strg+Umschalt+B)',
  'toolbar.bullet': 'Aufzählung (Strg+Umschalt+8)',
  'toolbar.ordered': 'Nummerierte Liste (Strg+Umschalt+7)',
  'toolbar.link': 'Link setzen oder entfernen',
  'toolbar.link_url': 'Link-Adresse',
  'toolbar.link_placeholder': 'https://… oder mailto:…',
  'toolbar.link_apply': 'Übernehmen',
  'toolbar.link_remove': 'Link entfernen',
  'toolbar.link_invalid': 'Nur http-, https- und mailto-Adressen sind erlaubt.',
  'toolbar.link_close': 'Schließen',
  'toolbar.body_label': 'Artikeltext',

  'revisions.title': 'Versionen',
  'revisions.close': 'Versionen schließen',
  'revisions.empty': 'Keine Versionen.',
  'revisions.loading': 'Versionen werden geladen …',
  'revisions.restore': 'Wiederherstellen',
  'revisions.restore_label': 'Version {rev} wiederherstellen',
  'revisions.view_label': 'Version {rev} ansehen',
  'revisions.rev': 'Version {rev}',
  'revisions.readonly': 'Nur lesen – so sah der Artikel in dieser Version aus.',
  'revisions.back': 'Zurück zur Liste',
  'revisions.reason.create': 'Angelegt',
  'revisions.reason.edit': 'Bearbeitet',
  'revisions.reason.state': 'Status geändert',
  'revisions.reason.restore': 'Wiederhergestellt',
  'revisions.reason.other': 'Geändert',
  'revisions.restored': 'Version {rev} wiederhergestellt.',

  'toast.dismiss': 'Meldung schließen',
  'toast.region': 'Meldungen',

  'error.not_found': 'Artikel nicht gefunden',
  'error.invalid_input': 'Ungültige Eingabe',
  'error.invalid_state': 'Dieser Statuswechsel ist nicht möglich',
  'error.database': 'Datenbankfehler',
  'error.io': 'Datei- oder Speicherfehler',
  'error.library_locked': 'Die Bibliothek ist gesperrt (wird sie in einem anderen Fenster benutzt?)',
  'error.internal': 'Interner Fehler',
  'error.unknown': 'Unbekannter Fehler ({code})',
} as const;

export type MessageKey = keyof typeof de;

const en: Record<MessageKey, string> = {
  'app.title': 'Newsroom',
  'app.library': 'Library',
  'app.lang_switch_label': 'Switch language: Deutsch',

  'list.heading': 'Articles',
  'list.new': 'New article',
  'list.new_label': 'Create a new article (Ctrl+N)',
  'list.search': 'Search',
  'list.search_placeholder': 'Full-text search in all articles … (Ctrl+F)',
  'list.filter_state': 'State',
  'list.filter_topic': 'Topic',
  'list.all_states': 'All states',
  'list.all_topics': 'All topics',
  'list.count_one': '1 article',
  'list.count_many': '{n} articles',
  'list.count_filtered': '{n} articles, {shown} shown',
  'list.empty': 'No articles yet. Create the first one with “New article”.',
  'list.empty_filtered': 'No articles found. Change the search or the filters.',
  'list.loading': 'Loading articles …',
  'list.load_more': 'Load more articles',
  'list.no_headline': '(no headline)',
  'list.open_label': 'Open article: {headline}',
  'list.reset_filters': 'Reset filters',
  'list.results_label': 'Article list',

  'state.draft': 'Draft',
  'state.review': 'In review',
  'state.ready': 'Ready',
  'state.exported': 'Exported',

  'editor.back': 'All articles',
  'editor.back_label': 'Back to the article list',
  'editor.article': 'Article',
  'editor.kicker': 'Section',
  'editor.kicker_placeholder': 'e.g. Education',
  'editor.headline': 'Headline',
  'editor.headline_placeholder': 'Headline of the article',
  'editor.teaser': 'Teaser',
  'editor.teaser_placeholder': 'A short lead that makes people want to read on',
  'editor.body': 'Body',
  'editor.preview': 'Preview',
  'editor.preview_empty': 'No text yet.',
  'editor.related': 'Related links',
  'editor.related_hint': 'Further reading, shown below the article in this order.',
  'editor.related_add': 'Add link',
  'editor.related_label': 'Link text',
  'editor.related_url': 'Address (URL)',
  'editor.related_remove': 'Remove link',
  'editor.related_up': 'Move up',
  'editor.related_down': 'Move down',
  'editor.related_empty': 'No links.',
  'editor.related_row': 'Link {n}',
  'editor.topics': 'Topics',
  'editor.topics_placeholder': 'Type a topic, Enter or comma',
  'editor.places': 'Places',
  'editor.places_placeholder': 'Type a place, Enter or comma',
  'editor.tag_remove': 'Remove “{tag}”',
  'editor.suggestions': 'Suggestions',
  'editor.published_at': 'Publication',
  'editor.embargo_until': 'Embargo',
  'editor.time_hint': 'Berlin time',
  'editor.embargo_active': 'Embargoed until {date}',
  'editor.author': 'Author',
  'editor.contact': 'Press contact',
  'editor.contact_placeholder': 'Name, phone, e-mail',
  'editor.meta': 'Details',
  'editor.dates': 'Dates',
  'editor.keywords': 'Keywords',
  'editor.state_change': 'Change state',
  'editor.loading': 'Loading article …',
  'editor.revisions': 'Revisions',
  'editor.revisions_toggle': 'Show revisions',
  'editor.delete_label': 'Delete article',
  'editor.delete_confirm': 'Really delete?',
  'editor.delete_yes': 'Yes, delete',
  'editor.delete_no': 'Cancel',
  'editor.created': 'Created',
  'editor.updated': 'Last changed',

  'save.saved': 'Saved',
  'save.saving': 'Saving …',
  'save.dirty': 'Unsaved',
  'save.error': 'Error',
  'save.now_label': 'Saved automatically – Ctrl+S saves now',

  'toolbar.label': 'Text formatting',
  'toolbar.h2': 'Subheading (Ctrl+Alt+2)',
  'toolbar.h3': 'Minor heading (Ctrl+Alt+3)',
  'toolbar.bold': 'Bold (Ctrl+B)',
  'toolbar.italic': 'Italic (Ctrl+I)',
  'toolbar.quote': 'Quote (Ctrl+Shift+B)',
  'toolbar.bullet': 'Bullet list (Ctrl+Shift+8)',
  'toolbar.ordered': 'Numbered list (Ctrl+Shift+7)',
  'toolbar.link': 'Set or remove a link',
  'toolbar.link_url': 'Link address',
  'toolbar.link_placeholder': 'https://… or mailto:…',
  'toolbar.link_apply': 'Apply',
  'toolbar.link_remove': 'Remove link',
  'toolbar.link_invalid': 'Only http, https and mailto addresses are allowed.',
  'toolbar.link_close': 'Close',
  'toolbar.body_label': 'Article body',

  'revisions.title': 'Revisions',
  'revisions.close': 'Close revisions',
  'revisions.empty': 'No revisions.',
  'revisions.loading': 'Loading revisions …',
  'revisions.restore': 'Restore',
  'revisions.restore_label': 'Restore revision {rev}',
  'revisions.view_label': 'View revision {rev}',
  'revisions.rev': 'Revision {rev}',
  'revisions.readonly': 'Read only – the article as it was in this revision.',
  'revisions.back': 'Back to the list',
  'revisions.reason.create': 'Created',
  'revisions.reason.edit': 'Edited',
  'revisions.reason.state': 'State changed',
  'revisions.reason.restore': 'Restored',
  'revisions.reason.other': 'Changed',
  'revisions.restored': 'Revision {rev} restored.',

  'toast.dismiss': 'Dismiss message',
  'toast.region': 'Messages',

  'error.not_found': 'Article not found',
  'error.invalid_input': 'Invalid input',
  'error.invalid_state': 'This state change is not possible',
  'error.database': 'Database error',
  'error.io': 'File or storage error',
  'error.library_locked': 'The library is locked (is it open in another window?)',
  'error.internal': 'Internal error',
  'error.unknown': 'Unknown error ({code})',
};

export const dictionaries: Record<Lang, Record<MessageKey, string>> = { de, en };

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
  return translate(l, `state.${state}` as MessageKey);
}

const KNOWN_ERROR_CODES = [
  'not_found',
  'invalid_input',
  'invalid_state',
  'database',
  'io',
  'library_locked',
  'internal',
] as const;

/** A backend error as the user reads it: a translated title, the backend's text as detail. */
export function describeError(l: Lang, err: BackendError): { title: string; detail: string } {
  const known = (KNOWN_ERROR_CODES as readonly string[]).includes(err.code);
  const title = known
    ? translate(l, `error.${err.code}` as MessageKey)
    : translate(l, 'error.unknown', { code: err.code });
  return { title, detail: err.message ?? '' };
}

export function revisionReasonLabel(l: Lang, reason: string): string {
  const known = ['create', 'edit', 'state', 'restore'];
  return known.includes(reason)
    ? translate(l, `revisions.reason.${reason}` as MessageKey)
    : reason || translate(l, 'revisions.reason.other');
}
