import { describe, expect, it } from 'vitest';

// Every source file of the app (tests and test helpers aside), as text.
const sources = import.meta.glob(['/src/**/*.ts', '/src/**/*.svelte', '!/src/**/*.test.ts', '!/src/test/**'], {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;

describe('architecture', () => {
  it('sees the app sources', () => {
    expect(Object.keys(sources)).toContain('/src/lib/backend.ts');
    expect(Object.keys(sources)).toContain('/src/components/Editor.svelte');
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
});
