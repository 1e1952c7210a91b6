import { fireEvent, render, screen } from '@testing-library/svelte';
import { createRawSnippet } from 'svelte';
import { describe, expect, it, vi } from 'vitest';
import Field from './Field.svelte';

const html = (markup: string) => createRawSnippet(() => ({ render: () => markup }));

describe('Field', () => {
  it('labels a text input and passes the typed value on', async () => {
    const oninput = vi.fn();
    render(Field, { id: 'f-kicker', label: 'Dachzeile', value: 'Bildung', testid: 'field-kicker', placeholder: 'z. B. Schule', oninput });
    const input = screen.getByLabelText('Dachzeile') as HTMLInputElement;
    expect(input.tagName).toBe('INPUT');
    expect(input.type).toBe('text');
    expect(input.id).toBe('f-kicker');
    expect(input.dataset.testid).toBe('field-kicker');
    expect(input.value).toBe('Bildung');
    expect(input.placeholder).toBe('z. B. Schule');
    expect(input.hasAttribute('aria-describedby')).toBe(false);
    await fireEvent.input(input, { target: { value: 'Schule' } });
    expect(oninput).toHaveBeenCalledWith('Schule');
  });

  it('with rows it is a textarea', () => {
    render(Field, { id: 'f-teaser', label: 'Teaser', rows: 3, value: 'Kurz.' });
    const area = screen.getByLabelText('Teaser') as HTMLTextAreaElement;
    expect(area.tagName).toBe('TEXTAREA');
    expect(area.rows).toBe(3);
    expect(area.value).toBe('Kurz.');
  });

  it('is described by its hint, further ids and its error, in that order', () => {
    const { rerender } = render(Field, {
      id: 'f-template',
      label: 'Vorlage',
      hint: 'Platzhalter: {creator}',
      describedby: 'example',
      error: null,
      invalid: false,
    });
    const input = screen.getByLabelText('Vorlage');
    expect(document.getElementById('f-template-hint')?.textContent?.trim()).toBe('Platzhalter: {creator}');
    expect(input.getAttribute('aria-describedby')).toBe('f-template-hint example');
    expect(input.getAttribute('aria-invalid')).toBe('false');
    return rerender({ error: 'Pflichtfeld', errorTestid: 'template-error', invalid: true }).then(() => {
      const error = screen.getByTestId('template-error');
      expect(error.id).toBe('f-template-error');
      expect(error.getAttribute('role')).toBe('alert');
      expect(error.textContent).toBe('Pflichtfeld');
      expect(input.getAttribute('aria-describedby')).toBe('f-template-hint example f-template-error');
      expect(input.getAttribute('aria-invalid')).toBe('true');
    });
  });

  it('a hint can carry markup, and an aside stands on the label’s line', () => {
    render(Field, {
      id: 'f-alt',
      label: 'Alternativtext',
      rows: 2,
      hint: html('<span class="warn">Zu lang</span>'),
      aside: html('<span data-testid="count">12 Zeichen</span>'),
    });
    expect(document.querySelector('#f-alt-hint .warn')?.textContent).toBe('Zu lang');
    expect(screen.getByTestId('count').parentElement?.querySelector('label')?.htmlFor).toBe('f-alt');
  });

  it('required: a star beside the label (hidden from screen readers) and aria-required', () => {
    render(Field, { id: 'f-credit', label: 'Credit', required: true });
    const input = screen.getByLabelText(/Credit/) as HTMLInputElement;
    expect(input.required).toBe(true);
    expect(input.getAttribute('aria-required')).toBe('true');
    expect(document.querySelector('label[for="f-credit"] [aria-hidden="true"]')?.textContent).toBe('*');
  });

  it('reports the committed value through onchange', async () => {
    const onchange = vi.fn();
    render(Field, { id: 'f-url', label: 'Adresse', type: 'url', onchange });
    const input = screen.getByLabelText('Adresse') as HTMLInputElement;
    expect(input.type).toBe('url');
    await fireEvent.change(input, { target: { value: 'https://example.org' } });
    expect(onchange).toHaveBeenCalledWith('https://example.org');
  });

  it('disabled and spellcheck reach the control', () => {
    render(Field, { id: 'f-org', label: 'Organisation', disabled: true, spellcheck: false });
    const input = screen.getByLabelText('Organisation') as HTMLInputElement;
    expect(input.disabled).toBe(true);
    expect(input.getAttribute('spellcheck')).toBe('false');
  });

  it('German prose is marked for the spell checker', () => {
    render(Field, { id: 'f-cap', label: 'Bildunterschrift', rows: 2, spellcheck: true, lang: 'de' });
    const area = screen.getByLabelText('Bildunterschrift');
    expect(area.getAttribute('spellcheck')).toBe('true');
    expect(area.getAttribute('lang')).toBe('de');
  });
});
