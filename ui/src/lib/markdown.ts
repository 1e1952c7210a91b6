// TipTap/ProseMirror document JSON → CommonMark.
//
// The body is stored as CommonMark; the backend renders it to (sanitized) HTML, which is
// what the editor loads. This serializer is the way back. It only knows the nodes and
// marks the body editor allows:
//   paragraph, heading (levels 2, 3), blockquote, bulletList, orderedList, listItem,
//   hardBreak, text, photoFigure (`![alt](photo:ID "caption")`); marks bold, italic,
//   link (http, https, mailto).
// Anything else is degraded to its text content rather than lost.
//
// Text is escaped so that what the user typed stays text: "*not bold*", "# not heading",
// "1. not a list", "<script>", "[brackets]" all come back as literal characters.

import { figureDestination, type FigureRect } from './figureRef';

export interface PMMark {
  type: string;
  attrs?: Record<string, unknown>;
}

export interface PMNode {
  type: string;
  attrs?: Record<string, unknown>;
  content?: PMNode[];
  text?: string;
  marks?: PMMark[];
}

/** Schemes a body link may use (mirrors the editor's Link configuration). */
export const ALLOWED_LINK_PROTOCOLS = ['http', 'https', 'mailto'] as const;

/** True for http(s) URLs with a host and for mailto: addresses. */
export function isAllowedLinkUrl(url: string | null | undefined): boolean {
  if (!url) return false;
  const u = url.trim();
  if (/[\u0000-\u001f\u007f]/.test(u)) return false;
  const m = /^([a-zA-Z][a-zA-Z0-9+.-]*):(.*)$/.exec(u);
  if (!m) return false;
  const scheme = m[1].toLowerCase();
  const rest = m[2];
  if (scheme === 'http' || scheme === 'https') return /^\/\/[^/?#\s]+/.test(rest);
  if (scheme === 'mailto') return rest.length > 0;
  return false;
}

/**
 * Normalise what a user typed into the link box: adds https:// to a bare domain and
 * mailto: to a bare address. Returns null when the result is not an allowed link.
 */
export function normalizeLinkInput(raw: string): string | null {
  const s = raw.trim();
  if (!s) return null;
  if (isAllowedLinkUrl(s)) return s;
  if (/^[^\s@/:]+@[^\s@/:]+\.[^\s@/:]+$/.test(s)) return `mailto:${s}`;
  if (/^(www\.)?[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}(:\d+)?([/?#]\S*)?$/i.test(s)) {
    return `https://${s}`;
  }
  return null;
}

// ---------------------------------------------------------------------------------------
// Figures (photos in the body): `![alt](photo:ID "caption")`, see figures.ts; the crop the page
// shows it in is part of the destination (figureRef.ts).

export interface FigureAttrs {
  photoId: number;
  /** '' = the photo's own alt text */
  alt: string;
  /** '' = the photo's own caption */
  caption: string;
  /** The crop the page shows; '' or absent = the whole photo. */
  crop?: string;
  /** This article's own rectangle of `crop`; null or absent = the photo's. */
  rect?: FigureRect | null;
}


/** The TipTap node name of a body figure. */
export const FIGURE_NODE = 'photoFigure';

const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

/** Escape a caption for a double-quoted link title. */
export function escapeTitle(s: string): string {
  let out = '';
  const chars = Array.from(oneLine(s));
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    if (c === '\\' || c === '"' || c === ')') out += `\\${c}`;
    else if (c === '&' && /^&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/.test(chars.slice(i).join('')))
      out += '\\&';
    else out += c;
  }
  return out;
}

/** `![alt](photo:ID "caption")`; the caption part only when there is one. */
export function figureMarkdown(f: FigureAttrs): string {
  const alt = escapeText(oneLine(f.alt ?? ''), false);
  const caption = oneLine(f.caption ?? '');
  const title = caption ? ` "${escapeTitle(caption)}"` : '';
  return `![${alt}](${figureDestination(f)}${title})`;
}

// ---------------------------------------------------------------------------------------
// Blocks

const LIST_TYPES = new Set(['bulletList', 'orderedList']);

/** Serialize a TipTap document (editor.getJSON()) to CommonMark. No trailing newline. */
export function docToMarkdown(doc: PMNode | null | undefined): string {
  if (!doc) return '';
  const nodes = doc.type === 'doc' ? (doc.content ?? []) : [doc];
  return serializeBlocks(nodes);
}

function serializeBlocks(nodes: PMNode[]): string {
  const out: string[] = [];
  let prevType: string | null = null;
  let altMarker = false;
  for (const node of nodes) {
    if (LIST_TYPES.has(node.type)) {
      // Two lists of the same kind in a row would merge into one: alternate the marker.
      altMarker = prevType === node.type ? !altMarker : false;
    }
    const s = serializeBlock(node, altMarker);
    if (s === '') continue;
    out.push(s);
    prevType = node.type;
  }
  return out.join('\n\n');
}

function serializeBlock(node: PMNode, altMarker: boolean): string {
  switch (node.type) {
    case 'paragraph':
      return serializeInline(node.content ?? [], false);
    case 'heading': {
      const raw = Number(node.attrs?.level ?? 2);
      const level = raw <= 2 ? 2 : 3;
      const text = serializeInline(node.content ?? [], true);
      return text === '' ? '' : `${'#'.repeat(level)} ${text}`;
    }
    case 'blockquote': {
      const inner = serializeBlocks(node.content ?? []);
      if (inner === '') return '';
      return inner
        .split('\n')
        .map((l) => (l === '' ? '>' : `> ${l}`))
        .join('\n');
    }
    case 'bulletList':
    case 'orderedList':
      return serializeList(node, altMarker);
    case 'listItem':
      // A stray list item: treat as a one-item bullet list.
      return serializeList({ type: 'bulletList', content: [node] }, altMarker);
    case 'text':
    case 'hardBreak':
      return serializeInline([node], false);
    case FIGURE_NODE: {
      const id = Number(node.attrs?.photoId);
      if (!(id > 0)) return '';
      return figureMarkdown({
        photoId: id,
        alt: typeof node.attrs?.alt === 'string' ? node.attrs.alt : '',
        caption: typeof node.attrs?.caption === 'string' ? node.attrs.caption : '',
        crop: typeof node.attrs?.crop === 'string' ? node.attrs.crop : '',
        rect: (node.attrs?.rect as FigureRect | null | undefined) ?? null,
      });
    }
    default: {
      // Unknown node: keep its content. Block children → blocks; inline → a paragraph.
      const children = node.content ?? [];
      if (children.length === 0) return node.text ? serializeInline([node], false) : '';
      const inlineOnly = children.every((c) => c.type === 'text' || c.type === 'hardBreak');
      return inlineOnly ? serializeInline(children, false) : serializeBlocks(children);
    }
  }
}

function serializeList(node: PMNode, altMarker: boolean): string {
  const ordered = node.type === 'orderedList';
  const startAttr = Number(node.attrs?.start ?? 1);
  const start = Number.isFinite(startAttr) && startAttr >= 0 ? Math.floor(startAttr) : 1;
  const items = (node.content ?? []).map((c) =>
    c.type === 'listItem' ? c : { type: 'listItem', content: [c] },
  );
  if (items.length === 0) return '';
  let loose = false;
  const rendered = items.map((item, i) => {
    const marker = ordered ? `${start + i}${altMarker ? ')' : '.'}` : altMarker ? '*' : '-';
    const { text, loose: itemLoose } = serializeListItem(item);
    if (itemLoose) loose = true;
    const indent = ' '.repeat(marker.length + 1);
    const lines = text.split('\n');
    const first = lines[0] === '' ? marker : `${marker} ${lines[0]}`;
    const rest = lines.slice(1).map((l) => (l === '' ? '' : indent + l));
    return [first, ...rest].join('\n');
  });
  return rendered.join(loose ? '\n\n' : '\n');
}

function serializeListItem(item: PMNode): { text: string; loose: boolean } {
  const parts: { node: PMNode; text: string }[] = [];
  let prevType: string | null = null;
  let alt = false;
  for (const child of item.content ?? []) {
    if (LIST_TYPES.has(child.type)) alt = prevType === child.type ? !alt : false;
    const text = serializeBlock(child, alt);
    if (text === '') continue;
    parts.push({ node: child, text });
    prevType = child.type;
  }
  let out = '';
  let loose = false;
  parts.forEach((p, i) => {
    if (i === 0) {
      out = p.text;
      return;
    }
    const prev = parts[i - 1];
    // paragraph directly followed by a sub-list stays tight when the list may interrupt
    // a paragraph (bullet list, or ordered list starting at 1, with a non-empty first item).
    if (prev.node.type === 'paragraph' && canInterruptParagraph(p.node, p.text)) {
      out += '\n' + p.text;
    } else {
      out += '\n\n' + p.text;
      loose = true;
    }
  });
  return { text: out, loose };
}

function canInterruptParagraph(node: PMNode, text: string): boolean {
  if (!LIST_TYPES.has(node.type)) return false;
  const firstLine = text.split('\n')[0];
  if (!/^(?:[-*+]|\d{1,9}[.)]) \S/.test(firstLine)) return false;
  if (node.type === 'orderedList') return /^1[.)] /.test(firstLine);
  return true;
}

// ---------------------------------------------------------------------------------------
// Inline content

type MarkType = 'bold' | 'italic' | 'link';

interface InlineMark {
  type: MarkType;
  href?: string;
}

type InlineItem = { kind: 'text'; text: string; marks: InlineMark[] } | { kind: 'break'; marks: InlineMark[] };

/** Outer → inner order when several marks open at the same point. */
const MARK_RANK: Record<MarkType, number> = { link: 0, bold: 1, italic: 2 };

function sameMark(a: InlineMark, b: InlineMark): boolean {
  return a.type === b.type && (a.type !== 'link' || a.href === b.href);
}

function linkHref(ms: InlineMark[]): string | null {
  return ms.find((m) => m.type === 'link')?.href ?? null;
}

function hasMark(list: InlineMark[], m: InlineMark): boolean {
  return list.some((x) => sameMark(x, m));
}

function sameMarkSet(a: InlineMark[], b: InlineMark[]): boolean {
  return a.length === b.length && a.every((m) => hasMark(b, m));
}

function normalizeMarks(marks: PMMark[] | undefined): InlineMark[] {
  const out: InlineMark[] = [];
  for (const m of marks ?? []) {
    let im: InlineMark | null = null;
    if (m.type === 'bold' || m.type === 'strong') im = { type: 'bold' };
    else if (m.type === 'italic' || m.type === 'em') im = { type: 'italic' };
    else if (m.type === 'link') {
      const href = typeof m.attrs?.href === 'string' ? m.attrs.href.trim() : '';
      if (isAllowedLinkUrl(href)) im = { type: 'link', href };
    }
    if (im && !out.some((x) => x.type === im!.type)) out.push(im);
  }
  return out;
}

function collectInline(nodes: PMNode[], out: InlineItem[]): void {
  for (const n of nodes) {
    if (n.type === 'text') {
      const text = (n.text ?? '').replace(/\r\n?|\n/g, ' ');
      if (text !== '') out.push({ kind: 'text', text, marks: normalizeMarks(n.marks) });
    } else if (n.type === 'hardBreak') {
      out.push({ kind: 'break', marks: [] });
    } else if (n.content) {
      collectInline(n.content, out);
    } else if (n.text) {
      out.push({ kind: 'text', text: n.text, marks: normalizeMarks(n.marks) });
    }
  }
}

function prepareInline(nodes: PMNode[], heading: boolean): InlineItem[] {
  const raw: InlineItem[] = [];
  collectInline(nodes, raw);
  let items: InlineItem[] = [];
  for (const it of raw) {
    if (it.kind === 'break' && heading) {
      items.push({ kind: 'text', text: ' ', marks: [] });
      continue;
    }
    if (it.kind === 'text' && /^\s+$/.test(it.text)) {
      // Whitespace cannot carry emphasis in CommonMark ("** **" is not bold).
      it.marks = it.marks.filter((m) => m.type === 'link');
    }
    const prev = items[items.length - 1];
    if (prev && prev.kind === 'text' && it.kind === 'text' && sameMarkSet(prev.marks, it.marks)) {
      prev.text += it.text;
    } else {
      items.push(it);
    }
  }
  // Leading / trailing hard breaks and blank text mean nothing at the edges of a block.
  const blank = (x: InlineItem) => x.kind === 'break' || (x.kind === 'text' && /^\s*$/.test(x.text) && !x.marks.length);
  while (items.length && blank(items[items.length - 1])) items.pop();
  while (items.length && items[0].kind === 'text' && blank(items[0])) items.shift();
  // A break keeps only the marks its neighbours share, so delimiters close before it
  // (a closer at the start of a line cannot close). Where a link starts or ends right
  // after the break everything closes before it, as at any link boundary.
  items = items.map((it, i) => {
    if (it.kind !== 'break') return it;
    const prev = items[i - 1];
    const next = items[i + 1];
    const marks =
      prev && next && linkHref(prev.marks) === linkHref(next.marks)
        ? prev.marks.filter((m) => hasMark(next.marks, m))
        : [];
    return { kind: 'break', marks };
  });
  return items;
}

interface OpenMark {
  mark: InlineMark;
  /** The delimiter used to open it ("**", "__", "*", "_" or "["). */
  delim: string;
}

function closeDelim(o: OpenMark): string {
  return o.mark.type === 'link' ? `](${linkDestination(o.mark.href ?? '')})` : o.delim;
}

/**
 * Will the closing delimiter of the run of `mark` that starts at item i be directly
 * followed by a letter or digit? (Then "_" cannot close it.)
 */
function endsBeforeWordChar(items: InlineItem[], i: number, mark: InlineMark): boolean {
  for (let j = i + 1; j < items.length; j++) {
    const it = items[j];
    const prev = items[j - 1];
    if (hasMark(it.marks, mark) && linkHref(it.marks) === linkHref(prev.marks)) continue;
    if (it.kind !== 'text' || prev.kind !== 'text') return false;
    // Another mark opening there puts a delimiter ("[", "*") right after the closer.
    if (linkHref(it.marks) !== linkHref(prev.marks)) return false;
    if (it.marks.some((m) => !hasMark(prev.marks, m))) return false;
    const last = Array.from(prev.text).pop();
    // Trailing space, or punctuation that serializeInline moves behind the closer.
    if (isSpace(last) || isPunct(last)) return false;
    return isWordChar(Array.from(it.text)[0]);
  }
  return false;
}

/** A link destination: plain when safe, otherwise in angle brackets. */
export function linkDestination(url: string): string {
  const u = url.trim().replace(/[\r\n]+/g, '');
  if (u === '' || /[\s<>()]/.test(u)) {
    return `<${u.replace(/[\\<>]/g, (c) => `\\${c}`)}>`;
  }
  return u.replace(/\\/g, '\\\\');
}

function endsWithUnescaped(s: string, ch: string): boolean {
  if (!s.endsWith(ch)) return false;
  let n = 0;
  for (let i = s.length - 2; i >= 0 && s[i] === '\\'; i--) n++;
  return n % 2 === 0;
}

function atLineStart(out: string): boolean {
  return out === '' || out.endsWith('\n');
}

/** What has been written on the current line so far. */
function currentLine(out: string): string {
  return out.slice(out.lastIndexOf('\n') + 1);
}

const isPunct = (c: string | undefined): boolean => !!c && /[\p{P}\p{S}]/u.test(c);
const isSpace = (c: string | undefined): boolean => !c || /\s/u.test(c);
/** Neither whitespace nor punctuation: what makes a delimiter next to punctuation fail. */
const isPlain = (c: string | undefined): boolean => !isSpace(c) && !isPunct(c);

function lastChar(s: string): string | undefined {
  const chars = Array.from(s.slice(-4));
  return chars[chars.length - 1];
}

function serializeInline(nodes: PMNode[], heading: boolean): string {
  const items = prepareInline(nodes, heading);
  let out = '';
  let active: OpenMark[] = [];
  // Text that belongs after the closing delimiters of the previous item.
  let pendingAfter = '';

  items.forEach((item, index) => {
    const target = item.marks;
    // Keep the longest prefix of open marks that this item still has; close the rest.
    // Emphasis never spans a link boundary: where a link starts, ends or changes, every
    // mark closes and reopens inside/outside the link ("**a** [**b**](u) **c**"), so link
    // brackets are never between a delimiter and the text it needs to flank.
    const linkChanges = linkHref(active.map((o) => o.mark)) !== linkHref(target);
    let keep = 0;
    while (!linkChanges && keep < active.length && hasMark(target, active[keep].mark)) keep++;
    for (let i = active.length - 1; i >= keep; i--) out += closeDelim(active[i]);
    // Did we just write a closing "*" run that a new "*" opener would merge with?
    let afterCloser = keep < active.length && pendingAfter === '';
    active = active.slice(0, keep);
    out += pendingAfter;
    pendingAfter = '';

    if (item.kind === 'break') {
      out += '\\\n';
      return;
    }

    let opening = target
      .filter((m) => !active.some((o) => sameMark(o.mark, m)))
      .sort((a, b) => MARK_RANK[a.type] - MARK_RANK[b.type]);
    const opensLink = opening.some((m) => m.type === 'link');
    const opensEmphasis = opening.some((m) => m.type !== 'link');

    let chars = Array.from(item.text);
    let before = ''; // raw text emitted before the opening delimiters
    let after = ''; // raw text emitted after the closing delimiters

    if (atLineStart(out)) {
      while (chars.length && isSpace(chars[0])) chars.shift();
    }
    if (opening.length > 0) {
      // Delimiters must hug the text: move outer whitespace outside them.
      while (chars.length && isSpace(chars[0])) before += chars.shift();
      // "a**:b**" cannot open: an opener between a letter and punctuation does not
      // count. Move that punctuation (and any space after it) in front of the opener.
      if (opensEmphasis && !opensLink && chars.length && isPunct(chars[0]) && isPlain(lastChar(out + before))) {
        before += chars.shift();
        while (chars.length && isSpace(chars[0])) before += chars.shift();
      }
    }

    const next = items[index + 1];
    const nextLinkChanges = !next || linkHref(next.marks) !== linkHref(target);
    const closesAfter = [...active, ...opening.map((mark) => ({ mark, delim: '' }))].filter(
      (o) => nextLinkChanges || !hasMark(next.marks, o.mark),
    );
    if (closesAfter.length > 0) {
      while (chars.length && isSpace(chars[chars.length - 1])) after = chars.pop() + after;
      // "**b:**c" cannot close either: move the punctuation behind the closer.
      const nextOpensNothing = !!next && next.kind === 'text' && next.marks.every((m) => hasMark(target, m));
      if (
        after === '' &&
        closesAfter.some((o) => o.mark.type !== 'link') &&
        !closesAfter.some((o) => o.mark.type === 'link') &&
        nextOpensNothing &&
        next.kind === 'text' &&
        isPlain(Array.from(next.text)[0]) &&
        chars.length > 0 &&
        isPunct(chars[chars.length - 1])
      ) {
        after = chars.pop() + after;
        while (chars.length && isSpace(chars[chars.length - 1])) after = chars.pop() + after;
      }
    }

    if (chars.length === 0 || chars.every((c) => isSpace(c))) {
      // Nothing left to mark up: emit the text without opening new emphasis.
      opening = opening.filter((m) => m.type === 'link');
    }

    if (before) {
      out += escapeText(before, currentLine(out), heading);
      afterCloser = false;
    }
    for (const m of opening) {
      let delim: string;
      if (m.type === 'link') {
        if (endsWithUnescaped(out, '!')) out = out.slice(0, -1) + '\\!'; // "![" would start an image
        delim = '[';
      } else {
        const star = m.type === 'bold' ? '**' : '*';
        // Right after a closing "*" run a new "*" run would merge with it ("***" + "*");
        // "_" keeps them apart, unless it would have to close inside a word.
        const useUnderscore = afterCloser && out.endsWith('*') && !endsBeforeWordChar(items, index, m);
        delim = useUnderscore ? star.replace(/\*/g, '_') : star;
      }
      out += delim;
      afterCloser = false;
      active.push({ mark: m, delim });
    }
    out += escapeText(chars.join(''), currentLine(out), heading);
    if (after) pendingAfter = escapeText(after, 'x', heading);
  });
  for (let i = active.length - 1; i >= 0; i--) out += closeDelim(active[i]);
  out += pendingAfter;
  return out.replace(/[ \t]+$/, '');
}

const isWordChar = (c: string | undefined): boolean => !!c && /[\p{L}\p{N}]/u.test(c);

/**
 * Escape literal text for CommonMark inline content. `line` is what is already written on
 * the current line (after container markers): where it is empty, block syntax (#, -, +, =,
 * >, "1.") could start; where it is only digits, a "." or ")" would finish a list marker.
 * `true` / `false` are shorthands for "at line start" / "mid-line".
 */
export function escapeText(text: string, line: string | boolean, heading = false): string {
  const lineSoFar = line === true ? '' : line === false ? 'x' : line;
  let out = '';
  const chars = Array.from(text);
  let start = 0;
  if (lineSoFar === '') {
    // "1. " / "1) " would start an ordered list.
    const m = /^(\d{1,9})([.)])/.exec(text);
    if (m) {
      out += `${m[1]}\\${m[2]}`;
      start = Array.from(m[0]).length;
    } else if (/^[#>+\-=]/.test(text)) {
      out += `\\${text[0]}`;
      start = 1;
    }
  } else if (/^\d{1,9}$/.test(lineSoFar)) {
    const m = /^(\d*)([.)])/.exec(text);
    if (m && lineSoFar.length + m[1].length <= 9) {
      out += `${m[1]}\\${m[2]}`;
      start = Array.from(m[0]).length;
    }
  }
  for (let i = start; i < chars.length; i++) {
    const c = chars[i];
    switch (c) {
      case '\\':
      case '`':
      case '*':
      case '[':
      case ']':
      case '<':
      case '|':
      case '~':
        out += `\\${c}`;
        break;
      case '_':
        out += isWordChar(chars[i - 1]) && isWordChar(chars[i + 1]) ? '_' : '\\_';
        break;
      case '#':
        out += heading ? '\\#' : '#';
        break;
      case '&':
        out += /^&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/.test(chars.slice(i).join(''))
          ? '\\&'
          : '&';
        break;
      default:
        out += c;
    }
  }
  return out;
}
