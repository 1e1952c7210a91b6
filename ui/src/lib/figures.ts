// Photos in the article body ("figures").
//
// In the stored CommonMark a figure is an image whose destination is `photo:ID`:
//
//   ![alt text](photo:12 "caption")
//   ![alt text](photo:12#wide "caption")              shown in the crop "wide"
//   ![alt text](photo:12#wide=0,120,1600,900 "caption") in this article's own "wide" crop
//
// An empty alt text or a missing/empty caption means "the photo's own" (from the library).
// The backend parses these (pulldown-cmark) to know which photos an article uses.
//
// Loading a body into the editor goes through the backend renderer (render_preview), which
// turns images into plain text. So before rendering, every figure is replaced by a unique
// token paragraph, and afterwards the token is swapped for figure HTML the editor (or the
// preview) understands. Pure functions; no Tauri here.

import { parseCropFragment, rectText, type FigureRect } from './figureRef';
import { FIGURE_NODE, escapeTitle, figureMarkdown, type FigureAttrs } from './markdown';

export type { FigureAttrs, FigureRect };

export { FIGURE_NODE, escapeTitle, figureMarkdown };

const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

const ASCII_PUNCT = /[!-/:-@[-`{-~]/;

function unescapeBackslashes(s: string): string {
  return s.replace(/\\([!-/:-@[-`{-~])/g, '$1');
}

/**
 * Parse a figure starting at `pos` (which must point at "!["). Returns the figure and the
 * index after its closing ")" or null when it is not a `photo:` image.
 */
export function parseFigureAt(src: string, pos: number): { figure: FigureAttrs; end: number } | null {
  if (src[pos] !== '!' || src[pos + 1] !== '[') return null;
  // Alt text: up to the matching "]", honouring backslash escapes and nested brackets.
  let i = pos + 2;
  let depth = 0;
  for (; i < src.length; i++) {
    const c = src[i];
    if (c === '\\' && i + 1 < src.length && ASCII_PUNCT.test(src[i + 1])) {
      i++;
      continue;
    }
    if (c === '[') depth++;
    else if (c === ']') {
      if (depth === 0) break;
      depth--;
    } else if (c === '\n' && src[i + 1] === '\n') return null;
  }
  if (i >= src.length || src[i + 1] !== '(') return null;
  const altRaw = src.slice(pos + 2, i);
  i += 2;
  const skipWs = () => {
    while (i < src.length && /[ \t\n]/.test(src[i])) i++;
  };
  skipWs();
  const dest = /^(?:<photo:(\d+)(?:#([^\s<>]*))?>|photo:(\d+)(?:#([^\s()<>]*))?(?=[\s)]))/.exec(src.slice(i));
  if (!dest) return null;
  const photoId = Number(dest[1] ?? dest[3]);
  if (!(photoId > 0)) return null;
  const { crop, rect } = parseCropFragment(dest[2] ?? dest[4] ?? '');
  i += dest[0].length;
  const beforeTitle = i;
  skipWs();
  let caption = '';
  const open = src[i];
  if ((open === '"' || open === "'" || open === '(') && i > beforeTitle) {
    const close = open === '(' ? ')' : open;
    let j = i + 1;
    for (; j < src.length; j++) {
      if (src[j] === '\\' && j + 1 < src.length && ASCII_PUNCT.test(src[j + 1])) {
        j++;
        continue;
      }
      if (src[j] === close) break;
    }
    if (j >= src.length) return null;
    caption = unescapeBackslashes(src.slice(i + 1, j));
    i = j + 1;
    skipWs();
  }
  if (src[i] !== ')') return null;
  return {
    figure: { photoId, alt: oneLine(unescapeBackslashes(altRaw)), caption: oneLine(caption), ...(crop ? { crop, rect } : {}) },
    end: i + 1,
  };
}

/** Is the character at `pos` escaped by an odd number of backslashes? */
function escaped(src: string, pos: number): boolean {
  let n = 0;
  for (let k = pos - 1; k >= 0 && src[k] === '\\'; k--) n++;
  return n % 2 === 1;
}

/** All figures of a body, in order. */
export function findFigures(markdown: string): FigureAttrs[] {
  return extractFigures(markdown).figures;
}

export interface Extracted {
  /** The body with every figure replaced by its token. */
  markdown: string;
  figures: FigureAttrs[];
  token: (index: number) => string;
}

/** Replace every figure with a plain-text token that survives the renderer unchanged. */
export function extractFigures(markdown: string, nonce = Math.random().toString(36).slice(2, 10)): Extracted {
  const clean = nonce.replace(/[^a-z0-9]/gi, '') || 'x';
  const token = (i: number) => `NRFIGURE${clean}Q${i}Q`;
  const figures: FigureAttrs[] = [];
  let out = '';
  let last = 0;
  let pos = markdown.indexOf('![');
  while (pos !== -1) {
    const parsed = escaped(markdown, pos) ? null : parseFigureAt(markdown, pos);
    if (parsed) {
      out += markdown.slice(last, pos) + token(figures.length);
      figures.push(parsed.figure);
      last = parsed.end;
      pos = markdown.indexOf('![', parsed.end);
    } else {
      pos = markdown.indexOf('![', pos + 2);
    }
  }
  out += markdown.slice(last);
  return { markdown: out, figures, token };
}

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** What the body editor parses as a figure node. */
export function figureEditorHtml(f: FigureAttrs): string {
  const crop = f.crop ? ` data-crop="${escapeHtml(f.crop)}"` : '';
  const r = f.rect;
  const rect = f.crop && r ? ` data-rect="${rectText(r)}"` : '';
  return `<figure data-photo-id="${f.photoId}" data-alt="${escapeHtml(f.alt)}" data-caption="${escapeHtml(f.caption)}"${crop}${rect}></figure>`;
}

/**
 * Put figures back into rendered HTML: a token alone in a paragraph becomes the figure
 * (the paragraph goes); a token inside text becomes the figure in place.
 */
export function injectFigures(html: string, ex: Extracted, render: (f: FigureAttrs) => string): string {
  let out = html;
  ex.figures.forEach((f, i) => {
    const tok = ex.token(i);
    const alone = new RegExp(`<p>\\s*${tok}\\s*</p>`);
    out = alone.test(out) ? out.replace(alone, () => render(f)) : out.replace(tok, () => render(f));
  });
  return out;
}
