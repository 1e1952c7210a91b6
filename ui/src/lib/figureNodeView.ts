// How a body figure looks in the editor: as in the export — the picture, then a caption line
// with the caption (the article's own or the photo's) and the photo's credit — and under it
// two fields to edit this article's caption and alt text in place. An empty field means "the
// photo's own" (its value shows as the placeholder). Under them the crop the page shows it in
// (the whole photo, or one of the office's crops: the picture then shows that crop) and, for
// a crop, "Für diesen Artikel anpassen…", which asks the host for this article's own
// rectangle. Edits go straight into the node's attributes, so they are stored with the article
// like any other body change.

import type { Editor } from '@tiptap/core';
import type { Node as PMNode } from '@tiptap/pm/model';
import type { NodeView } from '@tiptap/pm/view';
import type { FigureRect } from './figureRef';

/** What the library says about a photo (caption, credit, alt text, size). */
export interface FigurePhotoInfo {
  caption: string;
  credit: string;
  alt: string;
  /** The upright photo's pixels (0: unknown). */
  width?: number;
  height?: number;
}

/** One crop a figure can be shown in, as the photo has it. */
export interface FigureCropChoice {
  name: string;
  label: string;
  rect: FigureRect;
}

export interface FigureNodeViewOptions {
  src: (photoId: number) => string;
  fallbackAlt: (photoId: number) => string;
  ownCaption: (photoId: number) => string;
  /** The photo's own caption, credit and alt text; null while unknown. */
  photoInfo: (photoId: number) => Promise<FigurePhotoInfo | null>;
  captionLabel: () => string;
  altLabel: () => string;
  /** The crops the photo can be shown in (without the whole photo); [] while unknown. */
  crops?: (photoId: number) => Promise<FigureCropChoice[]>;
  cropLabel?: () => string;
  wholeLabel?: () => string;
  adjustLabel?: () => string;
  ownCropHint?: () => string;
  /**
   * Asks for this article's own rectangle of `crop` (starting from `rect`, or the photo's when
   * null): resolves to the rectangle, null to follow the photo's crop again, undefined when
   * cancelled.
   */
  editCrop?: (photoId: number, crop: string, rect: FigureRect | null) => Promise<FigureRect | null | undefined>;
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

  // The crop: a choice, and this article's own rectangle of it.
  let choices: FigureCropChoice[] = [];
  const cropRow = doc.createElement('div');
  cropRow.className = 'figure-crop';
  const cropWrap = doc.createElement('label');
  const cropText = doc.createElement('span');
  const cropSelect = doc.createElement('select');
  cropSelect.setAttribute('data-testid', 'body-figure-crop');
  cropSelect.addEventListener('change', () => setAttrs({ crop: cropSelect.value, rect: null }));
  cropWrap.append(cropText, cropSelect);
  const adjust = doc.createElement('button');
  adjust.type = 'button';
  adjust.className = 'btn btn-small';
  adjust.setAttribute('data-testid', 'body-figure-crop-adjust');
  adjust.addEventListener('click', () => {
    const crop = String(current.attrs.crop ?? '');
    if (!crop || !o.editCrop) return;
    void o.editCrop(id, crop, (current.attrs.rect as FigureRect | null) ?? null).then((r) => {
      if (r !== undefined && String(current.attrs.crop ?? '') === crop) setAttrs({ rect: r });
    });
  });
  const own = doc.createElement('span');
  own.className = 'own-crop';
  own.setAttribute('data-testid', 'body-figure-crop-own');
  cropRow.append(cropWrap, adjust, own);
  cropRow.hidden = true;
  fields.append(cropRow);

  // The picture, inside a frame that shows only the crop when there is one.
  const frame = doc.createElement('div');
  frame.className = 'figure-frame';
  frame.append(img);
  dom.append(frame, cap, fields);

  function setAttr(key: 'caption' | 'alt', value: string) {
    setAttrs({ [key]: value.replace(/\s+/g, ' ') });
  }

  function setAttrs(changes: Record<string, unknown>) {
    const pos = getPos();
    if (typeof pos !== 'number') return;
    const attrs = { ...current.attrs, ...changes };
    editor.view.dispatch(editor.view.state.tr.setNodeMarkup(pos, undefined, attrs));
  }

  /** Shows the picture cut to `r` of a `w` × `h` photo (or whole, without one). */
  function showFrame(r: FigureRect | null, w: number, h: number) {
    if (!r || !(w > 0 && h > 0) || !(r.width > 0 && r.height > 0)) {
      frame.classList.remove('cropped');
      frame.removeAttribute('style');
      img.removeAttribute('style');
      return;
    }
    frame.classList.add('cropped');
    frame.style.aspectRatio = `${r.width} / ${r.height}`;
    // As high as a whole figure may be (20rem) at most.
    frame.style.maxWidth = `calc(20rem * ${(r.width / r.height).toFixed(4)})`;
    const pct = (v: number, of: number) => `${(v / of) * 100}%`;
    img.style.width = pct(w, r.width);
    img.style.left = `-${pct(r.x, r.width)}`;
    img.style.top = `-${pct(r.y, r.height)}`;
  }

  function paintCrop() {
    const crop = String(current.attrs.crop ?? '');
    const rect = (current.attrs.rect as FigureRect | null) ?? null;
    cropRow.hidden = choices.length === 0 && !crop;
    cropText.textContent = o.cropLabel?.() ?? 'Zuschnitt';
    const options: [string, string][] = [['', o.wholeLabel?.() ?? 'Original'], ...choices.map((c): [string, string] => [c.name, c.label])];
    // A crop the office's set no longer has stays selectable as itself (the preflight says so).
    if (crop && !choices.some((c) => c.name === crop)) options.push([crop, crop]);
    if (cropSelect.options.length !== options.length || options.some(([v, l], i) => cropSelect.options[i].value !== v || cropSelect.options[i].text !== l)) {
      cropSelect.replaceChildren(
        ...options.map(([v, l]) => {
          const opt = doc.createElement('option');
          opt.value = v;
          opt.text = l;
          return opt;
        }),
      );
    }
    cropSelect.value = crop;
    adjust.hidden = !crop || !o.editCrop || !choices.some((c) => c.name === crop);
    adjust.textContent = o.adjustLabel?.() ?? 'Für diesen Artikel anpassen…';
    own.hidden = !(crop && rect);
    own.textContent = o.ownCropHint?.() ?? 'eigener Zuschnitt';
    const shown = crop ? (rect ?? choices.find((c) => c.name === crop)?.rect ?? null) : null;
    showFrame(shown, info?.width ?? 0, info?.height ?? 0);
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
    paintCrop();
  }

  paint();
  void o.photoInfo(id).then(
    (p) => {
      info = p;
      paint();
    },
    () => undefined,
  );
  void o.crops?.(id).then(
    (c) => {
      choices = c;
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
    stopEvent: (e) =>
      (e.target instanceof HTMLInputElement || e.target instanceof HTMLSelectElement || e.target instanceof HTMLButtonElement) &&
      fields.contains(e.target),
    ignoreMutation: () => true,
  };
}
