// TipTap configuration for the article body: only what CommonMark storage can express and
// the house style allows.
//   nodes: paragraph, heading (2, 3), blockquote, bulletList, orderedList, listItem, hardBreak
//   marks: bold, italic, link (http, https, mailto; no open on click)
// Markdown-style input rules ("1. " → list, "## " → heading, "*x*" → italic) are off: in a
// press office "3. Oktober" at the start of a paragraph must stay text. The usual keyboard
// shortcuts stay on (Ctrl+B, Ctrl+I, Ctrl+Alt+2/3, Ctrl+Shift+B/8/7, Shift+Enter).

import { Editor, type Extensions } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import Link from '@tiptap/extension-link';
import { isAllowedLinkUrl } from './markdown';

export function bodyExtensions(): Extensions {
  return [
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
}

export function createBodyEditor(o: BodyEditorOptions): Editor {
  return new Editor({
    element: o.element,
    extensions: bodyExtensions(),
    content: o.content || '',
    enableInputRules: false,
    enablePasteRules: false,
    editorProps: {
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
