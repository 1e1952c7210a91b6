// Vitest setup (jsdom). Reset the Tauri IPC mock and the stored language between tests,
// and give jsdom the layout APIs ProseMirror calls when it scrolls the selection into view.
import { afterEach } from 'vitest';
import { clearMocks } from '@tauri-apps/api/mocks';

function emptyRects(): DOMRectList {
  const list = [] as unknown as DOMRectList & unknown[];
  (list as unknown as { item: (i: number) => DOMRect | null }).item = () => null;
  return list;
}

const zeroRect = (): DOMRect =>
  ({ x: 0, y: 0, width: 0, height: 0, top: 0, right: 0, bottom: 0, left: 0, toJSON: () => ({}) }) as DOMRect;

if (typeof Range !== 'undefined') {
  Range.prototype.getClientRects ??= emptyRects;
  Range.prototype.getBoundingClientRect ??= zeroRect;
}
if (typeof Element !== 'undefined') {
  Element.prototype.scrollIntoView ??= () => {};
}
for (const proto of [typeof Text !== 'undefined' ? Text.prototype : null]) {
  if (proto && !('getClientRects' in proto)) {
    Object.assign(proto, { getClientRects: emptyRects, getBoundingClientRect: zeroRect });
  }
}
if (typeof document !== 'undefined' && !document.elementFromPoint) {
  document.elementFromPoint = () => null;
}

afterEach(() => {
  clearMocks();
  try {
    localStorage.clear();
  } catch {
    /* no storage */
  }
});
