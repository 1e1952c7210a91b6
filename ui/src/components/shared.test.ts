// The small shared components: Card, ConfirmDelete, ErrorText, Facts, ScreenHead, SearchBox.
import { fireEvent, render, screen } from '@testing-library/svelte';
import { createRawSnippet } from 'svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { setLang } from '../lib/i18n';
import Card from './Card.svelte';
import ConfirmDelete from './ConfirmDelete.svelte';
import ErrorText from './ErrorText.svelte';
import Facts from './Facts.svelte';
import ScreenHead from './ScreenHead.svelte';
import SearchBox from './SearchBox.svelte';

const html = (markup: string) => createRawSnippet(() => ({ render: () => markup }));

beforeEach(() => setLang('de'));

describe('Card', () => {
  it('is a section named by its title, with buttons beside it', () => {
    render(Card, {
      title: 'Aufmacherbild',
      titleId: 'lead-title',
      testid: 'lead',
      head: html('<button>Wählen</button>'),
      children: html('<p>Inhalt</p>'),
    });
    const card = screen.getByTestId('lead');
    expect(card.tagName).toBe('SECTION');
    expect(card.getAttribute('aria-labelledby')).toBe('lead-title');
    expect(document.getElementById('lead-title')?.textContent).toBe('Aufmacherbild');
    expect(screen.getByRole('button', { name: 'Wählen' }).closest('.card-head')).toBeTruthy();
  });

  it('without a title it is named by its label', () => {
    render(Card, { label: 'Artikel', testid: 'head', children: html('<p>x</p>') });
    const card = screen.getByTestId('head');
    expect(card.getAttribute('aria-label')).toBe('Artikel');
    expect(card.hasAttribute('aria-labelledby')).toBe(false);
    expect(card.querySelector('h2')).toBeNull();
  });
});

describe('ConfirmDelete', () => {
  it('asks, and answers yes or no', async () => {
    const onyes = vi.fn();
    const onno = vi.fn();
    render(ConfirmDelete, { question: 'Artikel wirklich löschen?', testid: 'delete-confirm', onyes, onno });
    expect(screen.getByRole('group', { name: 'Artikel wirklich löschen?' })).toBeTruthy();
    await fireEvent.click(screen.getByTestId('delete-confirm'));
    expect(onyes).toHaveBeenCalledTimes(1);
    await fireEvent.click(screen.getByRole('button', { name: 'Abbrechen' }));
    expect(onno).toHaveBeenCalledTimes(1);
  });
});

describe('ErrorText', () => {
  it('the title in bold, then the detail worded from the values', () => {
    const error = { code: 'io' as const, message: '/x/a.jpg: disk full', values: { io: 'storage_full' as const, path: '/x/a.jpg' } };
    const { container } = render(ErrorText, { error });
    expect(container.querySelector('strong')?.textContent).toBe('Datei- oder Speicherfehler');
    expect(container.textContent).toBe('Datei- oder Speicherfehler – /x/a.jpg: der Speicher ist voll');
  });

  it('German never shows the backend’s English text: without values, the title alone', () => {
    const { container } = render(ErrorText, { error: { code: 'io', message: 'disk full' } });
    expect(container.textContent).toBe('Datei- oder Speicherfehler');
  });

  it('plain, and with another separator', () => {
    const { container } = render(ErrorText, { error: { code: 'io', message: 'x', values: { path: 'x' } }, sep: ': ', plain: true });
    expect(container.querySelector('strong')).toBeNull();
    expect(container.textContent).toBe('Datei- oder Speicherfehler: x');
  });
});

describe('Facts', () => {
  it('lists the pairs that have a value', () => {
    const { container } = render(Facts, {
      facts: [
        { label: 'Datei', value: 'a.jpg', testid: 'file' },
        { label: 'Kamera', value: null },
        { label: 'Kontakt', value: 'Presse\n0231', pre: true },
      ],
    });
    expect(Array.from(container.querySelectorAll('dt')).map((d) => d.textContent)).toEqual(['Datei', 'Kontakt']);
    expect(screen.getByTestId('file').textContent).toBe('a.jpg');
    expect(container.querySelectorAll('dd')[1].classList.contains('pre')).toBe(true);
  });
});

describe('ScreenHead', () => {
  it('counts all, or how many of all are shown', async () => {
    const { rerender } = render(ScreenHead, {
      title: 'Artikel',
      titleId: 'list-heading',
      of: 'list',
      shown: 1,
      total: 1,
      countTestid: 'count',
      children: html('<button>Neu</button>'),
    });
    expect(screen.getByRole('heading', { level: 1 }).id).toBe('list-heading');
    expect(screen.getByTestId('count').textContent).toBe('1 Artikel');
    expect(screen.getByTestId('count').dataset.count).toBe('1');
    await rerender({ shown: 100, total: 250 });
    expect(screen.getByTestId('count').textContent).toBe('250 Artikel, 100 angezeigt');
    await rerender({ of: 'photos', shown: 3, total: 3 });
    expect(screen.getByTestId('count').textContent).toBe('3 Bilder');
  });
});

describe('SearchBox', () => {
  it('typing searches later, Enter now', async () => {
    const onsearch = vi.fn();
    render(SearchBox, { id: 's', label: 'Suche', placeholder: 'Suchen …', testid: 's', onsearch });
    const input = screen.getByLabelText('Suche') as HTMLInputElement;
    expect(input.type).toBe('search');
    await fireEvent.input(input, { target: { value: 'Kita' } });
    expect(onsearch).toHaveBeenLastCalledWith(false);
    await fireEvent.keyDown(input, { key: 'Enter' });
    expect(onsearch).toHaveBeenLastCalledWith(true);
  });

  it('with clearOnEscape, Escape empties a box with text and keeps the key; an empty box lets it through', async () => {
    const onsearch = vi.fn();
    const behind = vi.fn();
    window.addEventListener('keydown', behind);
    render(SearchBox, { id: 's', label: 'Suche', placeholder: '', value: 'Kita', clearOnEscape: true, icon: true, onsearch });
    const input = screen.getByLabelText('Suche') as HTMLInputElement;
    expect(input.closest('.with-icon')?.querySelector('svg')).toBeTruthy();
    await fireEvent.keyDown(input, { key: 'Escape' });
    expect(input.value).toBe('');
    expect(onsearch).toHaveBeenCalledWith(true);
    expect(behind).not.toHaveBeenCalled();
    await fireEvent.keyDown(input, { key: 'Escape' });
    expect(behind).toHaveBeenCalledTimes(1);
    window.removeEventListener('keydown', behind);
  });
});
