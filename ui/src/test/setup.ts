// Vitest setup (jsdom). Reset the Tauri IPC mock and the stored language between tests,
// fail a test that asked the fake backend for answers nobody recorded, and give jsdom the
// layout APIs ProseMirror calls when it scrolls the selection into view.
import { afterEach } from 'vitest';
import { clearMocks } from '@tauri-apps/api/mocks';
import { takeUnrecorded } from './ipc';

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
  const unrecorded = takeUnrecorded();
  if (unrecorded.length > 0) {
    throw new Error(
      `The test asked the fake backend for answers nobody recorded; give them in the test:\n  ${unrecorded.join('\n  ')}`,
    );
  }
});
