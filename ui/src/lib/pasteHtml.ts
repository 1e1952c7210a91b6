// Pasted HTML → the markup the body allows (see bodyEditor.ts and core's render allowlist:
// h2 h3 p strong em a[href http/https/mailto] blockquote ul ol li br). Runs before TipTap
// parses a paste, so what arrives from a web page, Word or Google Docs keeps its structure
// instead of falling apart into one run of text:
//   h1, h2 → h2; h3–h6 → h3
//   table → one paragraph per row, cells joined by " – ", a header row in bold; a table
//           inside a cell is flattened into that cell's text
//   Word: MsoNormal paragraphs become plain paragraphs, <o:p> and mso styles are dropped,
//         MsoListParagraph paragraphs (with their "·" / "1." markers) become a list
//   Google Docs: bold/italic come as styled spans (font-weight:700, font-style:italic); the
//         wrapping <b style="font-weight:normal"> is not bold
//   b/strong → strong, i/em → em, links only http/https/mailto, everything else unwrapped.
// A paste copied from the editor itself (ProseMirror marks it with data-pm-slice) is left as is.

import { isAllowedLinkUrl } from './markdown';

/** Separates the cells of a pasted table row. */
export const CELL_SEPARATOR = ' – ';

const DROP = new Set([
  'SCRIPT', 'STYLE', 'META', 'LINK', 'TITLE', 'HEAD', 'TEMPLATE', 'NOSCRIPT', 'IFRAME', 'OBJECT',
  'EMBED', 'SVG', 'CANVAS', 'IMG', 'PICTURE', 'VIDEO', 'AUDIO', 'BUTTON', 'INPUT', 'SELECT',
  'TEXTAREA', 'HR', 'COLGROUP', 'COL', 'CAPTION',
]);

const BLOCKS = new Set([
  'P', 'DIV', 'SECTION', 'ARTICLE', 'MAIN', 'HEADER', 'FOOTER', 'ASIDE', 'NAV', 'ADDRESS',
  'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'UL', 'OL', 'LI', 'BLOCKQUOTE', 'TABLE', 'PRE', 'DL', 'DT',
  'DD', 'FIGURE', 'FIGCAPTION', 'CENTER', 'FORM', 'FIELDSET', 'BODY', 'HTML', 'TBODY', 'THEAD',
  'TFOOT', 'TR', 'TD', 'TH',
]);

// Word's list markers: "·" (Symbol bullet), "•", "o", "§" (Wingdings square), "-", "–".
const WORD_BULLET = /^[\u00b7\u2022o\u00a7\u25aa\u25cf\u2013\-]$/;
const WORD_NUMBER = /^(\d+|[a-zA-Z]|[ivxlcdmIVXLCDM]+)[.)]$/;

interface Marks {
  strong: boolean;
  em: boolean;
}

const NO_MARKS: Marks = { strong: false, em: false };
const BLOCK_SELECTOR = Array.from(BLOCKS).map((t) => t.toLowerCase()).join(',');

/** Clean pasted HTML into the body's allowlist. */
export function cleanPastedHtml(html: string): string {
  if (/data-pm-slice/.test(html)) return html;
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const out = document.implementation.createHTMLDocument('');
  const root = out.createElement('div');
  new Converter(out).blocks(doc.body, root);
  return root.innerHTML;
}

class Converter {
  constructor(private readonly out: Document) {}

  /** Convert the children of `src` into blocks appended to `dst` (a div, li or blockquote). */
  blocks(src: Node, dst: HTMLElement, marks: Marks = NO_MARKS): void {
    let para: HTMLElement | null = null;
    const flush = () => {
      if (para && hasText(para)) dst.appendChild(trimmed(para));
      para = null;
    };
    const kids = Array.from(src.childNodes);
    for (let i = 0; i < kids.length; i++) {
      const n = kids[i];
      if (n.nodeType === Node.ELEMENT_NODE) {
        const el = n as HTMLElement;
        if (DROP.has(el.tagName) || isHiddenWordNode(el)) continue;
        if (isWordListItem(el)) {
          flush();
          i = this.wordList(kids, i, dst) - 1;
          continue;
        }
        if (BLOCKS.has(el.tagName)) {
          flush();
          this.block(el, dst, marks);
          continue;
        }
        if (el.querySelector(BLOCK_SELECTOR)) {
          // An inline wrapper around blocks (Google Docs wraps everything in <b>): a container.
          flush();
          this.blocks(el, dst, { ...marks, ...addedMarks(el, marks) });
          continue;
        }
      }
      if (n.nodeType !== Node.ELEMENT_NODE && n.nodeType !== Node.TEXT_NODE) continue;
      if (!para) para = this.out.createElement('p');
      this.inline(n, para, src instanceof HTMLElement ? styleMarks(src, marks) : marks);
    }
    flush();
  }

  private block(el: HTMLElement, dst: HTMLElement, marks: Marks = NO_MARKS): void {
    const tag = el.tagName;
    if (/^H[1-6]$/.test(tag)) {
      const h = this.out.createElement(tag === 'H1' || tag === 'H2' ? 'h2' : 'h3');
      this.inlineChildren(el, h, NO_MARKS);
      // A heading is bold already; bold inside it adds nothing.
      for (const b of Array.from(h.querySelectorAll('strong'))) b.replaceWith(...Array.from(b.childNodes));
      if (hasText(h)) dst.appendChild(trimmed(h));
      return;
    }
    if (tag === 'UL' || tag === 'OL') {
      const list = this.out.createElement(tag.toLowerCase());
      for (const li of Array.from(el.children)) {
        if (li.tagName === 'UL' || li.tagName === 'OL') {
          // A list nested directly in a list belongs to the item before it.
          const prev = list.lastElementChild as HTMLElement | null;
          if (prev) this.block(li as HTMLElement, prev);
          else this.block(li as HTMLElement, dst);
          continue;
        }
        const item = this.out.createElement('li');
        this.blocks(li, item);
        if (item.childNodes.length) list.appendChild(item);
      }
      if (list.childNodes.length) dst.appendChild(list);
      return;
    }
    if (tag === 'BLOCKQUOTE') {
      const q = this.out.createElement('blockquote');
      this.blocks(el, q);
      if (q.childNodes.length) dst.appendChild(q);
      return;
    }
    if (tag === 'TABLE') {
      this.table(el, dst);
      return;
    }
    if (tag === 'PRE') {
      for (const line of (el.textContent ?? '').split(/\r?\n/)) {
        if (!line.trim()) continue;
        const p = this.out.createElement('p');
        p.textContent = line.trim();
        dst.appendChild(p);
      }
      return;
    }
    if (tag === 'P' || tag === 'DT' || tag === 'DD' || tag === 'FIGCAPTION') {
      if (Array.from(el.children).some((c) => BLOCKS.has(c.tagName) && c.tagName !== 'BODY')) {
        this.blocks(el, dst);
        return;
      }
      const p = this.out.createElement('p');
      this.inlineChildren(el, p, styleMarks(el, marks));
      if (hasText(p)) dst.appendChild(trimmed(p));
      return;
    }
    // div, section, td outside a table, …: a container.
    this.blocks(el, dst, marks);
  }

  /** Rows of `table` (not of tables nested in it) as paragraphs; a header row in bold. */
  private table(table: HTMLElement, dst: HTMLElement): void {
    for (const row of ownRows(table)) {
      const cells = Array.from(row.children).filter((c) => c.tagName === 'TD' || c.tagName === 'TH');
      const header = cells.length > 0 && (row.parentElement?.tagName === 'THEAD' || cells.every((c) => c.tagName === 'TH'));
      const p = this.out.createElement('p');
      const target = header ? p.appendChild(this.out.createElement('strong')) : p;
      let first = true;
      for (const cell of cells) {
        const frag = this.out.createElement('span');
        this.inlineChildren(cell, frag, NO_MARKS);
        if (header) for (const b of Array.from(frag.querySelectorAll('strong'))) b.replaceWith(...Array.from(b.childNodes));
        if (!hasText(frag)) continue;
        if (!first) target.appendChild(this.out.createTextNode(CELL_SEPARATOR));
        first = false;
        const t = trimmed(frag);
        while (t.firstChild) target.appendChild(t.firstChild);
      }
      if (hasText(p)) dst.appendChild(p);
    }
  }

  /** Consecutive Word list paragraphs from kids[start] as one list; returns the index after it. */
  private wordList(kids: Node[], start: number, dst: HTMLElement): number {
    let list: HTMLElement | null = null;
    let i = start;
    for (; i < kids.length; i++) {
      const n = kids[i];
      if (n.nodeType === Node.TEXT_NODE && !(n.textContent ?? '').trim()) continue;
      if (n.nodeType === Node.COMMENT_NODE) continue;
      if (n.nodeType !== Node.ELEMENT_NODE || !isWordListItem(n as HTMLElement)) break;
      const el = n as HTMLElement;
      const ordered = WORD_NUMBER.test(wordMarker(el));
      if (!list) list = this.out.createElement(ordered ? 'ol' : 'ul');
      const li = this.out.createElement('li');
      const p = this.out.createElement('p');
      this.inlineChildren(el, p, styleMarks(el), true);
      stripLeadingMarker(p);
      if (hasText(p)) {
        li.appendChild(trimmed(p));
        list.appendChild(li);
      }
    }
    if (list && list.childNodes.length) dst.appendChild(list);
    return i;
  }

  private inlineChildren(src: Element, dst: HTMLElement, marks: Marks, skipWordMarker = false): void {
    for (const c of Array.from(src.childNodes)) {
      if (skipWordMarker && c instanceof HTMLElement && isWordMarkerSpan(c)) continue;
      this.inline(c, dst, marks);
    }
  }

  /** Append `n` to `dst` as text, strong, em, a and br only. */
  private inline(n: Node, dst: HTMLElement, marks: Marks): void {
    if (n.nodeType === Node.TEXT_NODE) {
      const text = (n.textContent ?? '').replace(/[\s\u00a0]+/g, ' ');
      if (!text) return;
      dst.appendChild(this.marked(text, marks));
      return;
    }
    if (n.nodeType !== Node.ELEMENT_NODE) return;
    const el = n as HTMLElement;
    const tag = el.tagName;
    if (DROP.has(tag) || isHiddenWordNode(el) || isWordMarkerSpan(el)) return;
    if (tag === 'BR') {
      dst.appendChild(this.out.createElement('br'));
      return;
    }
    if (tag === 'TABLE') {
      // A table inside a cell or a paragraph: its rows run on as text.
      const rows = ownRows(el).map((row) => {
        const s = this.out.createElement('span');
        const cells = Array.from(row.children).filter((c) => c.tagName === 'TD' || c.tagName === 'TH');
        cells.forEach((cell) => {
          const f = this.out.createElement('span');
          this.inlineChildren(cell, f, marks);
          if (!hasText(f)) return;
          if (s.childNodes.length) s.appendChild(this.out.createTextNode(CELL_SEPARATOR));
          const t = trimmed(f);
          while (t.firstChild) s.appendChild(t.firstChild);
        });
        return s;
      }).filter(hasText);
      rows.forEach((s, i) => {
        dst.appendChild(this.out.createTextNode(i === 0 ? ' ' : CELL_SEPARATOR));
        while (s.firstChild) dst.appendChild(s.firstChild);
      });
      dst.appendChild(this.out.createTextNode(' '));
      return;
    }
    if (BLOCKS.has(tag) && tag !== 'TD' && tag !== 'TH') {
      // A block where only inline content fits (a div in a cell): keep its words apart.
      dst.appendChild(this.out.createTextNode(' '));
      this.inlineChildren(el, dst, { ...marks, ...addedMarks(el, marks) });
      dst.appendChild(this.out.createTextNode(' '));
      return;
    }
    const next = { ...marks, ...addedMarks(el, marks) };
    if (tag === 'A') {
      const href = (el.getAttribute('href') ?? '').trim();
      if (isAllowedLinkUrl(href)) {
        const a = this.out.createElement('a');
        a.setAttribute('href', href);
        this.inlineChildren(el, a, next);
        if (hasText(a)) dst.appendChild(a);
        return;
      }
    }
    this.inlineChildren(el, dst, next);
  }

  private marked(text: string, marks: Marks): Node {
    let node: Node = this.out.createTextNode(text);
    if (marks.em) {
      const em = this.out.createElement('em');
      em.appendChild(node);
      node = em;
    }
    if (marks.strong) {
      const s = this.out.createElement('strong');
      s.appendChild(node);
      node = s;
    }
    return node;
  }
}

/** Marks `el` turns on or off (tags and inline styles). */
function addedMarks(el: HTMLElement, marks: Marks): Partial<Marks> {
  const m: Partial<Marks> = {};
  const tag = el.tagName;
  if (tag === 'B' || tag === 'STRONG') m.strong = true;
  if (tag === 'I' || tag === 'EM') m.em = true;
  return { ...m, ...styleMarks(el, { ...marks, ...m }) };
}

/** Bold/italic set by a style attribute (Google Docs, Word); inherits what it does not set. */
function styleMarks(el: HTMLElement | null, base: Marks = NO_MARKS): Marks {
  const style = el?.getAttribute('style') ?? '';
  const m = { ...base };
  const w = /font-weight\s*:\s*([a-z0-9]+)/i.exec(style)?.[1]?.toLowerCase();
  if (w) m.strong = w === 'bold' || w === 'bolder' || Number(w) >= 600;
  const s = /font-style\s*:\s*([a-z]+)/i.exec(style)?.[1]?.toLowerCase();
  if (s) m.em = s === 'italic' || s === 'oblique';
  return m;
}

function ownRows(table: Element): HTMLElement[] {
  const rows: HTMLElement[] = [];
  for (const c of Array.from(table.children)) {
    if (c.tagName === 'TR') rows.push(c as HTMLElement);
    else if (c.tagName === 'THEAD' || c.tagName === 'TBODY' || c.tagName === 'TFOOT') {
      for (const r of Array.from(c.children)) if (r.tagName === 'TR') rows.push(r as HTMLElement);
    }
  }
  return rows;
}

function isWordListItem(el: HTMLElement): boolean {
  if (el.tagName !== 'P' && el.tagName !== 'LI') return /MsoListParagraph/i.test(el.className);
  return /MsoListParagraph/i.test(el.className) || /mso-list\s*:\s*l\d/i.test(el.getAttribute('style') ?? '');
}

function isWordMarkerSpan(el: HTMLElement): boolean {
  return /mso-list\s*:\s*ignore/i.test(el.getAttribute('style') ?? '');
}

/** Word's namespaced elements (<o:p>, <v:shape>, <w:…>). */
function isHiddenWordNode(el: HTMLElement): boolean {
  return el.tagName.includes(':');
}

function wordMarker(el: HTMLElement): string {
  const span = Array.from(el.querySelectorAll('span')).find((s) => isWordMarkerSpan(s));
  const text = (span?.textContent ?? el.textContent ?? '').replace(/[\s\u00a0]+/g, ' ').trim();
  return text.split(' ')[0] ?? '';
}

/** Drop a list marker typed into the text ("· ", "• ", "1. ") when Word left no marker span. */
function stripLeadingMarker(p: HTMLElement): void {
  const walker = p.ownerDocument.createTreeWalker(p, NodeFilter.SHOW_TEXT);
  const first = walker.nextNode() as Text | null;
  if (!first) return;
  const t = (first.textContent ?? '').replace(/^\s+/, '');
  const m = /^(\S+)\s+/.exec(t);
  if (m && (WORD_BULLET.test(m[1]) || WORD_NUMBER.test(m[1]))) first.textContent = t.slice(m[0].length);
  else first.textContent = t;
}

function hasText(el: HTMLElement): boolean {
  return (el.textContent ?? '').replace(/[\s\u00a0]+/g, '') !== '';
}

/** Trim leading and trailing spaces and breaks; collapse doubled spaces at joins. */
function trimmed<T extends HTMLElement>(el: T): T {
  hoistSpaces(el);
  const texts: Text[] = [];
  const w = el.ownerDocument.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  for (let n = w.nextNode(); n; n = w.nextNode()) texts.push(n as Text);
  let prevSpace = true;
  for (const t of texts) {
    let s = t.textContent ?? '';
    if (prevSpace) s = s.replace(/^ +/, '');
    s = s.replace(/ {2,}/g, ' ');
    t.textContent = s;
    if (s) prevSpace = s.endsWith(' ');
  }
  for (let i = texts.length - 1; i >= 0; i--) {
    const s = (texts[i].textContent ?? '').replace(/ +$/, '');
    texts[i].textContent = s;
    if (s) break;
  }
  while (el.lastChild && (el.lastChild as Element).tagName === 'BR') el.removeChild(el.lastChild);
  while (el.firstChild && (el.firstChild as Element).tagName === 'BR') el.removeChild(el.firstChild);
  removeEmpty(el);
  return el;
}

function removeEmpty(el: HTMLElement): void {
  for (const c of Array.from(el.children)) {
    if (c.tagName === 'BR') continue;
    removeEmpty(c as HTMLElement);
    if (!c.textContent && !c.querySelector('br')) c.remove();
  }
  // Merge adjacent identical marks (<strong>a</strong><strong>b</strong>).
  for (let c = el.firstChild; c; c = c.nextSibling) {
    while (
      c instanceof HTMLElement &&
      c.nextSibling instanceof HTMLElement &&
      (c.tagName === 'STRONG' || c.tagName === 'EM') &&
      c.nextSibling.tagName === c.tagName
    ) {
      const nx = c.nextSibling;
      while (nx.firstChild) c.appendChild(nx.firstChild);
      nx.remove();
    }
  }
}

/** Move spaces at the edges of strong, em and a out of them ("<em> um</em>" → " <em>um</em>"). */
function hoistSpaces(el: HTMLElement): void {
  for (const c of Array.from(el.querySelectorAll('strong, em, a'))) {
    const text = c.textContent ?? '';
    const lead = /^ +/.exec(text)?.[0].length ?? 0;
    const trail = /\S( +)$/.exec(text)?.[1].length ?? 0;
    if (!lead && !trail) continue;
    const w = c.ownerDocument.createTreeWalker(c, NodeFilter.SHOW_TEXT);
    const texts: Text[] = [];
    for (let n = w.nextNode(); n; n = w.nextNode()) texts.push(n as Text);
    if (lead) {
      const f = texts.find((t) => t.textContent);
      if (f) f.textContent = (f.textContent ?? '').replace(/^ +/, '');
      c.before(' ');
    }
    if (trail) {
      const l = [...texts].reverse().find((t) => t.textContent);
      if (l) l.textContent = (l.textContent ?? '').replace(/ +$/, '');
      c.after(' ');
    }
  }
}
