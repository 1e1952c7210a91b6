// German first, English second. Every visible string lives here.
//
// Components read the current translator from the `t` store (`$t('list.new')`) and switch
// with `setLang` / `toggleLang`; the choice is kept in localStorage under `newsroom.lang`
// and mirrored to <html lang>.

import { derived, get, writable } from 'svelte/store';
import { formatNewsroomDateTime } from './dates';
import type { ArticleState, BackendError, PreflightCheck } from './types';

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

  'error.not_found': 'Nicht gefunden',
  'error.invalid_input': 'Ungültige Eingabe',
  'error.invalid_state': 'Dieser Statuswechsel ist nicht möglich',
  'error.database': 'Datenbankfehler',
  'error.io': 'Datei- oder Speicherfehler',
  'error.library_locked': 'Die Bibliothek ist gesperrt (wird sie in einem anderen Fenster benutzt?)',
  'error.internal': 'Interner Fehler',
  'error.unknown': 'Unbekannter Fehler ({code})',

  'nav.label': 'Bereich',
  'nav.articles': 'Artikel',
  'nav.photos': 'Bilder',
  'nav.articles_title': 'Artikel (Strg+1)',
  'nav.photos_title': 'Bilder (Strg+2)',
  'photos.heading': 'Bilder',
  'photos.import': 'Bilder importieren …',
  'photos.credit_settings': 'Credit-Vorlage …',
  'photos.search': 'Bilder durchsuchen',
  'photos.search_placeholder': 'Bildunterschrift, Credit, Dateiname, Schlagwort …',
  'photos.filters': 'Filter',
  'photos.filter.all': 'Alle',
  'photos.filter.no_credit': 'Ohne Credit',
  'photos.filter.no_alt_text': 'Ohne Alt-Text',
  'photos.filter.unused': 'Unbenutzt',
  'photos.count_one': '1 Bild',
  'photos.count_many': '{n} Bilder',
  'photos.count_filtered': '{n} Bilder, {shown} angezeigt',
  'photos.selected': '{n} ausgewählt',
  'photos.select_hint': 'Klick wählt ein Bild, Strg+Klick mehrere, Umschalt+Klick einen Bereich, Strg+A alle.',
  'photos.grid_label': 'Bilder der Bibliothek',
  'photos.empty': 'Noch keine Bilder. Importieren Sie welche mit „Bilder importieren …“ oder ziehen Sie Dateien ins Fenster.',
  'photos.empty_filtered': 'Keine Bilder gefunden. Ändern Sie Suche oder Filter.',
  'photos.loading': 'Bilder werden geladen …',
  'photos.load_more': 'Weitere Bilder laden',
  'photos.no_caption': '(ohne Bildunterschrift)',
  'photos.thumb_alt': 'Bild #{id}: {text}',
  'photos.badge_no_credit': 'Kein Credit',
  'photos.badge_no_alt': 'Kein Alt-Text',
  'photos.badge_gps': 'Enthält GPS-Daten – werden beim Export entfernt',
  'photos.badge_used': 'In {n} Artikeln verwendet',
  'photos.select_none': 'Kein Bild ausgewählt. Wählen Sie ein Bild, um seine Angaben zu bearbeiten.',
  'photos.clear_selection': 'Auswahl aufheben',
  'photos.drop_here': 'Bilder hier ablegen',
  'import.progress': '{done} von {total} Bildern importiert',
  'import.progress_label': 'Import läuft',
  'import.finished': 'Import abgeschlossen: {imported} neu, {duplicates} bereits vorhanden, {failed} fehlgeschlagen',
  'import.duplicate': 'bereits in der Bibliothek',
  'import.near_duplicate': 'sieht aus wie Bild #{id}',
  'import.failed': 'fehlgeschlagen',
  'import.results': 'Importergebnisse',
  'import.dismiss': 'Ergebnisse schließen',
  'import.started': 'Import von {n} Dateien gestartet.',
  'photo.editor': 'Bildangaben',
  'photo.preview_alt': 'Vorschau von Bild #{id}',
  'photo.caption': 'Bildunterschrift',
  'photo.alt': 'Alternativtext',
  'photo.alt_hint': 'Beschreibt das Bild für Menschen, die es nicht sehen.',
  'photo.alt_count': '{n} Zeichen',
  'photo.alt_too_long': 'Mehr als 250 Zeichen – Screenreader lesen kürzere Texte besser vor.',
  'photo.alt_same_as_caption': 'Der Alternativtext gleicht der Bildunterschrift – beschreiben Sie, was zu sehen ist.',
  'photo.credit': 'Credit',
  'photo.credit_required': 'Ein Credit ist Pflicht.',
  'photo.credit_kept': 'Der bisherige Credit „{credit}“ bleibt gespeichert, bis ein neuer eingetragen ist.',
  'photo.credit_source': 'Herkunft: {source}',
  'photo.credit_source.none': 'fehlt',
  'photo.credit_source.file': 'aus der Datei',
  'photo.credit_source.template': 'aus der Vorlage',
  'photo.credit_source.edited': 'bearbeitet',
  'photo.creator': 'Fotograf/in',
  'photo.copyright': 'Copyright',
  'photo.headline': 'Titel',
  'photo.city': 'Stadt',
  'photo.location': 'Ort',
  'photo.country': 'Land',
  'photo.keywords': 'Schlagworte',
  'photo.keywords_placeholder': 'Schlagwort eingeben, Enter oder Komma',
  'photo.file': 'Datei',
  'photo.file_name': 'Dateiname',
  'photo.size': 'Größe',
  'photo.size_value': '{w} × {h} Pixel',
  'photo.format': 'Format',
  'photo.camera': 'Kamera',
  'photo.date_created': 'Aufgenommen',
  'photo.imported_at': 'Importiert',
  'photo.used_in': 'Verwendet in',
  'photo.used_in_none': 'Noch in keinem Artikel verwendet.',
  'photo.role.lead': 'Aufmacher',
  'photo.role.figure': 'im Text',
  'photo.open_article': 'Artikel öffnen: {headline}',
  'photo.near_duplicate': 'Sieht aus wie Bild #{id}',
  'photo.near_duplicate_alt': 'Bild #{id}, sieht ähnlich aus',
  'photo.show_photo': 'Bild #{id} anzeigen',
  'photo.delete': 'Löschen',
  'photo.delete_label': 'Bild aus der Bibliothek löschen',
  'photo.delete_used': 'Das Bild wird in Artikeln verwendet und kann nicht gelöscht werden.',
  'photo.delete_confirm': 'Bild #{id} wirklich löschen?',
  'photo.deleted': 'Bild #{id} gelöscht.',
  'photo.gps': 'Enthält GPS-Daten – werden beim Export entfernt.',
  'photo.loading': 'Bild wird geladen …',
  'photo.save_hint': 'Änderungen werden automatisch gespeichert.',
  'batch.title': '{n} Bilder bearbeiten',
  'batch.apply_template': 'Credit-Vorlage anwenden',
  'batch.template_example': 'z. B. „{example}“',
  'batch.template_hint': 'Bilder ohne Fotograf/in werden übersprungen.',
  'batch.set_creator': 'Fotograf/in setzen',
  'batch.set_caption': 'Bildunterschrift setzen',
  'batch.leave_empty': 'Leer lassen, um nichts zu ändern',
  'batch.apply': 'Anwenden auf {n} Bilder',
  'batch.nothing': 'Wählen Sie mindestens eine Änderung.',
  'batch.done': '{n} Bilder geändert.',
  'batch.skipped': 'Übersprungen',
  'batch.skipped_item': 'Bild #{id}: {reason}',
  'credit.title': 'Credit-Vorlage',
  'credit.organisation': 'Organisation',
  'credit.template': 'Vorlage',
  'credit.template_hint': 'Platzhalter: {organisation} und {creator} (Pflicht).',
  'credit.example': 'Beispiel: {example}',
  'credit.example_creator': 'Max Muster',
  'credit.save': 'Speichern',
  'credit.cancel': 'Abbrechen',
  'credit.saved': 'Credit-Vorlage gespeichert.',
  'credit.no_example': 'Die Vorlage braucht {creator}.',
  'lead.title': 'Aufmacherbild',
  'lead.none': 'Kein Aufmacherbild gewählt.',
  'lead.choose': 'Bild wählen …',
  'lead.change': 'Anderes Bild …',
  'lead.remove': 'Entfernen',
  'lead.credit': 'Credit',
  'lead.credit_hint': 'Credit gehört zum Bild',
  'lead.caption': 'Bildunterschrift für diesen Artikel',
  'lead.alt': 'Alternativtext für diesen Artikel',
  'lead.own_hint': 'Leer lassen: der Text des Bildes gilt.',
  'lead.thumb_alt': 'Aufmacherbild #{id}',
  'lead.no_credit': 'Ohne Credit kann der Artikel nicht exportiert werden.',
  'lead.no_alt': 'Das Bild hat keinen Alternativtext – bitte hier oder in der Bibliothek ergänzen.',
  'lead.missing': 'Bild #{id} wurde nicht gefunden.',
  'picker.title': 'Bild wählen',
  'picker.search': 'Bilder durchsuchen',
  'picker.confirm': 'Übernehmen',
  'picker.cancel': 'Abbrechen',
  'picker.empty': 'Keine Bilder gefunden.',
  'picker.item_label': 'Bild #{id}: {text}',
  'toolbar.insert_photo': 'Bild einfügen',
  'figure.alt': 'Bild #{id}',
  'figure.own_caption': 'Bildunterschrift aus der Bibliothek (Bild #{id})',
  'error.unsupported_format': 'Dateiformat wird nicht unterstützt (nur JPEG, PNG, WebP, TIFF)',
  'error.corrupt_image': 'Die Bilddatei ist beschädigt',
  'error.truncated_image': 'Die Bilddatei ist unvollständig',
  'error.image_too_large': 'Das Bild ist zu groß',
  'error.library_too_new': 'Die Bibliothek stammt von einer neueren Newsroom-Version',
  'error.not_a_library': 'Das ist keine Newsroom-Bibliothek',
  'preflight.title': 'Prüfung vor dem Export',
  'preflight.ok': 'Bereit für den Export',
  'preflight.errors_one': '1 Fehler',
  'preflight.errors_many': '{n} Fehler',
  'preflight.warnings_one': '1 Hinweis',
  'preflight.warnings_many': '{n} Hinweise',
  'preflight.level.error': 'Fehler (verhindert den Export)',
  'preflight.level.warning': 'Hinweis',
  'preflight.refresh': 'Erneut prüfen',
  'preflight.loading': 'Wird geprüft …',
  'preflight.stale': 'Nach dem Speichern wird neu geprüft.',
  'preflight.go_to': 'Zum Feld: {field}',
  'preflight.photo': 'Bild #{id}',
  'preflight.open_photo': 'Bild öffnen',
  'preflight.open_photo_label': 'Bild #{id} in der Bildverwaltung öffnen (Credit, Alternativtext)',
  'preflight.show': 'Prüfung vor dem Export anzeigen',
  'preflight.toggle': 'Prüfung ein- oder ausklappen',
  'check.no_headline': 'Die Überschrift fehlt.',
  'check.no_teaser': 'Der Teaser fehlt.',
  'check.no_published_at': 'Das Datum der Veröffentlichung fehlt.',
  'check.photo_missing': 'Das Bild ist nicht mehr in der Bibliothek.',
  'check.photo_no_credit': 'Das Bild hat keinen Credit.',
  'check.photo_no_alt': 'Das Bild hat keinen Alternativtext.',
  'check.bad_link': 'Dieser Link geht nicht (nur vollständige http-, https- oder mailto-Adressen).',
  'check.not_ready': 'Der Artikel ist nicht freigegeben.',
  'check.headline_long': 'Die Überschrift ist länger als 90 Zeichen.',
  'check.teaser_long': 'Der Teaser ist länger als 300 Zeichen.',
  'check.alt_long': 'Der Alternativtext ist länger als 250 Zeichen.',
  'check.alt_equals_caption': 'Alternativtext und Bildunterschrift sind gleich – der Alternativtext soll beschreiben, was zu sehen ist.',
  'check.no_related_links': '„Zum Thema“ ist leer.',
  'check.embargo_pending': 'Die Sperrfrist ist noch nicht abgelaufen.',
  'check.unknown': 'Prüfung „{code}“',
  'check.detail.chars': '{n} Zeichen',
  'check.detail.until': 'bis {date}',
  'check.field.body_figure': 'Bild im Text',
  'check.field.related_link': '„Zum Thema“, Link {n}',
  'export.article': 'Exportieren …',
  'export.article_label': 'Diesen Artikel exportieren (HTML und/oder ninjs)',
  'export.ready': 'Alle Freigegebenen exportieren …',
  'export.ready_label': 'Alle Artikel im Status „Freigegeben“ exportieren',
  'export.title_one': 'Artikel exportieren',
  'export.title_ready': 'Alle freigegebenen Artikel exportieren',
  'export.ready_hint': 'Exportiert werden alle Artikel im Status „Freigegeben“. Artikel, deren Prüfung Fehler meldet, werden zurückgehalten.',
  'export.one_hint': 'Nach dem Export steht der Artikel auf „Exportiert“.',
  'export.format': 'Format',
  'export.format.html': 'HTML',
  'export.format.ninjs': 'ninjs (IPTC-JSON)',
  'export.format.both': 'HTML und ninjs',
  'export.fragment': 'Nur HTML-Fragment (zum Einfügen in ein CMS)',
  'export.fragment_hint': 'Gilt nur für HTML.',
  'export.folder': 'Zielordner',
  'export.folder_none': 'Noch kein Ordner gewählt.',
  'export.pick_folder': 'Ordner wählen …',
  'export.need_folder': 'Wählen Sie zuerst einen Zielordner.',
  'export.start': 'Exportieren',
  'export.cancel': 'Abbrechen',
  'export.close': 'Schließen',
  'export.checking': 'Zielordner wird geprüft …',
  'export.blocked': 'So kann der Artikel nicht exportiert werden:',
  'export.blocked_hint': 'Beheben Sie die Fehler im Editor (siehe „Prüfung vor dem Export“) und exportieren Sie dann.',
  'export.not_ready': 'Der Artikel steht auf „{state}“. Exportiert werden nur freigegebene Artikel – setzen Sie den Status auf „Freigegeben“.',
  'export.conflicts': 'Diese Ordner gibt es im Zielordner schon:',
  'export.conflicts_question': 'Ersetzen?',
  'export.replace': 'Ersetzen',
  'export.keep': 'Abbrechen',
  'export.running': 'Export läuft …',
  'export.stop': 'Export abbrechen',
  'export.stopping': 'Wird nach dem aktuellen Artikel beendet …',
  'export.cancelled': 'Abgebrochen, nicht exportiert ({n})',
  'export.cancelled_head': 'Export abgebrochen',
  'export.more': '… und {n} weitere',
  'export.totals_cancelled': '{n} abgebrochen',
  'export.progress': '{done} von {total} Artikeln',
  'export.progress_label': 'Exportfortschritt',
  'export.status.exported': 'exportiert',
  'export.status.held_back': 'zurückgehalten',
  'export.status.failed': 'fehlgeschlagen',
  'export.status.exists': 'Ordner gab es schon – übersprungen',
  'export.finished': 'Export abgeschlossen',
  'export.totals': '{exported} exportiert, {held} zurückgehalten, {failed} fehlgeschlagen, {skipped} übersprungen',
  'export.bundles': 'Geschrieben ({n})',
  'export.files_one': '1 Datei',
  'export.files_many': '{n} Dateien',
  'export.replaced': 'ersetzt',
  'export.held_back': 'Zurückgehalten ({n})',
  'export.failed': 'Fehlgeschlagen ({n})',
  'export.skipped': 'Übersprungen, weil der Ordner schon da war ({n})',
  'export.listing': 'Außerdem im Zielordner geschrieben: {files}',
  'export.nothing': 'Es gab nichts zu exportieren: Kein Artikel ist freigegeben.',
  'export.exported_info': 'Exportiert am {date} nach {folder}',
  'export.exported_info_nofolder': 'Exportiert am {date}',
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

  'error.not_found': 'Not found',
  'error.invalid_input': 'Invalid input',
  'error.invalid_state': 'This state change is not possible',
  'error.database': 'Database error',
  'error.io': 'File or storage error',
  'error.library_locked': 'The library is locked (is it open in another window?)',
  'error.internal': 'Internal error',
  'error.unknown': 'Unknown error ({code})',

  'nav.label': 'Section',
  'nav.articles': 'Articles',
  'nav.photos': 'Photos',
  'nav.articles_title': 'Articles (Ctrl+1)',
  'nav.photos_title': 'Photos (Ctrl+2)',
  'photos.heading': 'Photos',
  'photos.import': 'Import photos …',
  'photos.credit_settings': 'Credit template …',
  'photos.search': 'Search photos',
  'photos.search_placeholder': 'Caption, credit, file name, keyword …',
  'photos.filters': 'Filters',
  'photos.filter.all': 'All',
  'photos.filter.no_credit': 'No credit',
  'photos.filter.no_alt_text': 'No alt text',
  'photos.filter.unused': 'Unused',
  'photos.count_one': '1 photo',
  'photos.count_many': '{n} photos',
  'photos.count_filtered': '{n} photos, {shown} shown',
  'photos.selected': '{n} selected',
  'photos.select_hint': 'Click selects a photo, Ctrl+click several, Shift+click a range, Ctrl+A all.',
  'photos.grid_label': 'Photos in the library',
  'photos.empty': 'No photos yet. Import some with “Import photos …” or drag files into the window.',
  'photos.empty_filtered': 'No photos found. Change the search or the filter.',
  'photos.loading': 'Loading photos …',
  'photos.load_more': 'Load more photos',
  'photos.no_caption': '(no caption)',
  'photos.thumb_alt': 'Photo #{id}: {text}',
  'photos.badge_no_credit': 'No credit',
  'photos.badge_no_alt': 'No alt text',
  'photos.badge_gps': 'Contains GPS data – removed on export',
  'photos.badge_used': 'Used in {n} articles',
  'photos.select_none': 'No photo selected. Select a photo to edit its details.',
  'photos.clear_selection': 'Clear selection',
  'photos.drop_here': 'Drop photos here',
  'import.progress': '{done} of {total} photos imported',
  'import.progress_label': 'Import in progress',
  'import.finished': 'Import finished: {imported} new, {duplicates} already there, {failed} failed',
  'import.duplicate': 'already in the library',
  'import.near_duplicate': 'looks like photo #{id}',
  'import.failed': 'failed',
  'import.results': 'Import results',
  'import.dismiss': 'Dismiss results',
  'import.started': 'Import of {n} files started.',
  'photo.editor': 'Photo details',
  'photo.preview_alt': 'Preview of photo #{id}',
  'photo.caption': 'Caption',
  'photo.alt': 'Alt text',
  'photo.alt_hint': 'Describes the photo for people who cannot see it.',
  'photo.alt_count': '{n} characters',
  'photo.alt_too_long': 'More than 250 characters – screen readers handle shorter texts better.',
  'photo.alt_same_as_caption': 'The alt text is the same as the caption – describe what can be seen.',
  'photo.credit': 'Credit',
  'photo.credit_required': 'A credit is required.',
  'photo.credit_kept': 'The previous credit “{credit}” stays saved until a new one is entered.',
  'photo.credit_source': 'Source: {source}',
  'photo.credit_source.none': 'missing',
  'photo.credit_source.file': 'from the file',
  'photo.credit_source.template': 'from the template',
  'photo.credit_source.edited': 'edited',
  'photo.creator': 'Photographer',
  'photo.copyright': 'Copyright',
  'photo.headline': 'Title',
  'photo.city': 'City',
  'photo.location': 'Location',
  'photo.country': 'Country',
  'photo.keywords': 'Keywords',
  'photo.keywords_placeholder': 'Type a keyword, Enter or comma',
  'photo.file': 'File',
  'photo.file_name': 'File name',
  'photo.size': 'Size',
  'photo.size_value': '{w} × {h} pixels',
  'photo.format': 'Format',
  'photo.camera': 'Camera',
  'photo.date_created': 'Taken',
  'photo.imported_at': 'Imported',
  'photo.used_in': 'Used in',
  'photo.used_in_none': 'Not used in any article yet.',
  'photo.role.lead': 'Lead photo',
  'photo.role.figure': 'in the body',
  'photo.open_article': 'Open article: {headline}',
  'photo.near_duplicate': 'Looks like photo #{id}',
  'photo.near_duplicate_alt': 'Photo #{id}, looks similar',
  'photo.show_photo': 'Show photo #{id}',
  'photo.delete': 'Delete',
  'photo.delete_label': 'Delete the photo from the library',
  'photo.delete_used': 'The photo is used in articles and cannot be deleted.',
  'photo.delete_confirm': 'Really delete photo #{id}?',
  'photo.deleted': 'Photo #{id} deleted.',
  'photo.gps': 'Contains GPS data – removed on export.',
  'photo.loading': 'Loading photo …',
  'photo.save_hint': 'Changes are saved automatically.',
  'batch.title': 'Edit {n} photos',
  'batch.apply_template': 'Apply the credit template',
  'batch.template_example': 'e.g. “{example}”',
  'batch.template_hint': 'Photos without a photographer are skipped.',
  'batch.set_creator': 'Set photographer',
  'batch.set_caption': 'Set caption',
  'batch.leave_empty': 'Leave empty to change nothing',
  'batch.apply': 'Apply to {n} photos',
  'batch.nothing': 'Choose at least one change.',
  'batch.done': '{n} photos changed.',
  'batch.skipped': 'Skipped',
  'batch.skipped_item': 'Photo #{id}: {reason}',
  'credit.title': 'Credit template',
  'credit.organisation': 'Organisation',
  'credit.template': 'Template',
  'credit.template_hint': 'Placeholders: {organisation} and {creator} (required).',
  'credit.example': 'Example: {example}',
  'credit.example_creator': 'Max Muster',
  'credit.save': 'Save',
  'credit.cancel': 'Cancel',
  'credit.saved': 'Credit template saved.',
  'credit.no_example': 'The template needs {creator}.',
  'lead.title': 'Lead photo',
  'lead.none': 'No lead photo chosen.',
  'lead.choose': 'Choose photo …',
  'lead.change': 'Other photo …',
  'lead.remove': 'Remove',
  'lead.credit': 'Credit',
  'lead.credit_hint': 'The credit belongs to the photo',
  'lead.caption': 'Caption for this article',
  'lead.alt': 'Alt text for this article',
  'lead.own_hint': 'Leave empty: the photo’s own text applies.',
  'lead.thumb_alt': 'Lead photo #{id}',
  'lead.no_credit': 'Without a credit the article cannot be exported.',
  'lead.no_alt': 'The photo has no alt text – please add one here or in the library.',
  'lead.missing': 'Photo #{id} was not found.',
  'picker.title': 'Choose a photo',
  'picker.search': 'Search photos',
  'picker.confirm': 'Use photo',
  'picker.cancel': 'Cancel',
  'picker.empty': 'No photos found.',
  'picker.item_label': 'Photo #{id}: {text}',
  'toolbar.insert_photo': 'Insert photo',
  'figure.alt': 'Photo #{id}',
  'figure.own_caption': 'Caption from the library (photo #{id})',
  'error.unsupported_format': 'File format not supported (only JPEG, PNG, WebP, TIFF)',
  'error.corrupt_image': 'The image file is corrupt',
  'error.truncated_image': 'The image file is incomplete',
  'error.image_too_large': 'The image is too large',
  'error.library_too_new': 'The library was written by a newer Newsroom',
  'error.not_a_library': 'This is not a Newsroom library',
  'preflight.title': 'Export check',
  'preflight.ok': 'Ready for export',
  'preflight.errors_one': '1 error',
  'preflight.errors_many': '{n} errors',
  'preflight.warnings_one': '1 warning',
  'preflight.warnings_many': '{n} warnings',
  'preflight.level.error': 'Error (blocks the export)',
  'preflight.level.warning': 'Warning',
  'preflight.refresh': 'Check again',
  'preflight.loading': 'Checking …',
  'preflight.stale': 'Checked again after saving.',
  'preflight.go_to': 'Go to field: {field}',
  'preflight.photo': 'Photo #{id}',
  'preflight.open_photo': 'Open photo',
  'preflight.open_photo_label': 'Open photo #{id} in the media library (credit, alt text)',
  'preflight.show': 'Show the export check',
  'preflight.toggle': 'Expand or collapse the check',
  'check.no_headline': 'The headline is missing.',
  'check.no_teaser': 'The teaser is missing.',
  'check.no_published_at': 'The publication date is missing.',
  'check.photo_missing': 'The photo is no longer in the library.',
  'check.photo_no_credit': 'The photo has no credit.',
  'check.photo_no_alt': 'The photo has no alt text.',
  'check.bad_link': 'This link will not work (only complete http, https or mailto addresses).',
  'check.not_ready': 'The article is not approved (state Ready).',
  'check.headline_long': 'The headline is longer than 90 characters.',
  'check.teaser_long': 'The teaser is longer than 300 characters.',
  'check.alt_long': 'The alt text is longer than 250 characters.',
  'check.alt_equals_caption': 'Alt text and caption are the same – the alt text should describe what can be seen.',
  'check.no_related_links': '“Related links” is empty.',
  'check.embargo_pending': 'The embargo has not passed yet.',
  'check.unknown': 'Check “{code}”',
  'check.detail.chars': '{n} characters',
  'check.detail.until': 'until {date}',
  'check.field.body_figure': 'Body figure',
  'check.field.related_link': 'Related links, link {n}',
  'export.article': 'Export …',
  'export.article_label': 'Export this article (HTML and/or ninjs)',
  'export.ready': 'Export all ready …',
  'export.ready_label': 'Export every article in state “Ready”',
  'export.title_one': 'Export the article',
  'export.title_ready': 'Export all ready articles',
  'export.ready_hint': 'Every article in state “Ready” is exported. Articles whose check reports errors are held back.',
  'export.one_hint': 'After the export the article is in state “Exported”.',
  'export.format': 'Format',
  'export.format.html': 'HTML',
  'export.format.ninjs': 'ninjs (IPTC JSON)',
  'export.format.both': 'HTML and ninjs',
  'export.fragment': 'HTML fragment only (for pasting into a CMS)',
  'export.fragment_hint': 'Applies to HTML only.',
  'export.folder': 'Target folder',
  'export.folder_none': 'No folder chosen yet.',
  'export.pick_folder': 'Choose folder …',
  'export.need_folder': 'Choose a target folder first.',
  'export.start': 'Export',
  'export.cancel': 'Cancel',
  'export.close': 'Close',
  'export.checking': 'Checking the target folder …',
  'export.blocked': 'The article cannot be exported like this:',
  'export.blocked_hint': 'Fix the errors in the editor (see “Export check”), then export.',
  'export.not_ready': 'The article is in state “{state}”. Only ready articles are exported – set the state to “Ready”.',
  'export.conflicts': 'These folders already exist in the target folder:',
  'export.conflicts_question': 'Replace them?',
  'export.replace': 'Replace',
  'export.keep': 'Cancel',
  'export.running': 'Exporting …',
  'export.stop': 'Stop export',
  'export.stopping': 'Stopping after the current article …',
  'export.cancelled': 'Cancelled, not exported ({n})',
  'export.cancelled_head': 'Export cancelled',
  'export.more': '… and {n} more',
  'export.totals_cancelled': '{n} cancelled',
  'export.progress': '{done} of {total} articles',
  'export.progress_label': 'Export progress',
  'export.status.exported': 'exported',
  'export.status.held_back': 'held back',
  'export.status.failed': 'failed',
  'export.status.exists': 'folder existed – skipped',
  'export.finished': 'Export finished',
  'export.totals': '{exported} exported, {held} held back, {failed} failed, {skipped} skipped',
  'export.bundles': 'Written ({n})',
  'export.files_one': '1 file',
  'export.files_many': '{n} files',
  'export.replaced': 'replaced',
  'export.held_back': 'Held back ({n})',
  'export.failed': 'Failed ({n})',
  'export.skipped': 'Skipped because the folder was already there ({n})',
  'export.listing': 'Also written in the target folder: {files}',
  'export.nothing': 'There was nothing to export: no article is ready.',
  'export.exported_info': 'Exported on {date} to {folder}',
  'export.exported_info_nofolder': 'Exported on {date}',
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
  'unsupported_format',
  'corrupt_image',
  'truncated_image',
  'image_too_large',
  'library_too_new',
  'not_a_library',
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

// --- Export preflight ----------------------------------------------------------------------

/** Blocking preflight codes (and 'not_ready', which only the export reports). */
export const PREFLIGHT_ERROR_CODES = [
  'no_headline',
  'no_teaser',
  'no_published_at',
  'photo_missing',
  'photo_no_credit',
  'photo_no_alt',
  'bad_link',
  'not_ready',
] as const;

export const PREFLIGHT_WARNING_CODES = [
  'headline_long',
  'teaser_long',
  'alt_long',
  'alt_equals_caption',
  'no_related_links',
  'embargo_pending',
] as const;

const KNOWN_CHECK_CODES: readonly string[] = [...PREFLIGHT_ERROR_CODES, ...PREFLIGHT_WARNING_CODES];

export function isKnownCheckCode(code: string): boolean {
  return KNOWN_CHECK_CODES.includes(code);
}

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
    case 'body':
      return check.photo_id != null ? translate(l, 'check.field.body_figure') : translate(l, 'editor.body');
    case 'related_links':
      return translate(l, 'editor.related');
    case 'state':
      return translate(l, 'list.filter_state');
    default:
      return field;
  }
}

/**
 * A check as the user reads it: a translated message, the field, and the backend's detail.
 * Where the detail is a date or a character count it is shown localized; anything else is
 * the backend's (English) text, like the detail of an error toast. Unknown codes show the
 * code itself and the detail.
 */
export function describeCheck(
  l: Lang,
  check: PreflightCheck,
): { message: string; field: string; detail: string; known: boolean } {
  const known = isKnownCheckCode(check.code);
  const message = known
    ? translate(l, `check.${check.code}` as MessageKey)
    : translate(l, 'check.unknown', { code: check.code });
  let detail = check.detail ?? '';
  if (check.code === 'embargo_pending') {
    const iso = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})/.exec(detail)?.[0];
    const date = iso ? formatNewsroomDateTime(iso, l) : '';
    if (date) detail = translate(l, 'check.detail.until', { date });
  } else if (check.code === 'headline_long' || check.code === 'teaser_long' || check.code === 'alt_long') {
    const n = /(\d+) characters/.exec(detail)?.[1];
    if (n) detail = translate(l, 'check.detail.chars', { n: Number(n) });
  }
  return { message, field: checkFieldLabel(l, check), detail, known };
}
