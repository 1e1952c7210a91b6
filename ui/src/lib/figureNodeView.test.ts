import { afterEach, describe, expect, it } from 'vitest';
import { createBodyEditor, type Editor } from './bodyEditor';
import type { FigurePhotoInfo } from './figureNodeView';
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

function editorWithFigure(attrs: { alt: string; caption: string }): Editor {
  const element = document.createElement('div');
  document.body.appendChild(element);
  const html = `<p>Vorher</p><figure data-photo-id="7" data-alt="${attrs.alt}" data-caption="${attrs.caption}"></figure><p>Nachher</p>`;
  const ed = createBodyEditor({
    element,
    content: html,
    ariaLabel: 'Text',
    figureView: {
      src: (id) => `x:${id}`,
      photoInfo: (id) => Promise.resolve(id === 7 ? PHOTO : null),
      captionLabel: () => 'Bildunterschrift in diesem Artikel',
      altLabel: () => 'Alternativtext in diesem Artikel',
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
    const labels = Array.from(document.querySelectorAll('[data-testid="body-figure"] label')).map((l) => l.textContent);
    expect(labels).toEqual(['Bildunterschrift in diesem Artikel', 'Alternativtext in diesem Artikel']);
  });
});
