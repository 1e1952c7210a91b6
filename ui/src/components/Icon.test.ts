import { fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import { ICONS, paint } from '../lib/icons';
import Icon from './Icon.svelte';
import IconButton from './IconButton.svelte';

describe('Icon', () => {
  it('draws its shapes on a 16×16 grid, hidden from screen readers', () => {
    const { container } = render(Icon, { name: 'history', size: 15, class: 'x' });
    const svg = container.querySelector('svg')!;
    expect(svg.getAttribute('viewBox')).toBe('0 0 16 16');
    expect(svg.getAttribute('width')).toBe('15');
    expect(svg.getAttribute('aria-hidden')).toBe('true');
    expect(svg.getAttribute('class')).toContain('x');
    const circle = svg.querySelector('circle')!;
    expect([circle.getAttribute('cx'), circle.getAttribute('r'), circle.getAttribute('stroke-width')]).toEqual(['8', '5.5', '1.5']);
    expect(svg.querySelector('path')!.getAttribute('d')).toBe('M8 5v3l2 1.5');
  });

  it('strokes in the text colour, fills where asked, paints marks white', () => {
    expect(paint({ d: 'M0 0', stroke: 1.8 })).toEqual({ fill: 'none', stroke: 'currentColor', 'stroke-width': 1.8, 'stroke-linecap': undefined });
    expect(paint({ circle: [8, 8, 7], fill: true })).toMatchObject({ fill: 'currentColor', stroke: undefined });
    expect(paint({ d: 'M0 0', stroke: 1.7, white: true, round: true })).toMatchObject({ stroke: '#fff', 'stroke-linecap': 'round' });
    for (const [name, shapes] of Object.entries(ICONS)) expect(shapes.length, name).toBeGreaterThan(0);
  });
});

describe('IconButton', () => {
  it('is named by its label, titled by it unless told otherwise, and clickable', async () => {
    const onclick = vi.fn();
    render(IconButton, { icon: 'up', label: 'Nach oben (2)', title: 'Nach oben', testid: 'up', onclick });
    const b = screen.getByTestId('up') as HTMLButtonElement;
    expect(b.type).toBe('button');
    expect(b.getAttribute('aria-label')).toBe('Nach oben (2)');
    expect(b.title).toBe('Nach oben');
    expect(b.classList.contains('icon-btn')).toBe(true);
    await fireEvent.click(b);
    expect(onclick).toHaveBeenCalledTimes(1);
  });

  it('can be disabled and marked as dangerous', () => {
    render(IconButton, { icon: 'trash', label: 'Löschen', danger: true, disabled: true, onclick: () => {} });
    const b = screen.getByRole('button', { name: 'Löschen' }) as HTMLButtonElement;
    expect(b.title).toBe('Löschen');
    expect(b.disabled).toBe(true);
    expect(b.classList.contains('danger')).toBe(true);
  });
});
