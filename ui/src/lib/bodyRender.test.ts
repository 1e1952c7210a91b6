import { afterEach, describe, expect, it, vi } from 'vitest';
import { figurePreviewHtml } from './bodyRender';

const alt = (id: number) => `Bild ${id}`;
const img = (html: string) => {
  const box = document.createElement('div');
  box.innerHTML = html;
  return box.querySelector('img')!;
};

afterEach(() => vi.restoreAllMocks());

describe('a figure in the preview', () => {
  it('shows the whole photo, its crop, or this article’s own rectangle of the crop', () => {
    vi.spyOn(navigator, 'userAgent', 'get').mockReturnValue('Linux');
    const whole = img(figurePreviewHtml({ photoId: 7, alt: '', caption: '' }, alt));
    expect(whole.getAttribute('src')).toBe('nrphoto://localhost/rendition/7/640');
    expect(whole.getAttribute('alt')).toBe('Bild 7');
    const square = img(figurePreviewHtml({ photoId: 7, alt: 'Ballon', caption: '', crop: 'square' }, alt));
    expect(square.getAttribute('src')).toBe('nrphoto://localhost/crop/7/square/640');
    const own = img(
      figurePreviewHtml({ photoId: 7, alt: '', caption: 'Start', crop: 'wide', rect: { x: 0, y: 300, width: 1600, height: 900 } }, alt),
    );
    expect(own.getAttribute('src')).toBe('nrphoto://localhost/crop/7/wide/640?rect=0,300,1600,900');
    // In an article's preview, the set is that article's (as its export names it).
    const mine = img(figurePreviewHtml({ photoId: 7, alt: '', caption: '', crop: 'wide', rect: { x: 0, y: 300, width: 1600, height: 900 } }, alt, 3));
    expect(mine.getAttribute('src')).toBe('nrphoto://localhost/crop/7/wide/640?rect=0,300,1600,900&a=3');
    expect(own.closest('figure')?.querySelector('figcaption')?.textContent).toBe('Start');
  });
});
