// Keeps the keyboard inside a modal dialog: Tab and Shift+Tab wrap around at its ends, and
// when the dialog goes away the focus returns to what had it before (the button that opened
// it), if that is still on the page.
//
//   <div role="dialog" aria-modal="true" tabindex="-1" use:focusTrap> … </div>

const CANDIDATES = 'a[href], button, input, select, textarea, [tabindex]';

/** Not reachable: disabled (also inside a disabled fieldset), tabindex=-1, hidden inputs. */
function skipped(el: HTMLElement): boolean {
  return (
    el.matches(':disabled') ||
    el.getAttribute('tabindex') === '-1' ||
    (el instanceof HTMLInputElement && el.type === 'hidden')
  );
}

/**
 * What Tab reaches inside `root`, in order. A radio group is one stop: its checked radio, or
 * its first one while none is checked.
 */
export function tabbables(root: HTMLElement): HTMLElement[] {
  const all = Array.from(root.querySelectorAll<HTMLElement>(CANDIDATES)).filter((el) => !skipped(el));
  return all.filter((el) => {
    if (!(el instanceof HTMLInputElement) || el.type !== 'radio' || !el.name) return true;
    const group = all.filter(
      (x): x is HTMLInputElement => x instanceof HTMLInputElement && x.type === 'radio' && x.name === el.name,
    );
    const checked = group.find((x) => x.checked);
    return checked ? checked === el : group[0] === el;
  });
}

/** Handle Tab inside `root`: past the last stop it goes to the first, and back. */
export function wrapTab(root: HTMLElement, e: KeyboardEvent): void {
  if (e.key !== 'Tab' || e.defaultPrevented) return;
  const stops = tabbables(root);
  if (stops.length === 0) {
    e.preventDefault();
    return;
  }
  const first = stops[0];
  const last = stops[stops.length - 1];
  const active = document.activeElement;
  // The dialog itself (focused when it opened) counts as before the first stop.
  const onStop = active instanceof HTMLElement && stops.includes(active);
  if (e.shiftKey && (active === first || !onStop)) {
    e.preventDefault();
    last.focus();
  } else if (!e.shiftKey && (active === last || !onStop)) {
    e.preventDefault();
    first.focus();
  }
}

export function focusTrap(node: HTMLElement): { destroy(): void } {
  const opener = document.activeElement;
  const onKeydown = (e: KeyboardEvent) => wrapTab(node, e);
  node.addEventListener('keydown', onKeydown);
  return {
    destroy() {
      node.removeEventListener('keydown', onKeydown);
      if (opener instanceof HTMLElement && opener.isConnected) opener.focus();
    },
  };
}
