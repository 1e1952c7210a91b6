// TipTap configuration for the article body: only what CommonMark storage can express and
// the house style allows.
//   nodes: paragraph, heading (2, 3), blockquote, bulletList, orderedList, listItem, hardBreak,
//          photoFigure (a photo from the library; see figures.ts)
//   marks: bold, italic, link (http, https, mailto; no open on click)
// Markdown-style input rules ("1. " → list, "## " → heading, "*x*" → italic) are off: in a
// press office "3. Oktober" at the start of a paragraph must stay text. The usual keyboard
// shortcuts stay on (Ctrl+B, Ctrl+I, Ctrl+Alt+2/3, Ctrl+Shift+B/8/7, Shift+Enter).
// Pasted HTML goes through pasteHtml.ts first.

import { Editor, Node, mergeAttributes, type Extensions } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import Link from '@tiptap/extension-link';
import { parseRectText, rectText, type FigureRect } from './figureRef';
import { FIGURE_NODE, isAllowedLinkUrl, type FigureAttrs } from './markdown';
import { createFigureNodeView, type FigureNodeViewOptions } from './figureNodeView';
import { cleanPastedHtml } from './pasteHtml';

export type FigureView = FigureNodeViewOptions;

const defaultFigureView: FigureView = {
  src: () => '',
  fallbackAlt: (id) => `Bild #${id}`,
  ownCaption: (id) => `Bild #${id}`,
  photoInfo: () => Promise.resolve(null),
  captionLabel: () => 'Bildunterschrift',
  altLabel: () => 'Alternativtext',
};

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    photoFigure: {
      /** Insert a photo from the library as a figure at the selection. */
      insertPhotoFigure: (attrs: FigureAttrs) => ReturnType;
    };
  }
}

/**
 * A photo in the body: an atom block node. Stored as `![alt](photo:ID "caption")`; parsed
 * from `<figure data-photo-id data-alt data-caption>` (see figures.ts for the loading path).
 */
export const PhotoFigure = Node.create<FigureView>({
  name: FIGURE_NODE,
  group: 'block',
  atom: true,
  selectable: true,
  draggable: true,

  addOptions() {
    return { ...defaultFigureView };
  },

  addAttributes() {
    return {
      photoId: {
        default: null,
        parseHTML: (el) => {
          const n = Number(el.getAttribute('data-photo-id'));
          return n > 0 ? n : null;
        },
        renderHTML: (a) => ({ 'data-photo-id': a.photoId }),
      },
      alt: {
        default: '',
        parseHTML: (el) => el.getAttribute('data-alt') ?? '',
        renderHTML: (a) => ({ 'data-alt': a.alt ?? '' }),
      },
      caption: {
        default: '',
        parseHTML: (el) => el.getAttribute('data-caption') ?? '',
        renderHTML: (a) => ({ 'data-caption': a.caption ?? '' }),
      },
      // The crop the page shows ('' = the whole photo) and this article's own rectangle of it.
      crop: {
        default: '',
        parseHTML: (el) => el.getAttribute('data-crop') ?? '',
        renderHTML: (a) => (a.crop ? { 'data-crop': a.crop } : {}),
      },
      rect: {
        default: null,
        parseHTML: (el) => parseRectText(el.getAttribute('data-rect')),
        renderHTML: (a) => {
          const r = a.rect as FigureRect | null;
          return a.crop && r ? { 'data-rect': rectText(r) } : {};
        },
      },
    };
  },

  parseHTML() {
    return [{ tag: 'figure[data-photo-id]' }];
  },

  renderHTML({ node, HTMLAttributes }) {
    const id = Number(node.attrs.photoId);
    const alt = String(node.attrs.alt ?? '');
    const caption = String(node.attrs.caption ?? '');
    return [
      'figure',
      mergeAttributes(HTMLAttributes, { class: 'body-figure', 'data-testid': 'body-figure' }),
      ['img', { src: this.options.src(id), alt: alt || this.options.fallbackAlt(id), draggable: 'false' }],
      ['figcaption', { class: caption ? '' : 'own' }, caption || this.options.ownCaption(id)],
    ];
  },

  // In the editor: picture, caption line with credit, and the in-place fields (figureNodeView.ts).
  addNodeView() {
    return ({ node, editor, getPos }) => createFigureNodeView(node, editor, getPos, this.options);
  },

  addCommands() {
    return {
      insertPhotoFigure:
        (attrs) =>
        ({ commands }) =>
          commands.insertContent({ type: this.name, attrs: { photoId: attrs.photoId, alt: attrs.alt ?? '', caption: attrs.caption ?? '' } }),
    };
  },
});

export function bodyExtensions(figureView: Partial<FigureView> = {}): Extensions {
  return [
    PhotoFigure.configure({ ...defaultFigureView, ...figureView }),
    StarterKit.configure({
      heading: { levels: [2, 3] },
      code: false,
      codeBlock: false,
      strike: false,
      horizontalRule: false,
      underline: false,
      link: false,
    }),
    Link.configure({
      openOnClick: false,
      autolink: false,
      linkOnPaste: true,
      enableClickSelection: false,
      defaultProtocol: 'https',
      protocols: [],
      isAllowedUri: (url) => isAllowedLinkUrl(url),
      shouldAutoLink: () => false,
      HTMLAttributes: { rel: 'noopener noreferrer nofollow', target: null },
    }),
  ];
}

export interface BodyEditorOptions {
  element: HTMLElement;
  content: string;
  ariaLabel: string;
  onUpdate?: (editor: Editor) => void;
  onTransaction?: (editor: Editor) => void;
  onFocus?: () => void;
  onBlur?: () => void;
  figureView?: Partial<FigureView>;
}

export function createBodyEditor(o: BodyEditorOptions): Editor {
  return new Editor({
    element: o.element,
    extensions: bodyExtensions(o.figureView),
    content: o.content || '',
    enableInputRules: false,
    enablePasteRules: false,
    editorProps: {
      // Pasted HTML is mapped onto what the body allows first (tables, Word, Google Docs).
      transformPastedHTML: cleanPastedHtml,
      attributes: {
        'aria-label': o.ariaLabel,
        'aria-multiline': 'true',
        role: 'textbox',
        spellcheck: 'true',
        lang: 'de',
      },
    },
    onUpdate: ({ editor }) => o.onUpdate?.(editor),
    onTransaction: ({ editor }) => o.onTransaction?.(editor),
    onFocus: () => o.onFocus?.(),
    onBlur: () => o.onBlur?.(),
  });
}

export type { Editor };
