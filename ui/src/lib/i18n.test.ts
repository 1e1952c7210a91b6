import { get } from 'svelte/store';
import { describe, expect, it } from 'vitest';
import {
  LANG_STORAGE_KEY,
  LANGS,
  checkFieldLabel,
  checkMeta,
  checkTexts,
  describeCheck,
  describeError,
  fileKindTexts,
  ioProblemTexts,
  dictionaries,
  errorTexts,
  lang,
  loadLang,
  revisionReasonLabel,
  setLang,
  stateLabel,
  t,
  toggleLang,
  translate,
  type MessageKey,
} from './i18n';
import { ARTICLE_STATES, CHECK_CODES, ERROR_CODES, FILE_KINDS, IO_PROBLEMS, RULES, type CheckCode, type ErrorCode, type RevisionReason } from './types';

describe('dictionaries', () => {
  const de = dictionaries.de;
  const en = dictionaries.en;

  it('German and English have exactly the same keys', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(de).sort());
  });

  it('no text is empty', () => {
    for (const [lang, dict] of Object.entries(dictionaries)) {
      for (const [key, value] of Object.entries(dict)) {
        expect(value.trim(), `${lang}:${key}`).not.toBe('');
      }
    }
  });

  it('placeholders match between the languages', () => {
    const ph = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
    for (const key of Object.keys(de) as (keyof typeof de)[]) {
      expect(ph(en[key]), key).toEqual(ph(de[key]));
    }
  });

  it('English is actually translated (most texts differ from German)', () => {
    const keys = Object.keys(de) as (keyof typeof de)[];
    const same = keys.filter((k) => de[k] === en[k]);
    expect(same.length).toBeLessThan(keys.length / 10);
  });

  it('has the workflow state labels', () => {
    expect(ARTICLE_STATES.map((s) => stateLabel('de', s))).toEqual(['Entwurf', 'In Prüfung', 'Freigegeben', 'Exportiert']);
    expect(ARTICLE_STATES.map((s) => stateLabel('en', s))).toEqual(['Draft', 'In review', 'Ready', 'Exported']);
  });

  it('has the save indicator texts', () => {
    expect(['saved', 'saving', 'dirty', 'error'].map((s) => translate('de', `save.${s}` as 'save.saved'))).toEqual([
      'Gespeichert',
      'Speichert …',
      'Ungespeichert',
      'Fehler',
    ]);
  });
});

describe('translate', () => {
  it('fills placeholders', () => {
    expect(translate('de', 'list.count_many', { n: 12 })).toBe('12 Artikel');
    expect(translate('en', 'list.count_many', { n: 12 })).toBe('12 articles');
    expect(translate('en', 'list.count_filtered', { shown: 100, n: 250 })).toBe('250 articles, 100 shown');
  });

  it('leaves unknown placeholders visible', () => {
    expect(translate('de', 'list.count_many')).toBe('{n} Artikel');
  });
});

describe('backend errors', () => {
  it('translates every known code; German never shows the backend\'s English text', () => {
    const codes: ErrorCode[] = ['not_found', 'invalid_input', 'invalid_state', 'database', 'io', 'library_locked', 'internal'];
    for (const code of codes) {
      const de = describeError('de', { code, message: 'detail' });
      const en = describeError('en', { code, message: 'detail' });
      expect(de.title).not.toContain('error.');
      expect(de.title).not.toBe(en.title);
      expect(de.detail).toBe('');
      expect(en.detail).toBe('detail');
    }
    const missing = { code: 'not_found' as const, message: 'article 9 not found', values: { missing: 'article' as const, id: 9 } };
    expect(describeError('de', missing)).toEqual({ title: 'Nicht gefunden', detail: 'Artikel 9' });
    expect(describeError('en', missing)).toEqual({ title: 'Not found', detail: 'Article 9' });
    const rev = { code: 'not_found' as const, message: 'm', values: { missing: 'revision' as const, id: 4, rev: 2 } };
    expect(describeError('de', rev).detail).toBe('Version 2 von Artikel 4');
  });

  it('words the values of image and file errors in the UI language', () => {
    const pdf = { code: 'unsupported_format' as const, message: 'a.jpg is a PDF document; Newsroom takes …', values: { found: 'pdf' as const } };
    expect(describeError('de', pdf).detail).toBe('Die Datei ist ein PDF-Dokument; Newsroom nimmt Fotos als JPEG, PNG, WebP und TIFF.');
    expect(describeError('en', pdf).detail).toBe('The file is a PDF document; Newsroom takes JPEG, PNG, WebP and TIFF photos.');
    const big = {
      code: 'image_too_large' as const,
      message: 'the image is …',
      values: { over: 'pixels' as const, value: 160.5, limit: 150, width: 16000, height: 10031 },
    };
    expect(describeError('de', big).detail).toBe('Das Bild hat 16.000 × 10.031 Pixel (160,5 Megapixel), höchstens 150 Megapixel sind möglich.');
    expect(describeError('en', big).detail).toBe('The image has 16,000 × 10,031 pixels (160.5 megapixels); at most 150 megapixels.');
    const file = { code: 'image_too_large' as const, message: 'm', values: { over: 'file_size' as const, value: 212.4, limit: 200 } };
    expect(describeError('de', file).detail).toBe('Die Datei hat 212,4 MiB, höchstens 200 MiB sind möglich.');
    const scans = { code: 'image_too_large' as const, message: 'm', values: { over: 'scans' as const, value: 101, limit: 100 } };
    expect(describeError('de', scans).detail).toBe('Das JPEG ist in mehr als 100 Durchgängen gespeichert – ein Foto hat etwa zehn. So eine Datei wird nicht geöffnet.');
    expect(describeError('en', scans).detail).toBe('The JPEG is stored in more than 100 passes – a photo has about ten. Such a file is not opened.');
    const slow = { code: 'image_too_large' as const, message: 'm', values: { over: 'render_time' as const, value: 60, limit: 60 } };
    expect(describeError('de', slow).detail).toBe('Das Bild zu öffnen und zu verkleinern dauerte länger als 60 Sekunden und wurde abgebrochen.');
    const chosen = { code: 'path_not_chosen' as const, message: '/etc: not chosen' };
    expect(describeError('de', chosen).title).toContain('nicht ausgewählt');
    expect(describeError('en', chosen).title).toContain('did not choose');
    const cut = { code: 'truncated_image' as const, message: 'm', values: { bytes: 80000 } };
    expect(describeError('de', cut).detail).toContain('nach 80.000 Bytes');
    expect(describeError('de', { ...cut, values: { bytes: 0 } }).detail).toContain('Die Datei ist leer');
    const io = { code: 'io' as const, message: '/mnt/a: Permission denied (os error 13)', values: { path: '/mnt/a', io: 'permission_denied' as const } };
    expect(describeError('de', io).detail).toBe('/mnt/a: keine Berechtigung');
    expect(describeError('en', io).detail).toBe('/mnt/a: permission denied');
    const newer = { code: 'library_too_new' as const, message: 'm', values: { value: 9, limit: 5 } };
    expect(describeError('de', newer).detail).toBe('Bibliotheksversion 9, dieses Newsroom kennt bis 5. Bitte Newsroom aktualisieren.');
  });

  it('translates the image error codes of the photo desk', () => {
    for (const code of ['unsupported_format', 'corrupt_image', 'truncated_image', 'image_too_large'] as const) {
      const de = describeError('de', { code, message: 'a.jpg' });
      expect(de.title).not.toContain('Unbekannt');
      expect(describeError('en', { code, message: 'a.jpg' }).title).not.toBe(de.title);
    }
    expect(describeError('de', { code: 'corrupt_image', message: 'x' }).title).toBe('Die Bilddatei ist beschädigt');
  });

  it('says in German what went wrong with the server, without the English detail', () => {
    const codes = ['server', 'server_url', 'server_unreachable', 'server_auth', 'server_tls', 'server_database'] as const;
    for (const code of codes) {
      const de = describeError('de', { code, message: 'cannot reach the server at postgres://anna@db:5432/news' });
      expect(de.title).toContain('Server');
      expect(de.detail).toBe('');
      expect(describeError('en', { code, message: 'm' }).title).not.toBe(de.title);
    }
    expect(describeError('de', { code: 'server_unreachable', message: 'm' }).title).toContain('nicht erreichbar');
    expect(describeError('de', { code: 'server_auth', message: 'm' }).title).toContain('Anmeldung am Server fehlgeschlagen');
    expect(describeError('en', { code: 'server_auth', message: 'refused the login' }).detail).toBe('refused the login');
  });

  it('shows unknown codes readably (event payloads are not checked on arrival)', () => {
    const quota = { code: 'quota' as ErrorCode, message: 'm' };
    expect(describeError('de', quota).title).toBe('Unbekannter Fehler (quota)');
    expect(describeError('en', quota).title).toBe('Unknown error (quota)');
  });

  it('revision reasons', () => {
    expect(revisionReasonLabel('de', 'restore')).toBe('Wiederhergestellt');
    expect(revisionReasonLabel('en', 'state')).toBe('State changed');
    expect(revisionReasonLabel('de', 'import' as RevisionReason)).toBe('import');
  });
});

describe('language switch', () => {
  it('defaults to German', () => {
    localStorage.removeItem(LANG_STORAGE_KEY);
    expect(loadLang()).toBe('de');
    expect(document.documentElement.lang).toBe('de');
  });

  it('is remembered in localStorage and mirrored to <html lang>', () => {
    setLang('de');
    expect(toggleLang()).toBe('en');
    expect(get(lang)).toBe('en');
    expect(localStorage.getItem(LANG_STORAGE_KEY)).toBe('en');
    expect(document.documentElement.lang).toBe('en');
    expect(get(t)('list.new')).toBe('New article');
    expect(loadLang()).toBe('en');
    toggleLang();
    expect(get(t)('list.new')).toBe('Neuer Artikel');
    expect(localStorage.getItem(LANG_STORAGE_KEY)).toBe('de');
    expect(document.documentElement.lang).toBe('de');
  });

  it('ignores garbage in storage', () => {
    localStorage.setItem(LANG_STORAGE_KEY, 'fr');
    expect(loadLang()).toBe('de');
  });
});

describe('the backend’s codes (generated from Rust) all have their texts', () => {
  const texts = { errors: errorTexts, checks: checkTexts, fileKinds: fileKindTexts, ioProblems: ioProblemTexts } as const;
  const codes = { errors: ERROR_CODES, checks: CHECK_CODES, fileKinds: FILE_KINDS, ioProblems: IO_PROBLEMS } as const;
  const english = new Set(Object.values(texts).flatMap((t) => Object.values(t.en)));

  for (const kind of ['errors', 'checks', 'fileKinds', 'ioProblems'] as const) {
    it(`${kind}: a text in each language, German in the German dictionary`, () => {
      for (const code of codes[kind]) {
        for (const l of LANGS) {
          const text = (texts[kind][l] as Record<string, string | undefined>)[code];
          expect(typeof text, `${l}:${code}`).toBe('string');
          expect(text!.trim(), `${l}:${code}`).not.toBe('');
        }
        const de = (texts[kind].de as Record<string, string>)[code];
        expect(de, `German text of ${code}`).not.toBe((texts[kind].en as Record<string, string>)[code]);
        expect(english.has(de), `German text of ${code} is English: ${de}`).toBe(false);
      }
    });

    it(`${kind}: no text for a code the backend does not have`, () => {
      for (const l of LANGS) expect(Object.keys(texts[kind][l]).sort(), l).toEqual([...codes[kind]].sort());
    });
  }
});

describe('the rules an input can break (generated from Rust) are worded', () => {
  it('each rule has its own text in each language, German in German', () => {
    for (const rule of RULES) {
      const key = `error.detail.rule.${rule}` as MessageKey;
      const de = translate('de', key, { limit: 80 });
      const en = translate('en', key, { limit: 80 });
      expect(dictionaries.de[key], `de:${rule}`).toBeTruthy();
      expect(dictionaries.en[key], `en:${rule}`).toBeTruthy();
      expect(de, rule).not.toBe(en);
    }
  });

  it('an invalid credit template is worded from its rule, not the backend’s English', () => {
    const err = { code: 'invalid_input' as const, message: 'the credit template needs {creator}', values: { rule: 'template_needs_creator' as const } };
    expect(describeError('de', err).detail).toContain('Platzhalter {creator}');
    expect(describeError('en', err).detail).toContain('placeholder {creator}');
    const long = { code: 'invalid_input' as const, message: 'too long', values: { rule: 'too_long' as const, limit: 200 } };
    expect(describeError('de', long).detail).toBe('Höchstens 200 Zeichen sind möglich.');
  });
});

describe('export preflight checks', () => {
  // Any string: the panel also words codes this build does not know.
  const check = (code: string, field = 'headline', detail = 'd', photo_id: number | null = null) => ({
    level: 'error' as const,
    code: code as CheckCode,
    field,
    photo_id,
    detail,
  });

  it('every check code has its own German and English text', () => {
    const seen = { de: new Set<string>(), en: new Set<string>() };
    for (const code of CHECK_CODES) {
      expect(describeCheck('de', check(code)).known).toBe(true);
      const de = describeCheck('de', check(code)).message;
      const en = describeCheck('en', check(code)).message;
      expect(de, code).not.toContain(code);
      expect(en, code).not.toContain(code);
      expect(de, code).not.toBe(en);
      seen.de.add(de);
      seen.en.add(en);
    }
    // No two codes share a text.
    expect(seen.de.size).toBe(CHECK_CODES.length);
    expect(seen.en.size).toBe(CHECK_CODES.length);
    expect(describeCheck('de', check('photo_no_credit')).message).toBe('Das Bild hat keinen Credit.');
    expect(describeCheck('en', check('no_related_links')).message).toBe('“Related links” is empty.');
  });

  it('unknown codes show the code and the detail', () => {
    const d = describeCheck('de', check('too_many_cats', 'body', '7 cats'));
    expect(d).toEqual({ message: 'Prüfung „too_many_cats“', field: 'Text', detail: '7 cats', known: false });
    expect(describeCheck('en', check('too_many_cats')).message).toBe('Check “too_many_cats”');
  });

  it('names the field, the photo’s place and the related link in both languages', () => {
    const label = (l: 'de' | 'en', field: string, photo_id: number | null = null) => checkFieldLabel(l, { field, photo_id });
    expect(label('de', 'headline')).toBe('Überschrift');
    expect(label('de', 'teaser')).toBe('Teaser / Vorspann');
    expect(label('de', 'published_at')).toBe('Veröffentlichung');
    expect(label('de', 'embargo_until')).toBe('Sperrfrist');
    expect(label('de', 'lead_photo', 3)).toBe('Aufmacherbild');
    expect(label('en', 'lead_photo', 3)).toBe('Lead photo');
    expect(label('de', 'body', 4)).toBe('Bild im Text');
    expect(label('en', 'body', 4)).toBe('Body figure');
    expect(label('de', 'body')).toBe('Text');
    expect(label('de', 'related_links')).toBe('Zum Thema');
    expect(label('de', 'related_links[2]')).toBe('„Zum Thema“, Link 3');
    expect(label('en', 'related_links[0]')).toBe('Related links, link 1');
    expect(label('de', 'state')).toBe('Status');
    expect(label('en', 'something_new')).toBe('something_new');
  });

  it('words the values behind the detail (dates, character counts) in the UI language, a held value and a link\'s problem, never English in German', () => {
    const embargo = {
      ...check('embargo_pending', 'embargo_until', 'embargoed until 2025-11-12T09:30:00Z'),
      level: 'warning' as const,
      until: '2025-11-12T09:30:00Z',
    };
    expect(describeCheck('de', embargo).detail).toBe('bis Mi 12. November 2025, 10:30');
    expect(describeCheck('en', embargo).detail).toBe('until Wed 12 November 2025, 10:30');
    const long = { ...check('headline_long', 'headline', '95 characters, at most 90'), chars: 95, limit: 90 };
    expect(describeCheck('de', long).detail).toBe('95 Zeichen, höchstens 90');
    const alt = { ...check('alt_long', 'lead_photo', 'alt text has 260 characters, at most 250', 2), chars: 260, limit: 250 };
    expect(describeCheck('en', alt).detail).toBe('260 characters, at most 250');
    // A held field: the value as typed and why it was not taken.
    const date = { ...check('field_held', 'published_at', 'published_at: not a date'), problem: 'not_a_date' as const, value: '31.02.2026' };
    expect(describeCheck('de', date)).toMatchObject({ field: 'Veröffentlichung', detail: '„31.02.2026“ ist kein Datum (etwa 12.11.2025, 10:30)' });
    expect(describeCheck('en', date).detail).toBe('“31.02.2026” is not a date (e.g. 12.11.2025, 10:30)');
    const author = { ...check('field_held', 'author', 'author: too long'), problem: 'too_long' as const, chars: 1200, limit: 1000 };
    expect(describeCheck('de', author)).toMatchObject({ field: 'Autor/in', detail: '1200 Zeichen, höchstens 1000' });
    const topics = { ...check('field_held', 'topics', 'topics: too many'), problem: 'too_many' as const, limit: 200 };
    expect(describeCheck('de', topics)).toMatchObject({ field: 'Themen', detail: 'zu viele Einträge, höchstens 200' });
    // A link's problem, with the link as typed.
    const link = { ...check('bad_link', 'body', 'www.x.de: relative URL (needs https://…)'), url: 'www.x.de', link_problem: 'relative' as const };
    expect(describeCheck('de', link).detail).toBe('„www.x.de“ ist unvollständig (es fehlt https://)');
    expect(describeCheck('en', { ...link, url: 'ftp://x', link_problem: 'scheme' as const }).detail).toBe('“ftp://x”: only http, https and mailto');
    // German mode never shows the backend's English: a known check without values has no
    // detail; only a code this build does not know shows what the backend said.
    expect(describeCheck('de', check('headline_long', 'headline', '95 characters, at most 90')).detail).toBe('');
    expect(describeCheck('de', check('embargo_pending', 'embargo_until', 'soon')).detail).toBe('');
    expect(describeCheck('de', check('from_the_future' as never, 'headline', 'new detail')).detail).toBe('new detail');
  });

  it('the line under a check names the field, the photo and the detail, leaving out what is empty', () => {
    expect(checkMeta('de', check('photo_no_credit', 'lead_photo', 'no credit', 3))).toBe('Aufmacherbild · Bild #3');
    expect(checkMeta('de', check('no_headline', 'headline', ''))).toBe('Überschrift');
    expect(checkMeta('en', { ...check('headline_long', 'headline', 'x'), chars: 95, limit: 90 })).toBe(
      'Headline · 95 characters, at most 90',
    );
  });
});
