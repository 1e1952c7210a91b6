// The article editor's state and what happens to it, apart from the markup (Editor.svelte):
// loading the article, the form, the autosave, the preview and the export preflight that
// follow saves, state changes, restoring a revision, deleting, and opening the export; and the
// lock on the text: held while the editor is open, read only while someone else holds it.
//
//   const ctl = new EditorController({ id, initial });
//   onMount(() => ctl.mount());          // loads; flushes on leaving the page; cleans up
//   ctl.update('headline', 'Neu');       // an edit: saved by the autosave shortly after
//   await ctl.flush();                   // Ctrl+S, leaving the editor

import { tick } from 'svelte';
import { get } from 'svelte/store';
import { articleToInput, emptyArticleInput, takeStored, withHeld } from '../article';
import { Autosave, type SaveStatus } from '../autosave';
import {
  deleteArticle,
  getArticle,
  lockArticle,
  onLibraryChanged,
  preflightArticle,
  releaseLock,
  renewLock,
  restoreRevision,
  saveArticle,
  setState,
  takeOverArticle,
  toBackendError,
} from '../backend';
import { renderBodyHtml, type BodyHtml } from '../bodyRender';
import { parseInstant } from '../dates';
import { debounce, latestOnly } from '../debounce';
import { conflictFields, lang, t } from '../i18n';
import { checkCounts } from '../preflight';
import { may } from '../permissions';
import { conflictView, type ConflictView } from './conflict';
import { pushError, pushInfo } from '../toasts';
import type {
  Article,
  ArticleInput,
  ArticleState,
  BackendError,
  HeldField,
  Lease,
  Preflight,
  SaveOutcome,
} from '../types';
import { EDIT_LOCK } from '../types';

/** The preview follows the body this long after the last keystroke. */
export const PREVIEW_DEBOUNCE_MS = 300;
/** The preflight is asked again this long after the last save. */
export const PREFLIGHT_DEBOUNCE_MS = 400;
/** How long the notice about a field changed at the same time stays. */
export const CONFLICT_NOTICE_MS = 12_000;

/** Fields an edit replaces as a whole (the body and the dates have their own setters). */
export type PlainField = Exclude<keyof ArticleInput, 'body' | 'published_at' | 'embargo_until'>;
export type DateField = 'published_at' | 'embargo_until';

export interface EditorControllerOptions {
  id: number;
  /** The article as create_article returned it (skips one get_article). */
  initial?: Article | null;
  /** The article is on screen (the editor focuses the headline of a new one). */
  onloaded?: () => void;
  ondeleted?: () => void;
}

export class EditorController {
  readonly id: number;
  /** The stored article: state, stamps, export info (the form holds what is edited). */
  article = $state<Article | null>(null);
  form = $state<ArticleInput>(emptyArticleInput());
  /** Values the library could not take, kept as typed (shown in their fields with the problem). */
  held = $state<HeldField[]>([]);
  /** The body the body editor starts with, and the preview under it. */
  initialHtml = $state('');
  previewHtml = $state('');
  /** Bumped when a restore replaces everything, so the fields are built anew. */
  loadKey = $state(0);
  loaded = $state(false);
  loadFailed = $state(false);
  status = $state<SaveStatus>('saved');
  revisionsOpen = $state(false);
  /** Bumped when the revisions list should be read again. */
  revRefresh = $state(0);
  confirmDelete = $state(false);
  stateBusy = $state(false);
  preflight = $state<Preflight | null>(null);
  preflightLoading = $state(false);
  preflightError = $state<BackendError | null>(null);
  exportOpen = $state(false);
  exportBusy = $state(false);
  /**
   * The lock on the text: `held` (this window writes), `busy` (someone else does) or `lost`
   * (someone took it over). Null before it is asked for, or when the library could not say:
   * then the editor stays writable, as saves merge anyway.
   */
  lease = $state<Lease | null>(null);
  takingOver = $state(false);
  /**
   * The library cannot be reached: typing goes on, each save is kept on this desk's disk by
   * the backend, and the next save that gets through stores it.
   */
  offline = $state(false);
  /** The last save met a colleague's change to the same fields: both texts, compared. */
  conflict = $state<ConflictView | null>(null);
  /** The person's role lets them change the text (a library folder: always). */
  readonly canWrite = get(may).text;

  /** Someone else holds the text: fields and body are read only (photo and state are not). */
  readonly readOnly = $derived(!this.canWrite || (this.lease !== null && this.lease.status !== 'held'));
  readonly preflightCounts = $derived(checkCounts(this.preflight));
  readonly embargoActive = $derived.by(() => {
    const ms = parseInstant(this.form.embargo_until);
    return ms !== null && ms > Date.now();
  });

  private readonly opts: EditorControllerOptions;
  private readonly autosave: Autosave<ArticleInput, SaveOutcome>;
  private readonly previewSeq = latestOnly();
  private readonly preflightSeq = latestOnly();
  private readonly preflightSoon = debounce(() => void this.refreshPreflight(), PREFLIGHT_DEBOUNCE_MS);
  private readonly previewSoon = debounce((body: string) => void this.renderPreview(body), PREVIEW_DEBOUNCE_MS);
  private deleted = false;
  private destroyed = false;
  private lockTimer: ReturnType<typeof setInterval> | null = null;
  private renewing = false;

  constructor(opts: EditorControllerOptions) {
    this.opts = opts;
    this.id = opts.id;
    this.autosave = new Autosave<ArticleInput, SaveOutcome>({
      snapshot: () => $state.snapshot(this.form) as ArticleInput,
      // Based on the version last loaded or saved: what others stored since is merged.
      save: (input) => saveArticle(this.id, input, this.article?.version ?? 0),
      onStatus: (s) => {
        this.status = s;
      },
      onSaved: (out, sent) => {
        if (this.offline) {
          this.offline = false;
          pushInfo('editor.online');
        }
        this.takeState(out);
        if (out.merged || out.conflicts?.length) void this.takeOthers(out, sent);
        if (out.conflicts?.length) {
          const stored = withHeld(articleToInput(out), out.held);
          this.conflict = conflictView(out.conflicts, sent, stored, out.conflict_rev ?? null, out.changed_by ?? null);
          const fields = conflictFields(get(lang), out.conflicts);
          pushInfo('editor.conflict', { fields, rev: out.conflict_rev ?? '' }, CONFLICT_NOTICE_MS);
          this.revRefresh++;
        }
        this.preflightSoon();
      },
      onError: (e) => {
        // An outage says so once, in the banner, not with a message per retried save.
        if (toBackendError(e).code === 'server_unreachable') this.offline = true;
        else pushError(e);
      },
    });
  }

  /** Load the article and save on leaving the page; the returned function cleans up. */
  mount(): () => void {
    void this.load();
    const onLeave = () => {
      void this.autosave.flush();
    };
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') void this.autosave.flush();
    };
    window.addEventListener('beforeunload', onLeave);
    window.addEventListener('pagehide', onLeave);
    document.addEventListener('visibilitychange', onVisibility);
    // What others change shows here without a reload.
    let unlisten: (() => void) | null = null;
    void onLibraryChanged((c) => {
      if (c.locks) void this.renew();
      if (c.articles) void this.follow();
      else if (c.photos) this.preflightSoon();
    }).then((u) => {
      if (this.destroyed) u();
      else unlisten = u;
    });
    return () => {
      unlisten?.();
      window.removeEventListener('beforeunload', onLeave);
      window.removeEventListener('pagehide', onLeave);
      document.removeEventListener('visibilitychange', onVisibility);
      this.destroy();
    };
  }

  /** The editor goes away: pending typing is still saved, then the lock is given up. */
  destroy(): void {
    this.destroyed = true;
    this.previewSoon.cancel();
    this.preflightSoon.cancel();
    if (this.lockTimer !== null) clearInterval(this.lockTimer);
    const held = this.lease?.status === 'held';
    if (!this.deleted) {
      void this.autosave.flush().finally(() => {
        this.autosave.dispose();
        if (held) releaseLock(this.id).catch(() => {});
      });
    } else {
      this.autosave.dispose();
    }
  }

  async load(): Promise<void> {
    try {
      const initial = this.opts.initial;
      const a = initial && initial.id === this.id ? initial : await getArticle(this.id);
      const html = await renderBodyHtml(a.body, figureAlt, this.id);
      if (this.destroyed) return;
      this.apply(a, html);
      void this.refreshPreflight();
      await this.askLock();
      await tick();
      this.opts.onloaded?.();
    } catch (e) {
      this.loadFailed = true;
      pushError(e);
    }
  }

  /** "Bearbeitung übernehmen": the lock becomes this window's; the text is read afresh. */
  takeOver = async (): Promise<void> => {
    const before = this.lease?.status === 'held' ? null : this.lease?.lock.holder;
    this.takingOver = true;
    try {
      this.lease = await takeOverArticle(this.id);
      await this.reload();
      if (before) pushInfo('lock.taken', { name: before });
    } catch (e) {
      pushError(e);
    } finally {
      this.takingOver = false;
    }
  };

  /** Takes the lock when the editor opens, then keeps it (or watches for it to come free). */
  private async askLock(): Promise<void> {
    // Whoever may not change the text holds no lock on it (and blocks nobody).
    if (!this.canWrite) return;
    try {
      this.lease = await lockArticle(this.id);
    } catch {
      this.lease = null; // the library could not say: stay writable, saves merge
    }
    if (this.destroyed) return;
    this.lockTimer = setInterval(() => void this.renew(), EDIT_LOCK.renewSecs * 1000);
  }

  private async renew(): Promise<void> {
    if (this.destroyed || this.deleted || !this.loaded || this.renewing || !this.canWrite) return;
    this.renewing = true;
    try {
      await this.renewOnce();
    } finally {
      this.renewing = false;
    }
  }

  private async renewOnce(): Promise<void> {
    const was = this.lease;
    let now: Lease;
    try {
      now = was?.status === 'held' ? await renewLock(this.id) : await lockArticle(this.id);
    } catch {
      return; // the next renewal tries again; the lease outlasts a missed one
    }
    if (this.destroyed) return;
    if (now.status === 'lost' || (was?.status === 'held' && now.status === 'busy')) {
      // Taken over: what is typed but unsaved is saved now (merged, or kept as a conflict
      // revision), then the text is read only.
      await this.autosave.flush();
      this.lease = { status: 'lost', lock: now.lock };
      pushInfo('lock.lost', { name: now.lock.holder });
      void this.reload();
      return;
    }
    this.lease = was?.status === 'lost' && now.status === 'busy' ? { status: 'lost', lock: now.lock } : now;
    if (now.status === 'held' && was && was.status !== 'held') {
      // Free again: the holder closed the article. Read what they stored, then write.
      await this.reload();
      pushInfo('lock.free', { name: was.lock.holder });
    } else if (now.status !== 'held') {
      // Read only: follow what the holder stores.
      void this.reload();
    }
  }

  /**
   * Someone changed articles. Read only: read this one again. Writing, with everything
   * saved: their values come into the fields (typing goes on in the others). With typing
   * not yet saved nothing happens now: that save merges what they stored.
   */
  private async follow(): Promise<void> {
    if (this.destroyed || this.deleted || !this.article) return;
    if (this.readOnly) return this.reload();
    if (this.status !== 'saved') return;
    try {
      const a = await getArticle(this.id);
      // Only what is newer than what the editor has: an answer that overtook a restore or a
      // save of this editor must not roll it back.
      if (this.destroyed || !this.article || a.version <= this.article.version || this.status !== 'saved') return;
      const mine = $state.snapshot(this.form) as ArticleInput;
      // The field the cursor is in is the writer's: never replaced under their hands. If the
      // colleague changed it too, the version stays where it was, so the next save meets
      // their change and both texts are compared instead of one silently winning.
      const focused = focusedField();
      const theirs = withHeld(articleToInput(a), a.held);
      const clash = focused !== null && JSON.stringify(theirs[focused]) !== JSON.stringify(mine[focused]);
      if (clash) {
        await this.takeOthers({ ...a, [focused]: mine[focused] } as Article, mine);
      } else {
        this.takeState(a);
        this.article.exported_at = a.exported_at ?? null;
        this.article.exported_to = a.exported_to ?? null;
        await this.takeOthers(a, mine);
      }
      this.preflightSoon();
    } catch {
      // Deleted meanwhile, or the library did not answer: the next change tries again.
    }
  }

  /** Reads the stored article again when it changed (the fields are built anew). */
  private async reload(): Promise<void> {
    try {
      // A photo or state chosen meanwhile is stored before the fields are replaced.
      if (this.status !== 'saved') await this.autosave.flush();
      const a = await getArticle(this.id);
      if (this.destroyed || (this.article && a.version <= this.article.version)) return;
      const html = await renderBodyHtml(a.body, figureAlt, this.id);
      if (this.destroyed) return;
      this.apply(a, html);
      void this.refreshPreflight();
    } catch (e) {
      pushError(e);
    }
  }

  /** An edit of a field: saved by the autosave shortly after. */
  update = <K extends PlainField>(key: K, value: ArticleInput[K]): void => {
    this.form[key] = value;
    this.edit();
  };

  /** The body editor's CommonMark after an edit; the preview follows. */
  setBody = (markdown: string): void => {
    this.form.body = markdown;
    this.edit();
    this.previewSoon(markdown);
  };

  /**
   * A date field's value: an instant (UTC RFC 3339), null (cleared), or text that is no date,
   * sent as typed so that the autosave holds it instead of losing it.
   */
  setDate(key: DateField, value: string | null): void {
    if (value === this.form[key]) return;
    this.form[key] = value;
    this.edit();
  }

  /** The field's held value (typed, not taken), if it has one. */
  heldOf(field: string): HeldField | undefined {
    return this.held.find((h) => h.field === field);
  }

  /** The writer's own text of a conflicting field goes back into the article (saved as usual). */
  takeMine = (field: keyof ArticleInput): void => {
    const f = this.conflict?.fields.find((x) => x.field === field);
    // While a colleague holds the text, theirs stays: mine comes back after taking over.
    if (!f || !this.conflict || this.readOnly) return;
    (this.form as Record<string, unknown>)[field] = structuredClone(f.mineValue);
    if (field === 'body') {
      void renderBodyHtml(this.form.body, figureAlt, this.id).then((html) => {
        if (this.destroyed) return;
        this.initialHtml = html.editor;
        this.previewHtml = html.preview;
        this.loadKey++;
      });
    }
    this.edit();
    this.settleConflict(field);
  };

  /** The colleague's text of a field stays (as it is in the article already). */
  keepTheirs = (field: keyof ArticleInput): void => this.settleConflict(field);

  closeConflict = (): void => {
    this.conflict = null;
  };

  private settleConflict(field: keyof ArticleInput): void {
    if (!this.conflict) return;
    const fields = this.conflict.fields.filter((x) => x.field !== field);
    this.conflict = fields.length ? { ...this.conflict, fields } : null;
  }

  /** Save everything now; resolves when stored (false if saving failed). */
  flush(): Promise<boolean> {
    if (this.deleted) return Promise.resolve(true);
    return this.autosave.flush();
  }

  /** Escape: close the delete question or the revisions panel. True if one was open. */
  closePanel(): boolean {
    if (this.confirmDelete) {
      this.confirmDelete = false;
      return true;
    }
    if (this.revisionsOpen) {
      this.revisionsOpen = false;
      return true;
    }
    return false;
  }

  /** Pending typing is saved first, then the state changes (a failure keeps the old one). */
  changeState = async (next: ArticleState): Promise<void> => {
    if (!this.article || next === this.article.state) return;
    this.stateBusy = true;
    try {
      await this.autosave.flush();
      this.takeState(await setState(this.id, next));
    } catch (e) {
      pushError(e);
    } finally {
      this.stateBusy = false;
    }
  };

  /** Pending typing is saved first (it becomes a revision), then the old one comes back. */
  restore = async (rev: number): Promise<void> => {
    try {
      await this.autosave.flush();
      const a = await restoreRevision(this.id, rev);
      const html = await renderBodyHtml(a.body, figureAlt, this.id);
      this.apply(a, html);
      this.revRefresh++;
      void this.refreshPreflight();
      pushInfo('revisions.restored', { rev });
    } catch (e) {
      pushError(e);
    }
  };

  deleteArticle = async (): Promise<void> => {
    try {
      await this.autosave.flush();
      await deleteArticle(this.id);
      this.deleted = true;
      this.autosave.dispose();
      this.opts.ondeleted?.();
    } catch (e) {
      pushError(e);
    } finally {
      this.confirmDelete = false;
    }
  };

  /** "Exportieren …": store what is on screen first, then ask where to. */
  openExport = async (): Promise<void> => {
    if (!this.article || this.exportBusy) return;
    this.exportBusy = true;
    try {
      if (!(await this.autosave.flush())) return; // the save error is already shown
      void this.refreshPreflight();
      this.exportOpen = true;
    } finally {
      this.exportBusy = false;
    }
  };

  /** After an export: state, exported_at and exported_to changed in the backend. */
  afterExport = async (): Promise<void> => {
    try {
      const a = await getArticle(this.id);
      if (this.destroyed || !this.article) return;
      this.takeState(a);
      this.article.exported_at = a.exported_at ?? null;
      this.article.exported_to = a.exported_to ?? null;
    } catch (e) {
      pushError(e);
    }
    void this.refreshPreflight();
  };

  /** Ask the backend for the export preflight of the stored article. */
  refreshPreflight = async (): Promise<void> => {
    this.preflightSoon.cancel();
    if (this.deleted || this.destroyed) return;
    const token = this.preflightSeq.next();
    this.preflightLoading = true;
    try {
      const p = await preflightArticle(this.id);
      if (!this.preflightSeq.isLatest(token) || this.destroyed) return;
      this.preflight = p;
      this.preflightError = null;
    } catch (e) {
      if (!this.preflightSeq.isLatest(token) || this.destroyed) return;
      // Shown in the panel; a toast per autosave would pile up.
      this.preflightError = toBackendError(e);
    } finally {
      if (this.preflightSeq.isLatest(token)) this.preflightLoading = false;
    }
  };

  private edit(): void {
    if (!this.loaded || this.deleted) return;
    this.autosave.change();
  }

  /**
   * Another writer stored changes since this editor's version: their values come into the
   * fields not typed into since the save went out (the body editor is built anew if its
   * text changed).
   */
  private async takeOthers(out: Article, sent: ArticleInput): Promise<void> {
    const stored = withHeld(articleToInput(out), out.held);
    const { form, changed } = takeStored($state.snapshot(this.form) as ArticleInput, sent, stored);
    if (changed.length === 0 || this.destroyed) return;
    this.form = form;
    if (changed.includes('body')) {
      const html = await renderBodyHtml(form.body, figureAlt, this.id);
      if (this.destroyed) return;
      this.initialHtml = html.editor;
      this.previewHtml = html.preview;
      this.loadKey++;
    }
  }

  /** What a save, a state change or an export changed in the stored article. */
  private takeState(a: Article): void {
    this.held = a.held ?? [];
    if (this.article) {
      this.article.state = a.state;
      this.article.updated_at = a.updated_at;
      this.article.version = a.version;
    }
    if (this.revisionsOpen) this.revRefresh++;
  }

  private apply(a: Article, html: BodyHtml): void {
    this.previewSoon.cancel();
    this.previewSeq.next();
    this.article = a;
    this.held = a.held ?? [];
    // What was typed but not taken comes back into its field, as typed (dates too: the date
    // field shows a held value as typed and it stays held until corrected).
    this.form = withHeld(articleToInput(a), a.held);
    this.initialHtml = html.editor;
    this.previewHtml = html.preview;
    this.loadKey++;
    this.loaded = true;
  }

  private async renderPreview(body: string): Promise<void> {
    const token = this.previewSeq.next();
    if (!body.trim()) {
      this.previewHtml = '';
      return;
    }
    try {
      const html = await renderBodyHtml(body, figureAlt, this.id);
      if (this.previewSeq.isLatest(token) && !this.destroyed) this.previewHtml = html.preview;
    } catch (e) {
      if (this.previewSeq.isLatest(token)) pushError(e);
    }
  }
}

/** The article field the cursor is in (`field-<name>` ids; the body editor), if any. */
function focusedField(): keyof ArticleInput | null {
  const el = document.activeElement;
  if (!el) return null;
  if (el.closest('[data-testid="body-editor"]')) return 'body';
  const m = /^field-([a-z-]+)$/.exec(el.id);
  const key = m?.[1].replace(/-/g, '_');
  return key && key in emptyArticleInput() ? (key as keyof ArticleInput) : null;
}

/** A figure without its own alt text, in the preview. */
const figureAlt = (id: number) => get(t)('figure.alt', { id });
