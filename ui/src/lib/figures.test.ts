import MarkdownIt from 'markdown-it';
import { afterEach, describe, expect, it } from 'vitest';
import { createBodyEditor, type Editor } from './bodyEditor';
import {
  extractFigures,
  figureEditorHtml,
  figureMarkdown,
  findFigures,
  injectFigures,
  parseFigureAt,
  type FigureAttrs,
} from './figures';
import { docToMarkdown, type PMNode } from './markdown';

// markdown-it as the reference CommonMark implementation (the backend uses pulldown-cmark).
const cm = new MarkdownIt('commonmark', { html: false });

function referenceImage(md: string): { src: string; alt: string; title: string | null } {
  const tokens = cm.parseInline(md, {})[0].children ?? [];
  const img = tokens.find((t) => t.type === 'image');
  if (!img) throw new Error(`no image in ${md}`);
  const alt = (img.children ?? []).map((c) => c.content).join('');
  return { src: img.attrGet('src') ?? '', alt, title: img.attrGet('title') };
}

let editors: Editor[] = [];
afterEach(() => {
  editors.forEach((e) => e.destroy());
  editors = [];
  document.body.innerHTML = '';
});

/** The editor's loading path: figures → tokens → renderer → figure HTML → TipTap. */
function loadIntoEditor(markdown: string): Editor {
  const ex = extractFigures(markdown);
  const html = injectFigures(cm.render(ex.markdown), ex, figureEditorHtml);
  const element = document.createElement('div');
  document.body.appendChild(element);
  const ed = createBodyEditor({ element, content: html, ariaLabel: 'Text', figureView: { src: (id) => `x:${id}` } });
  editors.push(ed);
  return ed;
}

const md = (ed: Editor) => docToMarkdown(ed.getJSON() as PMNode);

describe('figure markdown', () => {
  const cases: FigureAttrs[] = [
    { photoId: 12, alt: '', caption: '' },
    { photoId: 12, alt: 'Rathaus am Abend', caption: 'Das Rathaus, beleuchtet' },
    { photoId: 3, alt: 'Schild „Baustelle [B1]“ mit *Stern*', caption: 'Er sagte "Halt" (laut)' },
    { photoId: 4, alt: 'Backslash \\ und ] und [ und )', caption: 'Pfad C:\\Bilder\\ und "x" und ) und &amp;' },
    { photoId: 5, alt: '_unterstrichen_ und `code` und <b>', caption: "Apostroph ' und (Klammer" },
  ];
  for (const f of cases) {
    it(`means the same to a CommonMark parser: ${JSON.stringify(f)}`, () => {
      const out = figureMarkdown(f);
      const ref = referenceImage(out);
      expect(ref.src).toBe(`photo:${f.photoId}`);
      expect(ref.alt).toBe(f.alt);
      expect(ref.title ?? '').toBe(f.caption);
      // …and our own parser reads it back.
      expect(parseFigureAt(out, 0)).toEqual({ figure: f, end: out.length });
    });
  }

  it('writes the short forms', () => {
    expect(figureMarkdown({ photoId: 7, alt: '', caption: '' })).toBe('![](photo:7)');
    expect(figureMarkdown({ photoId: 7, alt: 'a]b', caption: 'say "x")' })).toBe('![a\\]b](photo:7 "say \\"x\\"\\)")');
    expect(figureMarkdown({ photoId: 7, alt: ' zwei\nZeilen ', caption: 'eins\nzwei' })).toBe(
      '![zwei Zeilen](photo:7 "eins zwei")',
    );
  });

  it('reads other title forms and angle-bracket destinations', () => {
    expect(findFigures("![a](photo:2 'x \\' y') ![b](<photo:3> (c)) ![](photo:4)")).toEqual([
      { photoId: 2, alt: 'a', caption: "x ' y" },
      { photoId: 3, alt: 'b', caption: 'c' },
      { photoId: 4, alt: '', caption: '' },
    ]);
  });

  it('names the crop the page shows and this article\'s own rectangle of it', () => {
    const withCrop: FigureAttrs = { photoId: 8, alt: 'Hafen', caption: 'Am Hafen', crop: 'wide', rect: null };
    const own: FigureAttrs = { photoId: 8, alt: '', caption: '', crop: 'classic', rect: { x: 0, y: 300, width: 800, height: 600 } };
    expect(figureMarkdown(withCrop)).toBe('![Hafen](photo:8#wide "Am Hafen")');
    expect(figureMarkdown(own)).toBe('![](photo:8#classic=0,300,800,600)');
    for (const f of [withCrop, own]) {
      const out = figureMarkdown(f);
      expect(referenceImage(out).src).toBe(out.slice(out.indexOf('(') + 1).split(/[ )]/)[0]);
      expect(parseFigureAt(out, 0)).toEqual({ figure: f, end: out.length });
    }
    // The whole photo, an unknown form or a broken rectangle: no crop, or the crop alone.
    expect(figureMarkdown({ photoId: 8, alt: '', caption: '', crop: 'original', rect: null })).toBe('![](photo:8)');
    expect(figureMarkdown({ photoId: 8, alt: '', caption: '', crop: 'Wide Open', rect: null })).toBe('![](photo:8)');
    expect(findFigures('![](photo:8#square=1,2,0,0) ![](photo:9#original) ![](<photo:3#wide>)')).toEqual([
      { photoId: 8, alt: '', caption: '', crop: 'square', rect: null },
      { photoId: 9, alt: '', caption: '' },
      { photoId: 3, alt: '', caption: '', crop: 'wide', rect: null },
    ]);
  });

  it('leaves other images, links and escaped "!" alone', () => {
    const src = '![x](https://a.de/b.png) [photo](photo:3) \\![y](photo:4) ![z](photo:0) ![w](photo:5x)';
    expect(findFigures(src)).toEqual([]);
    expect(extractFigures(src).markdown).toBe(src);
  });
});

describe('figures in the body editor: markdown → editor → markdown', () => {
  const samples = [
    '![](photo:12)',
    'Vorher.\n\n![Rathaus](photo:12 "Das Rathaus")\n\nNachher.',
    '## Bilder\n\n![a\\]b \\[c\\]](photo:1 "Er sagte \\"Halt\\" (laut\\)")\n\n![](photo:2 "C:\\\\Bilder")',
    '> Zitat\n>\n> ![Bild im Zitat](photo:9)',
    'Text **fett**.\n\n![](photo:3)\n\n![](photo:4)\n\n- Liste',
    'Vorher.\n\n![Hafen](photo:12#wide "Am Hafen")\n\n![](photo:12#classic=0,300,800,600)',
  ];
  for (const sample of samples) {
    it(JSON.stringify(sample.slice(0, 50)), () => {
      const ed = loadIntoEditor(sample);
      expect(md(ed)).toBe(sample);
    });
  }

  it('renders the photo with an alt text and the caption (or a note that it is the photo’s own)', () => {
    const ed = loadIntoEditor('![Rathaus](photo:12 "Das Rathaus")\n\n![](photo:13)');
    const figs = ed.view.dom.querySelectorAll('figure[data-testid="body-figure"]');
    expect(figs).toHaveLength(2);
    const img0 = figs[0].querySelector('img')!;
    expect(img0.getAttribute('src')).toBe('x:12');
    expect(img0.getAttribute('alt')).toBe('Rathaus');
    expect(figs[0].querySelector('figcaption')?.textContent).toBe('Das Rathaus');
    expect(figs[1].querySelector('img')?.getAttribute('alt')).toBe('Bild #13');
    expect(figs[1].querySelector('figcaption')?.className).toBe('own');
  });

  it('insertPhotoFigure adds a figure that serializes with empty overrides', () => {
    const ed = loadIntoEditor('Erster Absatz.');
    ed.chain().focus('end').insertPhotoFigure({ photoId: 8, alt: '', caption: '' }).run();
    expect(md(ed)).toBe('Erster Absatz.\n\n![](photo:8)');
  });

  it('a figure written inside a paragraph still loads as a figure', () => {
    const ed = loadIntoEditor('Text ![x](photo:5) mehr Text');
    expect(md(ed)).toContain('![x](photo:5)');
  });
});
