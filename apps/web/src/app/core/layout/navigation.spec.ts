import { toDestinations } from './navigation';

const paths = (portals: Parameters<typeof toDestinations>[0]) => toDestinations(portals).map((d) => d.path);

describe('toDestinations', () => {
  it('when the conseiller portal opens, offers its home, the jeunes search and the agenda, then the account', () => {
    expect(paths(['conseiller'])).toEqual(['/conseiller', '/jeunes', '/agenda', '/compte']);
  });

  it('when the direction signs in, offers its notification settings too; a conseiller never sees them', () => {
    expect(toDestinations(['conseiller'], ['direction']).map((d) => d.path)).toEqual(['/conseiller', '/jeunes', '/agenda', '/parametres/notifications', '/compte']);
    expect(toDestinations(['conseiller'], ['conseiller']).map((d) => d.path)).toEqual(['/conseiller', '/jeunes', '/agenda', '/compte']);
  });

  it('when only the admin portal opens, never offers the jeunes search', () => {
    expect(paths(['admin'])).toEqual(['/admin', '/compte']);
  });

  it('when a jeune signs in, offers C-Milo and the account only', () => {
    expect(paths(['c-milo'])).toEqual(['/c-milo', '/compte']);
  });

  it('when the portals open, names the search "Jeunes" with a search icon', () => {
    expect(toDestinations(['conseiller'])[1]).toEqual({ path: '/jeunes', label: 'Jeunes', icon: 'person_search' });
  });
});
