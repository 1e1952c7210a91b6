// Test fixture: a library with the article the editor tests open (id 1, every field
// filled, a draft) and a second one whose topics feed the suggestions.
import { FakeLibrary } from '../dev/fakeBackend';
import { emptyArticleInput } from '../lib/article';

export function editorLibrary(): FakeLibrary {
  const lib = new FakeLibrary(false);
  lib.create(
    {
      ...emptyArticleInput(),
      kicker: 'Bildung',
      headline: 'Neue Gesamtschule',
      teaser: 'Anmeldung ab Januar.',
      body: 'Die Stadt investiert **48 Millionen Euro**.',
      topics: ['Schule'],
      places: ['Hörde'],
      related_links: [
        { label: 'Schulplan', url: 'https://a.de/plan' },
        { label: 'Anmeldung', url: 'https://a.de/anmeldung' },
      ],
      published_at: '2025-11-12T09:30:00Z',
      embargo_until: null,
      author: 'Presseamt',
      contact: 'Presse\n0231 1234',
    },
    'draft',
  );
  lib.create({ ...emptyArticleInput(), headline: 'Verkehr', topics: ['Verkehr', 'Schulweg'] });
  return lib;
}
