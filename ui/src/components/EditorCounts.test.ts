import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeLibrary } from '../dev/fakeBackend';
import type { Editor as TipTap } from '../lib/bodyEditor';
import { setLang } from '../lib/i18n';
import { clearToasts } from '../lib/toasts';
import { article, id } from '../test/articles';
import { installIpc } from '../test/ipc';
import Editor from './Editor.svelte';

const school = article('school');
const byId = <T extends HTMLElement = HTMLInputElement>(id: string) => screen.getByTestId(id) as T;

async function openEditor() {
  installIpc(new FakeLibrary());
  render(Editor, { id: id('school'), onback: vi.fn() });
  await waitFor(() => expect(byId('field-headline').value).toBe(school.headline));
  await waitFor(() => expect(document.querySelector('[data-testid="body-editor"] .ProseMirror')).toBeTruthy());
}

function tiptap(): TipTap {
  return (document.querySelector('[data-testid="body-editor"] .ProseMirror') as HTMLElement & { editor: TipTap }).editor;
}

beforeEach(() => clearToasts());

describe('Editor live counts', () => {
  it('shows headline and teaser lengths against the preflight limits while typing', async () => {
    setLang('de');
    await openEditor();
    await fireEvent.input(byId('field-headline'), { target: { value: 'Neuer Radweg 🚲' } });
    expect(byId('count-headline').textContent).toBe('14 / 90'); // UTF-16 length would be 15;
    expect(byId('count-headline').dataset.level).toBe('ok');
    await fireEvent.input(byId('field-headline'), { target: { value: 'x'.repeat(85) } });
    expect(byId('count-headline').dataset.level).toBe('near');
    await fireEvent.input(byId('field-headline'), { target: { value: 'ä'.repeat(91) } });
    expect(byId('count-headline').textContent).toBe('91 / 90');
    expect(byId('count-headline').dataset.level).toBe('over');
    await fireEvent.input(byId('field-teaser'), { target: { value: 'Kurz.' } });
    expect(byId('count-teaser').textContent).toBe('5 / 300');
  });

  it('shows the body\'s words and reading time in the UI language', async () => {
    setLang('de');
    await openEditor();
    tiptap().commands.setContent('<p>' + Array.from({ length: 312 }, (_, i) => `Wort${i}`).join(' ') + '</p>');
    await waitFor(() => expect(byId('body-count').textContent).toBe('312 Wörter · 2 Min. Lesezeit'));
    setLang('en');
    await waitFor(() => expect(byId('body-count').textContent).toBe('312 words · 2 min read'));
    tiptap().commands.setContent('<p>Eröffnung</p>');
    await waitFor(() => expect(byId('body-count').textContent).toBe('1 word · 1 min read'));
    setLang('de');
    await waitFor(() => expect(byId('body-count').textContent).toBe('1 Wort · 1 Min. Lesezeit'));
  });
});
