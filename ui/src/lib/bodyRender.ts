// The article body as HTML for the editor and the preview. The backend renders CommonMark
// (render_preview); figures (`![alt](photo:ID "caption")`) are taken out before and put
// back after as figure HTML, because the renderer does not keep images (figures.ts).

import { cropRenditionUrl, renderPreview, renditionUrl } from './backend';
import { escapeHtml, extractFigures, figureEditorHtml, injectFigures, type FigureAttrs } from './figures';

export const FIGURE_WIDTH = 640;

export interface BodyHtml {
  /** What the body editor loads (figures as `<figure data-photo-id …>`). */
  editor: string;
  /** What the preview shows (figures as pictures). */
  preview: string;
}

/**
 * A figure as the preview shows it: in its crop (article `articleId`'s own where it has one;
 * the backend keeps that set as the article's, the one its export takes).
 */
export function figurePreviewHtml(f: FigureAttrs, fallbackAlt: (id: number) => string, articleId = 0): string {
  const url = f.crop
    ? cropRenditionUrl(f.photoId, f.crop, f.rect ?? null, FIGURE_WIDTH, articleId)
    : renditionUrl(f.photoId, FIGURE_WIDTH);
  const src = escapeHtml(url);
  const alt = escapeHtml(f.alt || fallbackAlt(f.photoId));
  const caption = f.caption ? `<figcaption>${escapeHtml(f.caption)}</figcaption>` : '';
  return `<figure class="preview-figure" data-photo-id="${f.photoId}"><img src="${src}" alt="${alt}">${caption}</figure>`;
}

export async function renderBodyHtml(body: string, fallbackAlt: (id: number) => string, articleId = 0): Promise<BodyHtml> {
  if (!body.trim()) return { editor: '', preview: '' };
  const ex = extractFigures(body);
  const html = await renderPreview(ex.markdown);
  if (ex.figures.length === 0) return { editor: html, preview: html };
  return {
    editor: injectFigures(html, ex, figureEditorHtml),
    preview: injectFigures(html, ex, (f) => figurePreviewHtml(f, fallbackAlt, articleId)),
  };
}
