// What the person at this desk may do in the open library (`LibraryInfo.permissions`), so the
// views disable what their role does not allow and say why. The server holds the same rules
// itself; this only spares people a refusal. Until the library has answered (and in a library
// folder) everything is allowed.
import { derived, writable } from 'svelte/store';
import type { ArticleState, LibraryInfo, Permissions, Role } from './types';

const current = writable<Permissions | null>(null);

/** The App tells which library is open. */
export function setLibrary(info: LibraryInfo | null): void {
  current.set(info?.permissions ?? null);
}

export interface May {
  text: boolean;
  attachPhotos: boolean;
  photos: boolean;
  export: boolean;
  state: (s: ArticleState) => boolean;
  /** The role that limits them (the first), for the reason shown; null when unlimited. */
  role: Role | null;
}

export const may = derived(
  current,
  (p): May => ({
    text: p?.text ?? true,
    attachPhotos: p?.attach_photos ?? true,
    photos: p?.photos ?? true,
    export: p?.export ?? true,
    state: (s) => (p ? p.states.includes(s) : true),
    role: p?.roles[0] ?? null,
  }),
);
