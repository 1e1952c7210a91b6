// How a body figure looks in the editor: as in the export — the picture, then a caption line
// with the caption (the article's own or the photo's) and the photo's credit — and under it
// two fields to edit this article's caption and alt text in place. An empty field means "the
// photo's own" (its value shows as the placeholder). Edits go straight into the node's
// attributes, so they are stored with the article like any other body change.

import type { Editor } from '@tiptap/core';
import type { Node as PMNode } from '@tiptap/pm/model';
import type { NodeView } from '@tiptap/pm/view';

/** What the library says about a photo (caption, credit, alt text). */
export interface FigurePhotoInfo {
  caption: string;
  credit: string;
  alt: string;
}

export interface FigureNodeViewOptions {
  src: (photoId: number) => string;
  fallbackAlt: (photoId: number) => string;
  ownCaption: (photoId: number) => string;
  /** The photo's own caption, credit and alt text; null while unknown. */
  photoInfo: (photoId: number) => Promise<FigurePhotoInfo | null>;
  captionLabel: () => string;
  altLabel: () => string;
}

export function createFigureNodeView(
  node: PMNode,
  editor: Editor,
  getPos: () => number | undefined,
  o: FigureNodeViewOptions,
): NodeView {
  const doc = document;
  const id = Number(node.attrs.photoId);
  let current = node;
  let info: FigurePhotoInfo | null = null;

  const dom = doc.createElement('figure');
  dom.className = 'body-figure';
  dom.setAttribute('data-testid', 'body-figure');
  dom.setAttribute('data-photo-id', String(id));
  dom.contentEditable = 'false';

  const img = doc.createElement('img');
  img.src = o.src(id);
  img.draggable = false;
  const cap = doc.createElement('figcaption');
  const capText = doc.createElement('span');
  capText.setAttribute('data-testid', 'body-figure-caption');
  const credit = doc.createElement('span');
  credit.className = 'credit';
  credit.setAttribute('data-testid', 'body-figure-credit');
  cap.append(capText, credit);

  const fields = doc.createElement('div');
  fields.className = 'figure-fields';
  const field = (key: 'caption' | 'alt', label: () => string) => {
    const wrap = doc.createElement('label');
    const text = doc.createElement('span');
    text.textContent = label();
    const input = doc.createElement('input');
    input.type = 'text';
    input.setAttribute('data-testid', `body-figure-${key}-input`);
    input.addEventListener('input', () => setAttr(key, input.value));
    // Enter would otherwise end up in ProseMirror's keymap.
    input.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') e.preventDefault();
    });
    wrap.append(text, input);
    fields.append(wrap);
    return input;
  };
  const captionInput = field('caption', o.captionLabel);
  const altInput = field('alt', o.altLabel);
  dom.append(img, cap, fields);

  function setAttr(key: 'caption' | 'alt', value: string) {
    const pos = getPos();
    if (typeof pos !== 'number') return;
    const attrs = { ...current.attrs, [key]: value.replace(/\s+/g, ' ') };
    editor.view.dispatch(editor.view.state.tr.setNodeMarkup(pos, undefined, attrs));
  }

  function paint() {
    const caption = String(current.attrs.caption ?? '');
    const alt = String(current.attrs.alt ?? '');
    const ownCaption = info?.caption ?? '';
    capText.textContent = caption || ownCaption || o.ownCaption(id);
    cap.classList.toggle('own', !caption && !ownCaption);
    credit.textContent = info?.credit ?? '';
    credit.hidden = !info?.credit;
    img.alt = alt || info?.alt || o.fallbackAlt(id);
    if (doc.activeElement !== captionInput) captionInput.value = caption;
    if (doc.activeElement !== altInput) altInput.value = alt;
    captionInput.placeholder = ownCaption;
    altInput.placeholder = info?.alt ?? '';
  }

  paint();
  void o.photoInfo(id).then(
    (p) => {
      info = p;
      paint();
    },
    () => undefined,
  );

  return {
    dom,
    update(next) {
      if (next.type !== current.type || Number(next.attrs.photoId) !== id) return false;
      current = next;
      paint();
      return true;
    },
    // Typing in the fields is the fields' business, not the editor's.
    stopEvent: (e) => e.target instanceof HTMLInputElement && fields.contains(e.target),
    ignoreMutation: () => true,
  };
}
