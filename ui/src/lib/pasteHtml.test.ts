import { afterEach, describe, expect, it } from 'vitest';
import { createBodyEditor, type Editor } from './bodyEditor';
import { docToMarkdown, type PMNode } from './markdown';
import { cleanPastedHtml } from './pasteHtml';

// Real-world clipboard HTML (a web page table, Word, Google Docs) in paste-fixtures/NAME.html;
// NAME.expected.html is what the body gets, NAME.expected.md what is stored. Core's renderer
// test (src-tauri/core/tests/render.rs) renders each NAME.expected.md back to NAME.expected.html.
// jsdom has no ClipboardEvent; ProseMirror's pasteHTML only needs an Event to hand around.
if (typeof globalThis.ClipboardEvent === 'undefined') {
  (globalThis as { ClipboardEvent?: unknown }).ClipboardEvent = class extends Event {
    readonly clipboardData = null;
  };
}

const FIXTURES = ['web-table', 'word', 'gdocs'];
const files = import.meta.glob('./paste-fixtures/*', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;
const read = (name: string): string => {
  const text = files[`./paste-fixtures/${name}`];
  if (text === undefined) throw new Error(`missing fixture ${name}`);
  return text;
};

let editors: Editor[] = [];
afterEach(() => {
  editors.forEach((e) => e.destroy());
  editors = [];
  document.body.innerHTML = '';
});

function emptyEditor(): Editor {
  const element = document.createElement('div');
  document.body.appendChild(element);
  const ed = createBodyEditor({ element, content: '', ariaLabel: 'Text' });
  editors.push(ed);
  return ed;
}

/** Paste `html` the way a clipboard paste arrives (ProseMirror's paste path). */
function paste(html: string): string {
  const ed = emptyEditor();
  ed.view.pasteHTML(html);
  return docToMarkdown(ed.getJSON() as PMNode);
}

const clean = (html: string) => cleanPastedHtml(html);

describe('pasted HTML fixtures', () => {
  for (const name of FIXTURES) {
    it(`${name}: maps onto the body allowlist`, () => {
      expect(clean(read(`${name}.html`))).toBe(read(`${name}.expected.html`).trim());
    });
    it(`${name}: pasted into the editor, stores as`, () => {
      expect(paste(read(`${name}.html`))).toBe(read(`${name}.expected.md`).trim());
    });
  }

  it('a web table keeps one line per row, not one run of text', () => {
    const md = paste(read('web-table.html'));
    expect(md).not.toContain('TagZeit');
    expect(md).toContain('**Tag – Zeit**');
    expect(md).toContain('Mo–Fr – 6–22 Uhr');
  });
});

describe('cleanPastedHtml', () => {
  it('maps headings: h1 → h2, h4–h6 → h3', () => {
    expect(clean('<h1>A</h1><h2>B</h2><h3>C</h3><h4>D</h4><h5>E</h5><h6>F</h6>')).toBe(
      '<h2>A</h2><h2>B</h2><h3>C</h3><h3>D</h3><h3>E</h3><h3>F</h3>',
    );
  });

  it('drops bold inside headings', () => {
    expect(clean('<h1><b>Fett</b> und mehr</h1>')).toBe('<h2>Fett und mehr</h2>');
  });

  it('a table without header cells has no bold row; empty rows and cells are skipped', () => {
    expect(clean('<table><tr><td>a</td><td></td><td>b</td></tr><tr><td> </td></tr><tr><td>c</td><td>d</td></tr></table>')).toBe(
      '<p>a – b</p><p>c – d</p>',
    );
  });

  it('a header row in thead is bold even with td cells', () => {
    expect(clean('<table><thead><tr><td>Tag</td><td>Zeit</td></tr></thead><tbody><tr><td>Mo</td><td>8</td></tr></tbody></table>')).toBe(
      '<p><strong>Tag – Zeit</strong></p><p>Mo – 8</p>',
    );
  });

  it('flattens a nested table into its cell', () => {
    expect(clean('<table><tr><td>Sa</td><td><table><tr><td>8 Uhr</td><td>12 Uhr</td></tr><tr><td>Termin</td></tr></table></td></tr></table>')).toBe(
      '<p>Sa – 8 Uhr – 12 Uhr – Termin</p>',
    );
  });

  it('keeps bold, italic and allowed links in cells', () => {
    expect(clean('<table><tr><td><b>Ort</b></td><td><a href="https://example.org/x">Karte</a></td></tr></table>')).toBe(
      '<p><strong>Ort</strong> – <a href="https://example.org/x">Karte</a></p>',
    );
  });

  it('drops styles, classes, scripts, images and disallowed links', () => {
    expect(
      clean('<p class="x" style="color:red" onclick="x()">A <span style="font-size:20px">b</span> <img src="x.png"><a href="javascript:x()">c</a><script>evil()</script></p>'),
    ).toBe('<p>A b c</p>');
  });

  it('Google Docs: styled spans become marks, the normal-weight <b> wrapper does not', () => {
    expect(
      clean('<b style="font-weight:normal" id="docs-internal-guid-1"><p><span style="font-weight:700">fett</span> <span style="font-style:italic">kursiv</span> normal</p></b>'),
    ).toBe('<p><strong>fett</strong> <em>kursiv</em> normal</p>');
  });

  it('Word: numbered list paragraphs become an ordered list', () => {
    const html =
      "<p class=MsoListParagraphCxSpFirst style='mso-list:l0 level1 lfo1'><span style='mso-list:Ignore'>1.<span>&nbsp;&nbsp; </span></span>eins</p>" +
      "<p class=MsoListParagraphCxSpLast style='mso-list:l0 level1 lfo1'><span style='mso-list:Ignore'>2.<span>&nbsp;&nbsp; </span></span>zwei</p>";
    expect(clean(html)).toBe('<ol><li><p>eins</p></li><li><p>zwei</p></li></ol>');
  });

  it('Word: a bullet typed into the text without a marker span is removed', () => {
    expect(clean('<p class=MsoListParagraph>•&nbsp;Punkt</p>')).toBe('<ul><li><p>Punkt</p></li></ul>');
  });

  it('keeps lists, nested lists, quotes and line breaks', () => {
    expect(clean('<ul><li>a<ul><li>b</li></ul></li></ul><blockquote><p>Zitat<br>Zeile</p></blockquote>')).toBe(
      '<ul><li><p>a</p><ul><li><p>b</p></li></ul></li></ul><blockquote><p>Zitat<br>Zeile</p></blockquote>',
    );
  });

  it('loose text and divs become paragraphs', () => {
    expect(clean('eins<div>zwei</div><div><div>drei</div></div>')).toBe('<p>eins</p><p>zwei</p><p>drei</p>');
  });

  it('leaves a copy from the editor itself alone', () => {
    const own = '<figure data-photo-id="3" data-pm-slice="0 0 []"></figure>';
    expect(clean(own)).toBe(own);
  });
});
