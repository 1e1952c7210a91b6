import MarkdownIt from 'markdown-it';
import { afterEach, describe, expect, it } from 'vitest';
import { createBodyEditor, type Editor } from './bodyEditor';
import { docToMarkdown, type PMNode } from './markdown';

// The real loading path is: body (CommonMark) → backend render_preview → HTML → TipTap.
// markdown-it stands in for the backend renderer here.
const cm = new MarkdownIt('commonmark', { html: false });

let editors: Editor[] = [];
afterEach(() => {
  editors.forEach((e) => e.destroy());
  editors = [];
  document.body.innerHTML = '';
});

function editorWith(html: string): Editor {
  const element = document.createElement('div');
  document.body.appendChild(element);
  const ed = createBodyEditor({ element, content: html, ariaLabel: 'Text' });
  editors.push(ed);
  return ed;
}

const md = (ed: Editor) => docToMarkdown(ed.getJSON() as PMNode);

function nodeTypes(node: PMNode, acc = new Set<string>()): Set<string> {
  acc.add(node.type);
  for (const m of node.marks ?? []) acc.add(`mark:${m.type}`);
  for (const c of node.content ?? []) nodeTypes(c, acc);
  return acc;
}

describe('body editor round trip: markdown → HTML → TipTap → markdown', () => {
  const samples = [
    'Die Stadt Dortmund investiert **48 Millionen Euro** in den *Neubau*.',
    '## Anmeldung\n\nEltern können ihre Kinder anmelden:\n\n- online\n- persönlich\n\n### Fristen\n\n1. Januar\n2. Februar',
    '> „Wir schaffen Platz für 1.200 Schüler.“\n>\n> Oberbürgermeister',
    'Mehr unter [dortmund.de](https://www.dortmund.de) oder [per Mail](mailto:presse@example.org).',
    'Zeile eins\\\nZeile zwei',
    '- a\n  - b\n  - c\n- d',
    '\\*nicht fett\\*, # keine Überschrift, 1. keine Liste, \\<script>, \\[Klammern\\]',
    '\\# keine Überschrift\n\n1\\. keine Liste\n\n\\- kein Punkt\n\n\\> kein Zitat',
    '3. drei\n4. vier',
    '**fett *und kursiv***',
  ];
  for (const sample of samples) {
    it(JSON.stringify(sample.slice(0, 40)), () => {
      const ed = editorWith(cm.render(sample));
      expect(md(ed)).toBe(sample);
    });
  }
});

describe('body editor schema', () => {
  it('only allows the house nodes and marks', () => {
    const ed = editorWith(
      '<h1>Eins</h1><h4>Vier</h4><pre><code>code()</code></pre><hr><p><s>strike</s> <u>under</u> <code>c</code> <b>b</b> <i>i</i></p><img src="x.png"><table><tr><td>t</td></tr></table>',
    );
    const types = nodeTypes(ed.getJSON() as PMNode);
    const allowed = new Set([
      'doc',
      'paragraph',
      'heading',
      'text',
      'blockquote',
      'bulletList',
      'orderedList',
      'listItem',
      'hardBreak',
      'mark:bold',
      'mark:italic',
      'mark:link',
    ]);
    for (const t of types) expect(allowed.has(t), t).toBe(true);
    const out = md(ed);
    expect(out).toContain('code()');
    expect(out).toContain('strike under c **b** *i*');
    expect(out).not.toContain('#### ');
    expect(out).not.toMatch(/^# /m);
  });

  it('headings are limited to levels 2 and 3', () => {
    const ed = editorWith('<p>Titel</p>');
    expect(ed.can().toggleHeading({ level: 2 })).toBe(true);
    expect(ed.can().toggleHeading({ level: 3 })).toBe(true);
    expect(ed.commands.toggleHeading({ level: 1 as 2 })).toBe(false);
    expect(ed.commands.toggleHeading({ level: 4 as 2 })).toBe(false);
  });

  it('disabled extensions have no commands', () => {
    const ed = editorWith('<p>x</p>');
    const cmds = ed.commands as unknown as Record<string, unknown>;
    for (const name of ['toggleCode', 'toggleCodeBlock', 'toggleStrike', 'setHorizontalRule', 'toggleUnderline']) {
      expect(cmds[name], name).toBeUndefined();
    }
  });

  it('links: only http, https and mailto survive', () => {
    const ed = editorWith(
      '<p><a href="javascript:alert(1)">js</a> <a href="data:text/html,x">data</a> <a href="ftp://x.de">ftp</a> <a href="https://ok.de">ok</a> <a href="mailto:a@b.de">mail</a></p>',
    );
    expect(md(ed)).toBe('js data ftp [ok](https://ok.de) [mail](mailto:a@b.de)');
    expect(ed.commands.setTextSelection({ from: 1, to: 3 })).toBe(true);
    expect(ed.commands.setLink({ href: 'javascript:alert(1)' })).toBe(false);
    expect(ed.commands.setLink({ href: 'https://stadt.de' })).toBe(true);
    expect(md(ed)).toBe('[js](https://stadt.de) data ftp [ok](https://ok.de) [mail](mailto:a@b.de)');
  });

  it('toolbar commands produce the expected markdown', () => {
    const ed = editorWith('<p>Überschrift</p><p>Punkt</p><p>Zitat</p>');
    ed.chain().setTextSelection(2).toggleHeading({ level: 2 }).run();
    ed.chain().setTextSelection(16).toggleBulletList().run();
    expect(md(ed)).toBe('## Überschrift\n\n- Punkt\n\nZitat');
    const end = ed.state.doc.content.size - 2;
    ed.chain().setTextSelection(end).toggleBlockquote().run();
    expect(md(ed)).toBe('## Überschrift\n\n- Punkt\n\n> Zitat');
    ed.chain().selectAll().toggleBold().run();
    expect(md(ed)).toBe('## **Überschrift**\n\n- **Punkt**\n\n> **Zitat**');
  });

  it('markdown-style input rules are off, so "1. " typed stays text', () => {
    const ed = editorWith('<p></p>');
    // Simulate typing through the view's text input handler, as a keystroke would.
    const view = ed.view;
    const type = (s: string) => {
      for (const ch of s) {
        const { from, to } = view.state.selection;
        const handled = view.someProp('handleTextInput', (f) => f(view, from, to, ch, () => view.state.tr.insertText(ch, from, to)));
        if (!handled) view.dispatch(view.state.tr.insertText(ch, from, to));
      }
    };
    type('1. Oktober ist *kein* Feiertag');
    expect(md(ed)).toBe('1\\. Oktober ist \\*kein\\* Feiertag');
  });
});
