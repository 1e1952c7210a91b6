import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { createRawSnippet } from 'svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import Modal from './Modal.svelte';

const html = (markup: string) => createRawSnippet(() => ({ render: () => markup }));

function open(props: Record<string, unknown> = {}) {
  const opener = document.createElement('button');
  opener.textContent = 'Öffnen';
  document.body.append(opener);
  opener.focus();
  const onclose = vi.fn();
  const result = render(Modal, {
    title: 'Credit-Vorlage',
    titleId: 'test-title',
    testid: 'test-dialog',
    onclose,
    children: html('<div><input data-testid="first" /><button data-testid="middle">M</button></div>'),
    actions: html('<button data-testid="last">OK</button>'),
    ...props,
  });
  return { opener, onclose, ...result };
}

const byId = (id: string) => screen.getByTestId(id);

afterEach(() => {
  document.body.innerHTML = '';
});

describe('Modal', () => {
  it('is a modal dialog named by its title, focused when it opens', async () => {
    open();
    const dialog = byId('test-dialog');
    expect(dialog.getAttribute('role')).toBe('dialog');
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(dialog.getAttribute('aria-labelledby')).toBe('test-title');
    expect(document.getElementById('test-title')?.textContent).toBe('Credit-Vorlage');
    await waitFor(() => expect(document.activeElement).toBe(dialog));
  });

  it('focuses what initialFocus names', async () => {
    open({ initialFocus: '[data-testid="middle"]' });
    await waitFor(() => expect(document.activeElement).toBe(byId('middle')));
  });

  it('Tab wraps from the last button to the first field and back', async () => {
    open({ initialFocus: '[data-testid="last"]' });
    await waitFor(() => expect(document.activeElement).toBe(byId('last')));
    await fireEvent.keyDown(byId('last'), { key: 'Tab' });
    expect(document.activeElement).toBe(byId('first'));
    await fireEvent.keyDown(byId('first'), { key: 'Tab', shiftKey: true });
    expect(document.activeElement).toBe(byId('last'));
  });

  it('Escape closes, and the key goes no further', async () => {
    const behind = vi.fn();
    window.addEventListener('keydown', behind);
    const { onclose } = open();
    await fireEvent.keyDown(byId('first'), { key: 'Escape' });
    expect(onclose).toHaveBeenCalledTimes(1);
    expect(behind).not.toHaveBeenCalled();
    window.removeEventListener('keydown', behind);
  });

  it('other keys reach the app unless the dialog keeps its keys', async () => {
    const behind = vi.fn();
    window.addEventListener('keydown', behind);
    const first = open();
    await fireEvent.keyDown(byId('first'), { key: 'n', ctrlKey: true });
    expect(behind).toHaveBeenCalledTimes(1);
    first.unmount();
    open({ ownKeys: true });
    await fireEvent.keyDown(byId('first'), { key: 'n', ctrlKey: true });
    expect(behind).toHaveBeenCalledTimes(1);
    window.removeEventListener('keydown', behind);
  });

  it('a click on the backdrop closes only with closeOnBackdrop, a click inside never', async () => {
    const a = open();
    const backdrop = byId('test-dialog').parentElement!;
    await fireEvent.click(backdrop);
    expect(a.onclose).not.toHaveBeenCalled();
    a.unmount();
    const b = open({ closeOnBackdrop: true });
    await fireEvent.click(byId('middle'));
    expect(b.onclose).not.toHaveBeenCalled();
    await fireEvent.click(byId('test-dialog').parentElement!);
    expect(b.onclose).toHaveBeenCalledTimes(1);
  });

  it('renders head and actions, and gives the focus back to the opener when closed', async () => {
    const { opener, unmount } = open({ head: html('<span data-testid="count">3 Bilder</span>') });
    expect(byId('count').parentElement?.querySelector('h2')?.textContent).toBe('Credit-Vorlage');
    expect(byId('last').closest('.actions')).toBeTruthy();
    await waitFor(() => expect(document.activeElement).toBe(byId('test-dialog')));
    unmount();
    expect(document.activeElement).toBe(opener);
  });
});
