import { fireEvent, render, screen } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { setLang } from '../lib/i18n';
import DateField from './DateField.svelte';

const ID = 'field-published-at';
const input = () => screen.getByTestId(ID) as HTMLInputElement;
const calendar = () => screen.queryByTestId(`${ID}-calendar`);
const key = (el: Element, k: string, opts: KeyboardEventInit = {}) =>
  fireEvent.keyDown(el, { key: k, bubbles: true, cancelable: true, ...opts });

function field(value: string | null, lang: 'de' | 'en' = 'de') {
  setLang(lang);
  const onchange = vi.fn();
  render(DateField, { id: ID, label: 'Veröffentlichung', value, onchange });
  return onchange;
}

beforeEach(() => setLang('de'));

describe('DateField', () => {
  it('shows the German form and no datetime-local control', () => {
    field('2025-11-12T09:30:00Z');
    expect(input().type).toBe('text');
    expect(input().value).toBe('12.11.2025, 10:30');
    expect(document.querySelector('input[type="datetime-local"]')).toBeNull();
  });

  it('the English UI shows an unambiguous form', () => {
    field('2025-11-12T09:30:00Z', 'en');
    expect(input().value).toBe('12 Nov 2025, 10:30');
  });

  it('typing the German form stores the UTC instant (winter and summer time) and normalises on blur', async () => {
    const onchange = field(null);
    await fireEvent.input(input(), { target: { value: '12.11.25 10:30' } });
    expect(onchange).toHaveBeenLastCalledWith('2025-11-12T09:30:00Z');
    await fireEvent.blur(input());
    expect(input().value).toBe('12.11.2025, 10:30');
    await fireEvent.input(input(), { target: { value: '1.7.2025 11:30' } });
    expect(onchange).toHaveBeenLastCalledWith('2025-07-01T09:30:00Z');
    // A date alone keeps the time.
    await fireEvent.input(input(), { target: { value: '24.12.2025' } });
    expect(onchange).toHaveBeenLastCalledWith('2025-12-24T10:30:00Z');
  });

  it('text that is no date is sent as typed (to be held) with an error after leaving the field', async () => {
    const onchange = field('2025-11-12T09:30:00Z');
    await fireEvent.input(input(), { target: { value: '31.02.2026' } });
    expect(onchange).toHaveBeenLastCalledWith('31.02.2026');
    await fireEvent.blur(input());
    expect(input().value).toBe('31.02.2026');
    expect(input().getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByTestId(`${ID}-error`).textContent).toContain('TT.MM.JJJJ, hh:mm');
  });

  it('a held value shows as typed, with its error', () => {
    field('31.02.2026');
    expect(input().value).toBe('31.02.2026');
    expect(screen.getByTestId(`${ID}-error`)).toBeTruthy();
  });

  it('the clear button empties the field', async () => {
    const onchange = field('2025-11-12T09:30:00Z');
    await fireEvent.click(screen.getByTestId(`${ID}-clear`));
    expect(onchange).toHaveBeenLastCalledWith(null);
    expect(input().value).toBe('');
  });

  it('the calendar: German names, arrows move, Enter picks keeping the time, Escape closes', async () => {
    const onchange = field('2025-11-12T09:30:00Z');
    await fireEvent.click(screen.getByTestId(`${ID}-calendar-button`));
    expect(calendar()).toBeTruthy();
    expect(screen.getByTestId(`${ID}-month`).textContent).toBe('November 2025');
    expect(calendar()!.querySelector('th')!.textContent).toBe('Mo');
    expect((document.activeElement as HTMLElement).dataset.day).toBe('12');
    await key(document.activeElement!, 'ArrowRight');
    await key(document.activeElement!, 'ArrowDown');
    expect((document.activeElement as HTMLElement).dataset.day).toBe('20');
    await key(document.activeElement!, 'PageDown');
    expect(screen.getByTestId(`${ID}-month`).textContent).toBe('Dezember 2025');
    await key(document.activeElement!, 'Enter');
    // Enter on a focused button clicks it in a browser; jsdom needs the click.
    await fireEvent.click(document.activeElement!);
    expect(onchange).toHaveBeenLastCalledWith('2025-12-20T09:30:00Z');
    expect(calendar()).toBeNull();
    expect(input().value).toBe('20.12.2025, 10:30');
    await fireEvent.click(screen.getByTestId(`${ID}-calendar-button`));
    await key(document.activeElement!, 'Escape');
    expect(calendar()).toBeNull();
    expect(document.activeElement).toBe(input());
  });

  it('Tab cycles inside the calendar', async () => {
    field('2025-11-12T09:30:00Z');
    await fireEvent.click(screen.getByTestId(`${ID}-calendar-button`));
    const close = screen.getByTestId(`${ID}-close-calendar`);
    close.focus();
    const tab = new KeyboardEvent('keydown', { key: 'Tab', bubbles: true, cancelable: true });
    close.dispatchEvent(tab);
    expect(tab.defaultPrevented).toBe(true);
    expect(document.activeElement).toBe(screen.getByTestId(`${ID}-prev-month`));
  });
});
