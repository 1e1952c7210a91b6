import { get } from 'svelte/store';
import { describe, expect, it } from 'vitest';
import {
  LANG_STORAGE_KEY,
  describeError,
  dictionaries,
  lang,
  loadLang,
  revisionReasonLabel,
  setLang,
  stateLabel,
  t,
  toggleLang,
  translate,
} from './i18n';
import { ARTICLE_STATES } from './types';

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
  it('translates every known code', () => {
    const codes = ['not_found', 'invalid_input', 'invalid_state', 'database', 'io', 'library_locked', 'internal'];
    for (const code of codes) {
      const de = describeError('de', { code, message: 'detail' });
      const en = describeError('en', { code, message: 'detail' });
      expect(de.title).not.toContain('error.');
      expect(de.title).not.toBe(en.title);
      expect(de.detail).toBe('detail');
    }
    expect(describeError('de', { code: 'not_found', message: 'article 9' })).toEqual({
      title: 'Nicht gefunden',
      detail: 'article 9',
    });
    expect(describeError('en', { code: 'not_found', message: 'article 9' }).title).toBe('Not found');
  });

  it('translates the image error codes of the photo desk', () => {
    for (const code of ['unsupported_format', 'corrupt_image', 'truncated_image', 'image_too_large']) {
      const de = describeError('de', { code, message: 'a.jpg' });
      expect(de.title).not.toContain('Unbekannt');
      expect(describeError('en', { code, message: 'a.jpg' }).title).not.toBe(de.title);
    }
    expect(describeError('de', { code: 'corrupt_image', message: 'x' }).title).toBe('Die Bilddatei ist beschädigt');
  });

  it('shows unknown codes readably', () => {
    expect(describeError('de', { code: 'quota', message: 'm' }).title).toBe('Unbekannter Fehler (quota)');
    expect(describeError('en', { code: 'quota', message: 'm' }).title).toBe('Unknown error (quota)');
  });

  it('revision reasons', () => {
    expect(revisionReasonLabel('de', 'restore')).toBe('Wiederhergestellt');
    expect(revisionReasonLabel('en', 'state')).toBe('State changed');
    expect(revisionReasonLabel('de', 'import')).toBe('import');
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
