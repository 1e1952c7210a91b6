import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { beforeEach, describe, expect, it } from 'vitest';
import { FakeLibrary } from '../dev/fakeBackend';
import { setLang } from '../lib/i18n';
import { clearToasts } from '../lib/toasts';
import { installIpc } from '../test/ipc';
import BaseUrlField from './BaseUrlField.svelte';

const input = () => screen.getByTestId('export-base-url') as HTMLInputElement;
const save = () => screen.getByTestId('export-base-url-save') as HTMLButtonElement;

beforeEach(() => {
  setLang('de');
  clearToasts();
});

describe('the website’s public address in the export dialog', () => {
  it('shows what is stored, saves a change and takes the backend’s normalised form', async () => {
    const lib = new FakeLibrary();
    lib.baseUrl = 'https://www.example.org/presse/';
    const ipc = installIpc(lib, {
      set_public_base_url: (a) => `${String(a.url).trim().replace(/\/?$/, '/')}`,
    });
    render(BaseUrlField);
    await waitFor(() => expect(input().value).toBe('https://www.example.org/presse/'));
    expect(save().disabled).toBe(true);
    await fireEvent.input(input(), { target: { value: ' https://www.dortmund.de/presse ' } });
    expect(save().disabled).toBe(false);
    await fireEvent.click(save());
    await waitFor(() => expect(input().value).toBe('https://www.dortmund.de/presse/'));
    // An address field drops the spaces around what is typed.
    expect(ipc.callsOf('set_public_base_url')[0].args).toEqual({ url: 'https://www.dortmund.de/presse' });
    expect(save().disabled).toBe(true);
  });

  it('words a refused address in the UI language and keeps what was typed', async () => {
    const refused = {
      code: 'invalid_input',
      message: 'the public base URL "www.dortmund.de" is not an absolute address',
      values: { rule: 'base_url' },
    };
    installIpc(new FakeLibrary(), { set_public_base_url: () => Promise.reject(refused) });
    render(BaseUrlField);
    await waitFor(() => expect(input().disabled).toBe(false));
    await fireEvent.input(input(), { target: { value: 'www.dortmund.de' } });
    await fireEvent.keyDown(input(), { key: 'Enter' });
    const error = await screen.findByTestId('export-base-url-error');
    expect(error.textContent).toContain('Ungültige Eingabe');
    expect(error.textContent).toContain('mit https:// beginnen');
    expect(input().value).toBe('www.dortmund.de');
    expect(input().getAttribute('aria-invalid')).toBe('true');
    setLang('en');
    await waitFor(() => expect(screen.getByTestId('export-base-url-error').textContent).toContain('start with https://'));
  });
});
