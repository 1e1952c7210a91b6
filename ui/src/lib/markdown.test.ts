import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import {
  docToMarkdown,
  escapeText,
  isAllowedLinkUrl,
  linkDestination,
  normalizeLinkInput,
  type PMMark,
  type PMNode,
} from './markdown';

// A reference CommonMark implementation to check that what we write means what we meant.
const cm = new MarkdownIt('commonmark', { html: true });
const render = (md: string) => cm.render(md).trim().replace(/<br \/>/g, '<br>');

// --- tiny document builders -------------------------------------------------------------
const doc = (...content: PMNode[]): PMNode => ({ type: 'doc', content });
const p = (...content: PMNode[]): PMNode => ({ type: 'paragraph', content });
const h = (level: number, ...content: PMNode[]): PMNode => ({ type: 'heading', attrs: { level }, content });
const text = (t: string, ...marks: PMMark[]): PMNode => (marks.length ? { type: 'text', text: t, marks } : { type: 'text', text: t });
const bold: PMMark = { type: 'bold' };
const italic: PMMark = { type: 'italic' };
const link = (href: string): PMMark => ({ type: 'link', attrs: { href, target: null } });
const br: PMNode = { type: 'hardBreak' };
const quote = (...content: PMNode[]): PMNode => ({ type: 'blockquote', content });
const li = (...content: PMNode[]): PMNode => ({ type: 'listItem', content });
const ul = (...items: PMNode[]): PMNode => ({ type: 'bulletList', content: items });
const ol = (start: number, ...items: PMNode[]): PMNode => ({ type: 'orderedList', attrs: { start }, content: items });

/** Serialize a single paragraph of plain text and render it back. */
const roundText = (s: string) => render(docToMarkdown(doc(p(text(s)))));
const htmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

describe('blocks', () => {
  it('empty documents give an empty string', () => {
    expect(docToMarkdown(doc())).toBe('');
    expect(docToMarkdown(doc(p()))).toBe('');
    expect(docToMarkdown({ type: 'doc' })).toBe('');
    expect(docToMarkdown(null)).toBe('');
  });

  it('paragraphs are separated by a blank line, no trailing newline', () => {
    const md = docToMarkdown(doc(p(text('Erster Absatz.')), p(), p(text('Zweiter Absatz.'))));
    expect(md).toBe('Erster Absatz.\n\nZweiter Absatz.');
    expect(render(md)).toBe('<p>Erster Absatz.</p>\n<p>Zweiter Absatz.</p>');
  });

  it('headings level 2 and 3; anything else is clamped to them', () => {
    expect(docToMarkdown(doc(h(2, text('Anmeldung'))))).toBe('## Anmeldung');
    expect(docToMarkdown(doc(h(3, text('Fristen'))))).toBe('### Fristen');
    expect(docToMarkdown(doc(h(1, text('Eins'))))).toBe('## Eins');
    expect(docToMarkdown(doc(h(5, text('Fünf'))))).toBe('### Fünf');
    expect(docToMarkdown(doc(h(2)))).toBe('');
  });

  it('a hard break inside a heading becomes a space (headings are one line)', () => {
    expect(docToMarkdown(doc(h(2, text('a'), br, text('b'))))).toBe('## a b');
  });

  it('trailing # in a heading are not eaten as a closing sequence', () => {
    const md = docToMarkdown(doc(h(2, text('Sprachen: C #'))));
    expect(md).toBe('## Sprachen: C \\#');
    expect(render(md)).toBe('<h2>Sprachen: C #</h2>');
  });

  it('blockquotes prefix every line, including blank ones', () => {
    const md = docToMarkdown(doc(quote(p(text('Zitat eins.')), p(text('Zitat zwei.')))));
    expect(md).toBe('> Zitat eins.\n>\n> Zitat zwei.');
    expect(render(md)).toBe('<blockquote>\n<p>Zitat eins.</p>\n<p>Zitat zwei.</p>\n</blockquote>');
  });

  it('bullet lists are tight with "- "', () => {
    const md = docToMarkdown(doc(ul(li(p(text('online'))), li(p(text('persönlich'))))));
    expect(md).toBe('- online\n- persönlich');
    expect(render(md)).toBe('<ul>\n<li>online</li>\n<li>persönlich</li>\n</ul>');
  });

  it('ordered lists number from their start', () => {
    expect(docToMarkdown(doc(ol(1, li(p(text('eins'))), li(p(text('zwei'))))))).toBe('1. eins\n2. zwei');
    const md = docToMarkdown(doc(ol(3, li(p(text('drei'))), li(p(text('vier'))))));
    expect(md).toBe('3. drei\n4. vier');
    expect(render(md)).toBe('<ol start="3">\n<li>drei</li>\n<li>vier</li>\n</ol>');
  });

  it('nested lists are indented under their item', () => {
    const md = docToMarkdown(doc(ul(li(p(text('a')), ul(li(p(text('b'))), li(p(text('c'))))), li(p(text('d'))))));
    expect(md).toBe('- a\n  - b\n  - c\n- d');
    expect(render(md)).toBe('<ul>\n<li>a\n<ul>\n<li>b</li>\n<li>c</li>\n</ul>\n</li>\n<li>d</li>\n</ul>');
  });

  it('ordered items indent continuation by the marker width', () => {
    const items = Array.from({ length: 10 }, (_, i) => li(p(text(`Punkt ${i + 1}`))));
    items[9] = li(p(text('zehn')), ul(li(p(text('unter')))));
    const md = docToMarkdown(doc(ol(1, ...items)));
    expect(md.split('\n').slice(-2)).toEqual(['10. zehn', '    - unter']);
    expect(render(md)).toContain('<li>zehn\n<ul>\n<li>unter</li>\n</ul>\n</li>');
  });

  it('a sub-list that may not interrupt a paragraph is separated by a blank line (loose list)', () => {
    const md = docToMarkdown(doc(ul(li(p(text('a')), ol(3, li(p(text('drei'))))))));
    expect(md).toBe('- a\n\n  3. drei');
    expect(render(md)).toBe('<ul>\n<li>\n<p>a</p>\n<ol start="3">\n<li>drei</li>\n</ol>\n</li>\n</ul>');
  });

  it('list items with several paragraphs make a loose list', () => {
    const md = docToMarkdown(doc(ul(li(p(text('eins')), p(text('mehr'))), li(p(text('zwei'))))));
    expect(md).toBe('- eins\n\n  mehr\n\n- zwei');
    expect(render(md)).toBe('<ul>\n<li>\n<p>eins</p>\n<p>mehr</p>\n</li>\n<li>\n<p>zwei</p>\n</li>\n</ul>');
  });

  it('quotes and lists nest in each other', () => {
    const md = docToMarkdown(doc(quote(ul(li(p(text('x'))))), ul(li(quote(p(text('y')))))));
    expect(md).toBe('> - x\n\n- > y');
    expect(render(md)).toBe(
      '<blockquote>\n<ul>\n<li>x</li>\n</ul>\n</blockquote>\n<ul>\n<li>\n<blockquote>\n<p>y</p>\n</blockquote>\n</li>\n</ul>',
    );
  });

  it('two lists of the same kind in a row stay two lists', () => {
    const md = docToMarkdown(doc(ul(li(p(text('a')))), ul(li(p(text('b')))), ol(1, li(p(text('c')))), ol(1, li(p(text('d'))))));
    expect(md).toBe('- a\n\n* b\n\n1. c\n\n1) d');
    expect(render(md)).toBe('<ul>\n<li>a</li>\n</ul>\n<ul>\n<li>b</li>\n</ul>\n<ol>\n<li>c</li>\n</ol>\n<ol>\n<li>d</li>\n</ol>');
  });

  it('an empty list item stays an item', () => {
    expect(render(docToMarkdown(doc(ul(li(p(text('a'))), li(p()), li(p(text('c')))))))).toBe(
      '<ul>\n<li>a</li>\n<li></li>\n<li>c</li>\n</ul>',
    );
  });

  it('unknown nodes keep their text', () => {
    expect(docToMarkdown(doc({ type: 'codeBlock', content: [text('let x = 1;')] }))).toBe('let x = 1;');
    expect(docToMarkdown(doc({ type: 'horizontalRule' }, p(text('weiter'))))).toBe('weiter');
  });
});

describe('inline marks', () => {
  it('bold and italic', () => {
    const md = docToMarkdown(doc(p(text('Die '), text('Stadt', bold), text(' und '), text('der Rat', italic), text('.'))));
    expect(md).toBe('Die **Stadt** und *der Rat*.');
    expect(render(md)).toBe('<p>Die <strong>Stadt</strong> und <em>der Rat</em>.</p>');
  });

  it('bold and italic together, overlapping', () => {
    const md = docToMarkdown(doc(p(text('a', bold), text('b', bold, italic), text('c', italic))));
    expect(render(md)).toBe('<p><strong>a<em>b</em></strong><em>c</em></p>');
  });

  it('adjacent differently marked runs', () => {
    const md = docToMarkdown(doc(p(text('fett', bold), text('kursiv', italic))));
    expect(render(md)).toBe('<p><strong>fett</strong><em>kursiv</em></p>');
    const md2 = docToMarkdown(doc(p(text('kursiv', italic), text('fett', bold), text('.'))));
    expect(render(md2)).toBe('<p><em>kursiv</em><strong>fett</strong>.</p>');
    const md3 = docToMarkdown(doc(p(text('a', italic), text('b', bold), text('c', italic))));
    expect(render(md3)).toBe('<p><em>a</em><strong>b</strong><em>c</em></p>');
  });

  it('intraword emphasis works with *', () => {
    const md = docToMarkdown(doc(p(text('Rat'), text('haus', bold), text('platz'))));
    expect(md).toBe('Rat**haus**platz');
    expect(render(md)).toBe('<p>Rat<strong>haus</strong>platz</p>');
  });

  it('moves whitespace out of the delimiters', () => {
    const md = docToMarkdown(doc(p(text('a'), text(' fett ', bold), text('b'))));
    expect(md).toBe('a **fett** b');
    expect(render(md)).toBe('<p>a <strong>fett</strong> b</p>');
  });

  it('whitespace-only marked text carries no delimiters', () => {
    expect(docToMarkdown(doc(p(text('a'), text(' ', bold), text('b'))))).toBe('a b');
  });

  it('links', () => {
    const md = docToMarkdown(doc(p(text('Mehr unter '), text('dortmund.de', link('https://www.dortmund.de')), text('.'))));
    expect(md).toBe('Mehr unter [dortmund.de](https://www.dortmund.de).');
    expect(render(md)).toBe('<p>Mehr unter <a href="https://www.dortmund.de">dortmund.de</a>.</p>');
  });

  it('mailto links', () => {
    const md = docToMarkdown(doc(p(text('Presse', link('mailto:presse@example.org')))));
    expect(md).toBe('[Presse](mailto:presse@example.org)');
  });

  it('link destinations with spaces or parentheses are angle-bracketed', () => {
    const md = docToMarkdown(doc(p(text('Plan', link('https://example.org/a b(1).pdf')))));
    expect(md).toBe('[Plan](<https://example.org/a b(1).pdf>)');
    expect(render(md)).toBe('<p><a href="https://example.org/a%20b(1).pdf">Plan</a></p>');
  });

  it('bold inside a link and a link inside bold', () => {
    const md1 = docToMarkdown(doc(p(text('wichtig', bold, link('https://a.de')))));
    expect(render(md1)).toBe('<p><a href="https://a.de"><strong>wichtig</strong></a></p>');
    // Emphasis never spans a link boundary: it closes and reopens around the link.
    const md2 = docToMarkdown(doc(p(text('sehr ', bold), text('wichtig', bold, link('https://a.de')), text(' und', bold))));
    expect(md2).toBe('**sehr** [**wichtig**](https://a.de) **und**');
    expect(render(md2)).toBe(
      '<p><strong>sehr</strong> <a href="https://a.de"><strong>wichtig</strong></a> <strong>und</strong></p>',
    );
  });

  it('drops links with other schemes but keeps the text', () => {
    expect(docToMarkdown(doc(p(text('klick', link('javascript:alert(1)')))))).toBe('klick');
    expect(docToMarkdown(doc(p(text('datei', link('file:///etc/passwd')))))).toBe('datei');
  });

  it('"!" right before a link does not turn it into an image', () => {
    const md = docToMarkdown(doc(p(text('Achtung!'), text('Bild', link('https://a.de/x.png')))));
    expect(md).toBe('Achtung\\![Bild](https://a.de/x.png)');
    expect(render(md)).toBe('<p>Achtung!<a href="https://a.de/x.png">Bild</a></p>');
  });

  it('punctuation at the edge of emphasis next to a letter moves outside the delimiters', () => {
    // "Wort**:fett**" would not open: the ":" goes in front of the opener.
    const md1 = docToMarkdown(doc(p(text('Wort'), text(':fett', bold))));
    expect(md1).toBe('Wort:**fett**');
    expect(render(md1)).toBe('<p>Wort:<strong>fett</strong></p>');
    // "**fett.**Weiter" would not close: the "." goes behind the closer.
    const md2 = docToMarkdown(doc(p(text('fett.', italic), text('Weiter'))));
    expect(md2).toBe('*fett*.Weiter');
    expect(render(md2)).toBe('<p><em>fett</em>.Weiter</p>');
    // Next to spaces nothing needs to move.
    expect(docToMarkdown(doc(p(text('Achtung: '), text('„Zitat.“', bold), text(' Ende'))))).toBe('Achtung: **„Zitat.“** Ende');
  });

  it('a list marker split across text nodes is still escaped', () => {
    const md = docToMarkdown(doc(p(text('3'), text(') Punkt', italic))));
    expect(render(md)).toBe('<p>3) <em>Punkt</em></p>');
  });

  it('hard breaks are backslash-newline', () => {
    const md = docToMarkdown(doc(p(text('Zeile eins'), br, text('Zeile zwei'))));
    expect(md).toBe('Zeile eins\\\nZeile zwei');
    expect(render(md)).toBe('<p>Zeile eins<br>\nZeile zwei</p>');
  });

  it('marks close before a hard break that ends them', () => {
    const md = docToMarkdown(doc(p(text('fett', bold), br, text('normal'))));
    expect(md).toBe('**fett**\\\nnormal');
    expect(render(md)).toBe('<p><strong>fett</strong><br>\nnormal</p>');
  });

  it('marks stay open across a hard break when both sides have them', () => {
    const md = docToMarkdown(doc(p(text('a', bold), br, text('b', bold))));
    expect(render(md)).toBe('<p><strong>a<br>\nb</strong></p>');
  });

  it('trailing hard breaks are dropped; hard breaks in list items are indented', () => {
    expect(docToMarkdown(doc(p(text('x'), br)))).toBe('x');
    const md = docToMarkdown(doc(ul(li(p(text('a'), br, text('b'))))));
    expect(md).toBe('- a\\\n  b');
    expect(render(md)).toBe('<ul>\n<li>a<br>\nb</li>\n</ul>');
  });
});

describe('escaping hostile text', () => {
  const cases: [string, string][] = [
    ['*not bold*', '\\*not bold\\*'],
    ['**not bold**', '\\*\\*not bold\\*\\*'],
    ['_not italic_', '\\_not italic\\_'],
    ['# not heading', '\\# not heading'],
    ['## not heading', '\\## not heading'],
    ['1. not a list', '1\\. not a list'],
    ['2025) not a list', '2025\\) not a list'],
    ['- not a list', '\\- not a list'],
    ['+ not a list', '\\+ not a list'],
    ['> not a quote', '\\> not a quote'],
    ['<script>alert(1)</script>', '\\<script>alert(1)\\</script>'],
    ['[not a link](http://x)', '\\[not a link\\](http://x)'],
    ['![not an image](x.png)', '!\\[not an image\\](x.png)'],
    ['`not code`', '\\`not code\\`'],
    ['back\\slash', 'back\\\\slash'],
    ['---', '\\---'],
    ['===', '\\==='],
    ['~~~', '\\~\\~\\~'],
    ['a | b', 'a \\| b'],
    ['&amp; &#169; &copy;', '\\&amp; \\&#169; \\&copy;'],
    ['<https://autolink.example>', '\\<https://autolink.example>'],
  ];
  for (const [input, want] of cases) {
    it(`${JSON.stringify(input)} stays literal`, () => {
      expect(docToMarkdown(doc(p(text(input))))).toBe(want);
      expect(roundText(input)).toBe(`<p>${htmlEscape(input)}</p>`);
    });
  }

  it('leaves ordinary punctuation alone', () => {
    const s = 'Am 3. Oktober (Feiertag) gilt: 5 + 3 = 8, 10-15 Uhr, Preis 4.50 €! Fragen? Ja; nein.';
    expect(docToMarkdown(doc(p(text(s))))).toBe(s);
    expect(docToMarkdown(doc(p(text('snake_case_name'))))).toBe('snake_case_name');
    expect(docToMarkdown(doc(p(text('AT&T und B & C'))))).toBe('AT&T und B & C');
    expect(docToMarkdown(doc(p(text('C# ist #1'))))).toBe('C# ist #1');
  });

  it('line-start rules apply after a hard break too', () => {
    const md = docToMarkdown(doc(p(text('Text'), br, text('# kein Titel'), br, text('1. kein Punkt'), br, text('- nein'))));
    expect(md).toBe('Text\\\n\\# kein Titel\\\n1\\. kein Punkt\\\n\\- nein');
    expect(render(md)).toBe('<p>Text<br>\n# kein Titel<br>\n1. kein Punkt<br>\n- nein</p>');
  });

  it('setext underlines after a break stay text', () => {
    const md = docToMarkdown(doc(p(text('Titel'), br, text('==='))));
    expect(render(md)).toBe('<p>Titel<br>\n===</p>');
    const md2 = docToMarkdown(doc(p(text('Titel'), br, text('---'))));
    expect(render(md2)).toBe('<p>Titel<br>\n---</p>');
  });

  it('leading spaces cannot make an indented code block', () => {
    const md = docToMarkdown(doc(p(text('        eingerückt'))));
    expect(md).toBe('eingerückt');
    const md2 = docToMarkdown(doc(ul(li(p(text('a')))), p(text('    nicht im Punkt'))));
    expect(render(md2)).toBe('<ul>\n<li>a</li>\n</ul>\n<p>nicht im Punkt</p>');
  });

  it('hostile text inside marks, headings, quotes and lists stays literal', () => {
    const md = docToMarkdown(
      doc(
        h(2, text('# *x* [y]')),
        quote(p(text('> 1. <b>'))),
        ul(li(p(text('- * +')))),
        p(text('*', bold), text('_', italic)),
      ),
    );
    expect(render(md)).toBe(
      '<h2># *x* [y]</h2>\n<blockquote>\n<p>&gt; 1. &lt;b&gt;</p>\n</blockquote>\n<ul>\n<li>- * +</li>\n</ul>\n<p><strong>*</strong><em>_</em></p>',
    );
  });

  it('newlines inside a text node are spaces', () => {
    expect(docToMarkdown(doc(p(text('a\nb'))))).toBe('a b');
  });

  it('escapeText: line start only matters when asked', () => {
    expect(escapeText('# x', false)).toBe('# x');
    expect(escapeText('# x', true)).toBe('\\# x');
    expect(escapeText('#', false, true)).toBe('\\#');
  });
});

describe('links: validation and destinations', () => {
  it('allows http, https and mailto only', () => {
    expect(isAllowedLinkUrl('https://www.dortmund.de/x?y=1#z')).toBe(true);
    expect(isAllowedLinkUrl('http://example.org')).toBe(true);
    expect(isAllowedLinkUrl('mailto:presse@example.org')).toBe(true);
    expect(isAllowedLinkUrl('HTTPS://EXAMPLE.ORG')).toBe(true);
    expect(isAllowedLinkUrl('javascript:alert(1)')).toBe(false);
    expect(isAllowedLinkUrl('data:text/html,x')).toBe(false);
    expect(isAllowedLinkUrl('ftp://example.org')).toBe(false);
    expect(isAllowedLinkUrl('/relative')).toBe(false);
    expect(isAllowedLinkUrl('https://')).toBe(false);
    expect(isAllowedLinkUrl('')).toBe(false);
  });

  it('normalizes what people type into the link box', () => {
    expect(normalizeLinkInput(' https://a.de ')).toBe('https://a.de');
    expect(normalizeLinkInput('www.dortmund.de')).toBe('https://www.dortmund.de');
    expect(normalizeLinkInput('dortmund.de/rathaus')).toBe('https://dortmund.de/rathaus');
    expect(normalizeLinkInput('presse@stadtdo.de')).toBe('mailto:presse@stadtdo.de');
    expect(normalizeLinkInput('javascript:alert(1)')).toBeNull();
    expect(normalizeLinkInput('kein link')).toBeNull();
    expect(normalizeLinkInput('')).toBeNull();
  });

  it('linkDestination', () => {
    expect(linkDestination('https://a.de/x')).toBe('https://a.de/x');
    expect(linkDestination('https://a.de/a b')).toBe('<https://a.de/a b>');
    expect(linkDestination('https://a.de/(x)')).toBe('<https://a.de/(x)>');
    expect(linkDestination('https://a.de/<x>')).toBe('<https://a.de/\\<x\\>>');
    expect(linkDestination('https://a.de/a\\b')).toBe('https://a.de/a\\\\b');
  });
});

// --- property tests ----------------------------------------------------------------------
// Random paragraphs of hostile characters. After serializing and parsing back with a
// reference CommonMark parser every non-blank character must come back, in order, and
// letters/digits with exactly the marks they had. Punctuation at the edge of a bold/italic
// run may lose that emphasis: the serializer moves it outside where CommonMark's flanking
// rules would otherwise break the emphasis (as in "a**:b**").
//
// Known limit: CommonMark cannot express every arrangement of emphasis, e.g. italic
// switched off and on again inside a word within bold ("**a*b*c*d***" parses differently),
// or emphasis that starts and ends on punctuation glued to other such runs. The
// marked-text generator below therefore starts each node after the first with a separator
// (space, comma, dash, parenthesis …) and gives marked runs word characters at their core
// edges — the shape real press text has — while the characters inside are hostile.

function mulberry32(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type CharMarks = { ch: string; marks: string };

function expectedChars(nodes: PMNode[]): CharMarks[] {
  const out: CharMarks[] = [];
  for (const n of nodes) {
    if (n.type !== 'text') continue;
    const marks = (n.marks ?? [])
      .map((m) => (m.type === 'link' ? `link:${String(m.attrs?.href)}` : m.type))
      .sort()
      .join(',');
    for (const ch of Array.from(n.text ?? '')) if (ch.trim()) out.push({ ch, marks });
  }
  return out;
}

function parsedChars(md: string): CharMarks[] {
  const tokens = cm.parse(md, {});
  const out: CharMarks[] = [];
  for (const tok of tokens) {
    if (tok.type !== 'inline') continue;
    const open: string[] = [];
    for (const c of tok.children ?? []) {
      if (c.type === 'strong_open') open.push('bold');
      else if (c.type === 'em_open') open.push('italic');
      else if (c.type === 'link_open') open.push(`link:${decodeURI(c.attrGet('href') ?? '')}`);
      else if (c.type === 'strong_close' || c.type === 'em_close' || c.type === 'link_close') {
        const want = c.type === 'strong_close' ? 'bold' : c.type === 'em_close' ? 'italic' : 'link:';
        const idx = open.map((x) => x.startsWith(want)).lastIndexOf(true);
        open.splice(idx, 1);
      } else if (c.type === 'text' || c.type === 'code_inline' || c.type === 'html_inline') {
        const marks = [...open].sort().join(',');
        for (const ch of Array.from(c.content)) if (ch.trim()) out.push({ ch, marks });
      }
    }
  }
  return out;
}

function sameChars(want: CharMarks[], got: CharMarks[]): boolean {
  if (want.length !== got.length) return false;
  return want.every((w, i) => {
    const g = got[i];
    if (w.ch !== g.ch) return false;
    if (w.marks === g.marks) return true;
    if (!/[\p{P}\p{S}]/u.test(w.ch)) return false;
    const wm = w.marks.split(',').filter(Boolean);
    const gm = g.marks.split(',').filter(Boolean);
    const links = (xs: string[]) => xs.filter((x) => x.startsWith('link:')).join();
    return links(wm) === links(gm) && gm.every((m) => wm.includes(m));
  });
}

const HOSTILE = Array.from('aZä0 *_[]()!#-+1.<>`\\&|~;=:"\'/');
const WORD = Array.from('aZäß09');
const SEPS = [' ', ' ', ', ', ' – ', ' (', '; ', ': ', ') '];
const HREFS = ['https://a.de/x', 'mailto:p@b.de', 'https://c.de/a b(1)'];

function randomParagraphs(seed: number, rounds: number, withMarks: boolean) {
  const rnd = mulberry32(seed);
  const pick = <T,>(xs: T[]) => xs[Math.floor(rnd() * xs.length)];
  const failures: string[] = [];
  for (let round = 0; round < rounds; round++) {
    const nodes: PMNode[] = [];
    const count = 1 + Math.floor(rnd() * 5);
    for (let k = 0; k < count; k++) {
      if (k > 0 && rnd() < 0.1) {
        nodes.push(br);
        continue;
      }
      const marks: PMMark[] = [];
      if (withMarks) {
        if (rnd() < 0.3) marks.push(bold);
        if (rnd() < 0.3) marks.push(italic);
        if (rnd() < 0.2) marks.push(link(pick(HREFS)));
      }
      const len = 1 + Math.floor(rnd() * 7);
      let s = withMarks && k > 0 ? pick(SEPS) : '';
      for (let c = 0; c < len; c++) {
        const edge = c === 0 || c === len - 1;
        s += withMarks && edge ? pick(WORD) : pick(HOSTILE);
      }
      nodes.push(text(s, ...marks));
    }
    const r = rnd();
    const block = r < 0.2 ? quote(p(...nodes)) : r < 0.4 ? ul(li(p(...nodes))) : r < 0.5 ? ol(7, li(p(...nodes))) : p(...nodes);
    const md = docToMarkdown(doc(block));
    if (!sameChars(expectedChars(nodes), parsedChars(md))) {
      failures.push(`${JSON.stringify(nodes)}\n  => ${JSON.stringify(md)}\n  => ${cm.render(md)}`);
    }
  }
  return failures;
}

describe('property: hostile text survives a CommonMark round trip', () => {
  it('plain text: 3000 random paragraphs of markdown syntax characters', () => {
    expect(randomParagraphs(7, 3000, false).slice(0, 3).join('\n')).toBe('');
  });

  it('marked text: 3000 random paragraphs with bold, italic and links', () => {
    expect(randomParagraphs(20251112, 3000, true).slice(0, 3).join('\n')).toBe('');
  });
});
