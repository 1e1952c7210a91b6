// A preflight item was clicked: bring the editor's field it concerns into view, focus it,
// and let it flash once.

import type { PreflightCheck } from '../types';

const FLASH_CLASS = 'check-flash';
const FLASH_MS = 1600;

/** Codes about the lead photo's alt text (fixed in its alt field, not by choosing another photo). */
const LEAD_ALT_CODES = ['photo_no_alt', 'alt_long', 'alt_equals_caption'];

/** Where a check points in the editor: the element to show, and the one to focus. */
export function checkTarget(
  root: HTMLElement,
  check: PreflightCheck,
): { show: HTMLElement | null; focus: HTMLElement | null; body: boolean } {
  const q = (sel: string) => root.querySelector<HTMLElement>(sel);
  const link = /^related_links\[(\d+)\]$/.exec(check.field);
  if (link) return { show: null, focus: q(`#related-url-${link[1]}`), body: false };
  switch (check.field) {
    case 'headline':
    case 'teaser':
      return { show: null, focus: q(`#field-${check.field}`), body: false };
    case 'published_at':
      return { show: null, focus: q('#field-published-at'), body: false };
    case 'embargo_until':
      return { show: null, focus: q('#field-embargo-until'), body: false };
    case 'related_links':
      return { show: q('[aria-labelledby="related-title"]'), focus: q('[data-testid="add-link"]'), body: false };
    case 'lead_photo':
      return {
        show: q('[data-testid="lead-photo"]'),
        focus: LEAD_ALT_CODES.includes(check.code) ? q('#lead-alt') : q('[data-testid="lead-photo-choose"]'),
        body: false,
      };
    case 'body': {
      let show: HTMLElement | null = null;
      if (check.photo_id != null) {
        show = q(`[data-testid="body-figure"][data-photo-id="${check.photo_id}"]`);
      } else if (check.code === 'bad_link') {
        const sep = check.detail.indexOf(': ');
        const url = sep > 0 ? check.detail.slice(0, sep) : check.detail;
        show = Array.from(root.querySelectorAll<HTMLAnchorElement>('.ProseMirror a')).find(
          (a) => a.getAttribute('href') === url,
        ) ?? null;
      }
      return { show: show ?? q('[data-testid="body-editor"]'), focus: null, body: true };
    }
    default:
      return { show: null, focus: null, body: false };
  }
}

/** Scroll the check's field into view, focus it and flash it; `focusBody` focuses the body editor. */
export function revealCheck(root: HTMLElement, check: PreflightCheck, focusBody: () => void): void {
  const { show, focus, body } = checkTarget(root, check);
  if (body) focusBody();
  const el = show ?? focus;
  if (!el) return;
  el.scrollIntoView?.({ block: 'center', behavior: 'smooth' });
  focus?.focus({ preventScroll: true });
  el.classList.remove(FLASH_CLASS);
  void el.offsetWidth; // restart the animation
  el.classList.add(FLASH_CLASS);
  setTimeout(() => el.classList.remove(FLASH_CLASS), FLASH_MS);
}
