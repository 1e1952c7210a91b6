import { describe, expect, it } from 'vitest';

// Every source file of the app (tests and test helpers aside), as text.
const sources = import.meta.glob(['/src/**/*.ts', '/src/**/*.svelte', '!/src/**/*.test.ts', '!/src/test/**'], {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;
// Every TypeScript and Svelte file, tests included.
const everything = import.meta.glob(['/src/**/*.ts', '/src/**/*.svelte'], {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;

const BINDINGS = '/src/lib/bindings.ts';
/** The names bindings.ts exports: the IPC types, the code arrays, COMMANDS, EVENTS. */
const bound = new Set([...everything[BINDINGS].matchAll(/^export (?:type|const) (\w+)/gm)].map((m) => m[1]));
/** Type names a file declares itself (`type X =`, `interface X`). */
const declared = (text: string) =>
  [...text.matchAll(/^\s*(?:export\s+)?(?:declare\s+)?(?:type\s+(\w+)\s*(?:<[^>]*>)?\s*=|interface\s+(\w+))/gm)].map(
    (m) => m[1] ?? m[2],
  );

describe('architecture', () => {
  it('sees the app sources', () => {
    expect(Object.keys(sources)).toContain('/src/lib/backend.ts');
    expect(Object.keys(sources)).toContain('/src/components/Editor.svelte');
    expect(bound).toContain('Article');
    expect(bound).toContain('EVENTS');
  });

  it('only src/lib/backend.ts imports @tauri-apps packages', () => {
    const importers = Object.entries(sources)
      .filter(([, text]) => /from\s+['"]@tauri-apps\/|import\(\s*['"]@tauri-apps\//.test(text))
      .map(([path]) => path);
    expect(importers).toEqual(['/src/lib/backend.ts']);
  });

  it('the dev fake backend is only loaded behind import.meta.env.DEV', () => {
    const importers = Object.entries(sources)
      .filter(([path, text]) => path !== '/src/dev/fakeBackend.ts' && text.includes('dev/fakeBackend'))
      .map(([path]) => path);
    expect(importers).toEqual(['/src/main.ts']);
    expect(sources['/src/main.ts']).toMatch(/import\.meta\.env\.DEV[\s\S]*import\('\.\/dev\/fakeBackend'\)/);
  });

  it('only bindings.ts declares the IPC types; types.ts passes them on', () => {
    const again = Object.entries(everything)
      .filter(([path]) => path !== BINDINGS)
      .flatMap(([path, text]) => declared(text).filter((name) => bound.has(name)).map((name) => `${path}: ${name}`));
    expect(again).toEqual([]);
    const types = everything['/src/lib/types.ts'];
    expect(declared(types)).toEqual([]);
    expect(types).toMatch(/export \* from '\.\/bindings'/);
  });

  it('event names are written only in bindings.ts (everyone else says EVENTS.…)', () => {
    const naming = Object.entries(everything)
      .filter(([path, text]) => path !== BINDINGS && /newsroom:\/\//.test(text))
      .map(([path]) => path);
    expect(naming).toEqual([]);
  });

  it('every command has exactly one wrapper in backend.ts, and the app names commands nowhere else', () => {
    const commands = [...everything[BINDINGS].match(/COMMANDS = \[([^\]]*)\]/)![1].matchAll(/"(\w+)"/g)].map((m) => m[1]);
    expect(commands.length).toBeGreaterThan(20);
    const backend = sources['/src/lib/backend.ts'];
    for (const c of commands) {
      expect(backend.match(new RegExp(`\\bcall(?:<[^>]*>)?\\('${c}'`, 'g')) ?? [], c).toHaveLength(1);
    }
    // The dev backend answers each command by its (typed) name; nothing else in the app names one.
    const elsewhere = Object.entries(sources)
      .filter(([path]) => ![BINDINGS, '/src/lib/backend.ts', '/src/dev/fakeBackend.ts'].includes(path))
      .flatMap(([path, text]) => commands.filter((c) => new RegExp(`['"\`]${c}['"\`]`).test(text)).map((c) => `${path}: ${c}`));
    expect(elsewhere).toEqual([]);
  });

  it('the dev fake backend serves recordings: it imports no markdown renderer and no domain helper', () => {
    const fake = sources['/src/dev/fakeBackend.ts'];
    const imports = [...fake.matchAll(/^import[\s\S]*?from '([^']+)';/gm)].map((m) => m[1]).sort();
    expect(imports).toEqual(['../lib/backend', '../lib/types', './golden.json']);
    expect(fake).not.toMatch(/markdown-it|lib\/(credit|figures|dates|markdown|bodyRender)/);
  });
});
