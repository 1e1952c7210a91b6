import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Editor as TipTap } from '../lib/bodyEditor';
import { setLang } from '../lib/i18n';
import { installIpc } from '../test/ipc';
import BodyEditor from './BodyEditor.svelte';

function tiptap(): TipTap {
  return (document.querySelector('[data-testid="body-editor"] .ProseMirror') as HTMLElement & { editor: TipTap }).editor;
}

async function open(html: string) {
  installIpc();
  const onchange = vi.fn();
  render(BodyEditor, { html, onchange });
  await waitFor(() => expect(document.querySelector('[data-testid="body-editor"] .ProseMirror')).toBeTruthy());
  return onchange;
}

beforeEach(() => setLang('de'));

describe('BodyEditor toolbar', () => {
  it('has a button per format, named and titled, with its test id', async () => {
    await open('<p>Hallo</p>');
    const ids = ['tb-h2', 'tb-h3', 'tb-bold', 'tb-italic', 'tb-quote', 'tb-bullet', 'tb-ordered'];
    for (const id of ids) {
      const b = screen.getByTestId(id);
      expect(b.getAttribute('aria-label'), id).toBeTruthy();
      expect(b.title, id).toBe(b.getAttribute('aria-label'));
      expect(b.getAttribute('aria-pressed'), id).toBe('false');
    }
    expect(screen.getByTestId('tb-bold').title).toBe('Fett (Strg+B)');
  });

  it('a button toggles its format on the selection and shows it as pressed', async () => {
    const onchange = await open('<p>Hallo Welt</p>');
    tiptap().commands.setTextSelection({ from: 1, to: 11 });
    await fireEvent.click(screen.getByTestId('tb-bold'));
    expect(onchange).toHaveBeenLastCalledWith('**Hallo Welt**');
    await waitFor(() => expect(screen.getByTestId('tb-bold').getAttribute('aria-pressed')).toBe('true'));
    await fireEvent.click(screen.getByTestId('tb-h2'));
    expect(onchange).toHaveBeenLastCalledWith('## **Hallo Welt**');
    await waitFor(() => expect(screen.getByTestId('tb-h2').getAttribute('aria-pressed')).toBe('true'));
    expect(screen.getByTestId('tb-h3').getAttribute('aria-pressed')).toBe('false');
    await fireEvent.click(screen.getByTestId('tb-h2'));
    expect(onchange).toHaveBeenLastCalledWith('**Hallo Welt**');
  });
});
