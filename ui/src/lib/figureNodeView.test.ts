import { afterEach, describe, expect, it } from 'vitest';
import { createBodyEditor, type Editor } from './bodyEditor';
import type { FigureCropChoice, FigureNodeViewOptions, FigurePhotoInfo } from './figureNodeView';
import { docToMarkdown, figureMarkdown, type PMNode } from './markdown';

// A body figure in the editor shows what the export shows (caption + credit) and edits the
// article's caption and alt text in place; the edits end up in the stored CommonMark.

let editors: Editor[] = [];
afterEach(() => {
  editors.forEach((e) => e.destroy());
  editors = [];
  document.body.innerHTML = '';
});

const PHOTO: FigurePhotoInfo = { caption: 'Abendstimmung am Hafen', credit: 'Bild: Stadt Dortmund / Erika Mustermann', alt: 'Der Hafen in Hörde' };

function editorWithFigure(
  attrs: { alt: string; caption: string; extra?: string },
  more: Partial<FigureNodeViewOptions> = {},
): Editor {
  const element = document.createElement('div');
  document.body.appendChild(element);
  const html = `<p>Vorher</p><figure data-photo-id="7" data-alt="${attrs.alt}" data-caption="${attrs.caption}"${attrs.extra ?? ''}></figure><p>Nachher</p>`;
  const ed = createBodyEditor({
    element,
    content: html,
    ariaLabel: 'Text',
    figureView: {
      src: (id) => `x:${id}`,
      photoInfo: (id) => Promise.resolve(id === 7 ? PHOTO : null),
      captionLabel: () => 'Bildunterschrift in diesem Artikel',
      altLabel: () => 'Alternativtext in diesem Artikel',
      ...more,
    },
  });
  editors.push(ed);
  return ed;
}

const md = (ed: Editor) => docToMarkdown(ed.getJSON() as PMNode);
const q = <T extends Element>(sel: string) => {
  const el = document.querySelector<T>(sel);
  if (!el) throw new Error(`no ${sel}`);
  return el;
};
const flush = () => new Promise((r) => setTimeout(r, 0));

function typeInto(input: HTMLInputElement, value: string) {
  input.focus();
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

describe('body figure in the editor', () => {
  it("shows the photo's own caption and its credit, as the export does", async () => {
    editorWithFigure({ alt: '', caption: '' });
    await flush();
    expect(q('[data-testid="body-figure-caption"]').textContent).toBe(PHOTO.caption);
    expect(q('[data-testid="body-figure-credit"]').textContent).toBe(PHOTO.credit);
    expect(q<HTMLImageElement>('[data-testid="body-figure"] img').alt).toBe(PHOTO.alt);
    // The fields are empty (the photo's own) and show the photo's values as placeholders.
    expect(q<HTMLInputElement>('[data-testid="body-figure-caption-input"]').placeholder).toBe(PHOTO.caption);
    expect(q<HTMLInputElement>('[data-testid="body-figure-alt-input"]').placeholder).toBe(PHOTO.alt);
  });

  it("shows the article's own caption instead of the photo's, still with the credit", async () => {
    editorWithFigure({ alt: 'Hafen', caption: 'Eigener Text' });
    await flush();
    expect(q('[data-testid="body-figure-caption"]').textContent).toBe('Eigener Text');
    expect(q('[data-testid="body-figure-credit"]').textContent).toBe(PHOTO.credit);
    expect(q<HTMLInputElement>('[data-testid="body-figure-caption-input"]').value).toBe('Eigener Text');
    expect(q<HTMLInputElement>('[data-testid="body-figure-alt-input"]').value).toBe('Hafen');
  });

  it('edits caption and alt text in place and stores them with the article', async () => {
    const ed = editorWithFigure({ alt: '', caption: '' });
    await flush();
    let updates = 0;
    ed.on('update', () => updates++);
    typeInto(q('[data-testid="body-figure-caption-input"]'), 'Der neue Hafen');
    typeInto(q('[data-testid="body-figure-alt-input"]'), 'Boote im Hafen');
    expect(updates).toBe(2);
    expect(q('[data-testid="body-figure-caption"]').textContent).toBe('Der neue Hafen');
    expect(md(ed)).toBe(`Vorher\n\n${figureMarkdown({ photoId: 7, alt: 'Boote im Hafen', caption: 'Der neue Hafen' })}\n\nNachher`);
  });

  it("emptying a field goes back to the photo's own", async () => {
    const ed = editorWithFigure({ alt: 'Hafen', caption: 'Eigener Text' });
    await flush();
    typeInto(q('[data-testid="body-figure-caption-input"]'), '');
    expect(q('[data-testid="body-figure-caption"]').textContent).toBe(PHOTO.caption);
    expect(md(ed)).toBe(`Vorher\n\n${figureMarkdown({ photoId: 7, alt: 'Hafen', caption: '' })}\n\nNachher`);
  });

  it('labels the fields', () => {
    editorWithFigure({ alt: '', caption: '' });
    const labels = Array.from(document.querySelectorAll('[data-testid="body-figure"] .figure-fields > label')).map((l) => l.textContent);
    expect(labels).toEqual(['Bildunterschrift in diesem Artikel', 'Alternativtext in diesem Artikel']);
  });
});

describe('the crop a body figure is shown in', () => {
  const SIZED: FigurePhotoInfo = { ...PHOTO, width: 1800, height: 1200 };
  const CROPS: FigureCropChoice[] = [
    { name: 'wide', label: 'Breit', rect: { x: 0, y: 94, width: 1800, height: 1013 } },
    { name: 'square', label: 'Quadrat', rect: { x: 600, y: 0, width: 1200, height: 1200 } },
  ];
  const withCrops = (extra = '', editCrop?: FigureNodeViewOptions['editCrop']) =>
    editorWithFigure(
      { alt: '', caption: '', extra },
      { photoInfo: () => Promise.resolve(SIZED), crops: () => Promise.resolve(CROPS), editCrop },
    );
  const select = () => q<HTMLSelectElement>('[data-testid="body-figure-crop"]');
  const adjust = () => q<HTMLButtonElement>('[data-testid="body-figure-crop-adjust"]');

  it('offers the whole photo and the crops; a choice goes into the body and the picture shows it', async () => {
    const ed = withCrops('', () => Promise.resolve(undefined));
    await flush();
    expect(Array.from(select().options).map((o) => [o.value, o.text])).toEqual([
      ['', 'Original'],
      ['wide', 'Breit'],
      ['square', 'Quadrat'],
    ]);
    expect(adjust().hidden).toBe(true);
    select().value = 'square';
    select().dispatchEvent(new Event('change', { bubbles: true }));
    expect(md(ed)).toBe('Vorher\n\n![](photo:7#square)\n\nNachher');
    const frame = q<HTMLElement>('[data-testid="body-figure"] .figure-frame');
    expect(frame.classList.contains('cropped')).toBe(true);
    expect(frame.style.aspectRatio).toBe('1200 / 1200');
    // The 1800 px photo in a 1200 px frame, moved 600 px to the left.
    expect(q<HTMLImageElement>('[data-testid="body-figure"] img').style.width).toBe('150%');
    expect(q<HTMLImageElement>('[data-testid="body-figure"] img').style.left).toBe('-50%');
    expect(adjust().hidden).toBe(false);
    select().value = '';
    select().dispatchEvent(new Event('change', { bubbles: true }));
    expect(md(ed)).toBe('Vorher\n\n![](photo:7)\n\nNachher');
    expect(frame.classList.contains('cropped')).toBe(false);
  });

  it("keeps this article's own rectangle, and drops it with the photo's crop again or another crop", async () => {
    const answers: (FigureNodeViewOptions['editCrop'] extends ((...a: never[]) => Promise<infer R>) | undefined ? R : never)[] = [
      { x: 0, y: 0, width: 900, height: 900 },
      undefined,
      null,
    ];
    const asked: unknown[] = [];
    const ed = withCrops(' data-crop="square"', (id, crop, rect) => {
      asked.push([id, crop, rect]);
      return Promise.resolve(answers.shift());
    });
    await flush();
    adjust().click();
    await flush();
    expect(md(ed)).toBe('Vorher\n\n![](photo:7#square=0,0,900,900)\n\nNachher');
    expect(q<HTMLElement>('[data-testid="body-figure-crop-own"]').hidden).toBe(false);
    // Cancelled: nothing changes; the editor started from the article's rectangle.
    adjust().click();
    await flush();
    expect(md(ed)).toBe('Vorher\n\n![](photo:7#square=0,0,900,900)\n\nNachher');
    // Back to the photo's crop.
    adjust().click();
    await flush();
    expect(md(ed)).toBe('Vorher\n\n![](photo:7#square)\n\nNachher');
    expect(asked).toEqual([
      [7, 'square', null],
      [7, 'square', { x: 0, y: 0, width: 900, height: 900 }],
      [7, 'square', { x: 0, y: 0, width: 900, height: 900 }],
    ]);
    // Another crop starts from the photo's.
    const ed2 = withCrops(' data-crop="square" data-rect="0,0,900,900"');
    await flush();
    const s2 = document.querySelectorAll<HTMLSelectElement>('[data-testid="body-figure-crop"]')[1];
    s2.value = 'wide';
    s2.dispatchEvent(new Event('change', { bubbles: true }));
    expect(md(ed2)).toBe('Vorher\n\n![](photo:7#wide)\n\nNachher');
  });

  it('keeps a crop the office no longer has selectable as itself', async () => {
    const ed = withCrops(' data-crop="panorama"');
    await flush();
    expect(select().value).toBe('panorama');
    expect(adjust().hidden).toBe(true);
    expect(md(ed)).toBe('Vorher\n\n![](photo:7#panorama)\n\nNachher');
  });
});
