// Test fixture: the recorded library's articles and photos by the names the recording gives
// them (golden.json `ids`: school, closure, market, trees, works; iptc, camera, lake,
// lake_again). The editor tests open `school`: every field filled, one related link, a lead
// photo, in review, and nothing for the preflight to say.
import { golden } from '../dev/fakeBackend';
import type { Article, PhotoDetails, Preflight } from '../lib/types';

export type ArticleName = 'school' | 'closure' | 'market' | 'trees' | 'works';
export type PhotoName = 'iptc' | 'camera' | 'lake' | 'lake_again';

export const id = (name: ArticleName | PhotoName): number => golden.ids[name];

export function article(name: ArticleName): Article {
  return structuredClone(golden.articles.find((a) => a.id === id(name))!);
}

export function photo(name: PhotoName): PhotoDetails {
  return structuredClone(golden.photos.find((p) => p.id === id(name))!);
}

export function preflight(name: ArticleName): Preflight {
  return structuredClone(golden.preflights[String(id(name))]);
}

/**
 * render_preview for the closure article's body as the UI sends it: its figure taken out as a
 * token paragraph (NRFIGURE…). The recorded HTML of that body, with the token in place of the
 * figure the backend rendered.
 */
export function closurePreview(args: Record<string, unknown>): string {
  const token = /NRFIGURE\w+Q0Q/.exec(String(args.body));
  if (!token) throw new Error(`not the closure body with its figure as a token: ${String(args.body)}`);
  return golden.previews[article('closure').body].replace(/<figure>[\s\S]*<\/figure>/, `<p>${token[0]}</p>`);
}
