import { can, CAPABILITIES, homePortal, portalsFor } from './permissions';

describe('permissions', () => {
  it('when a conseiller searches dossiers, it is allowed', () => {
    expect(can(['conseiller'], CAPABILITIES.dossiersSearch)).toBeTrue();
  });

  it('when an admin_ml reads a dossier, it is refused (separation of duties)', () => {
    expect(can(['admin_ml'], CAPABILITIES.dossiersRead)).toBeFalse();
  });

  it('when a chargé d’accueil edits a dossier, only identité is allowed', () => {
    expect(can(['charge_accueil'], CAPABILITIES.dossiersEdit)).toBeFalse();
    expect(can(['charge_accueil'], CAPABILITIES.dossiersEditIdentite)).toBeTrue();
  });

  it('when only admin_national publishes a CGU, admin_ml cannot', () => {
    expect(can(['admin_national'], CAPABILITIES.cguPublish)).toBeTrue();
    expect(can(['admin_ml'], CAPABILITIES.cguPublish)).toBeFalse();
  });

  it('when a user holds several roles, capabilities add up', () => {
    expect(can(['admin_ml', 'conseiller'], CAPABILITIES.dossiersRead)).toBeTrue();
  });

  it('when a direction user signs in, they land on the conseiller portal', () => {
    expect(homePortal(['direction'])).toBe('conseiller');
  });

  it('when an admin signs in, they land on the admin portal; a jeune on C-Milo', () => {
    expect(homePortal(['admin_ml'])).toBe('admin');
    expect(homePortal(['jeune'])).toBe('c-milo');
  });

  it('when a conseiller is also admin, both portals open, conseiller first', () => {
    expect(portalsFor(['admin_ml', 'conseiller'])).toEqual(['conseiller', 'admin']);
  });

  it('when roles are empty, no portal opens', () => {
    expect(homePortal([])).toBeNull();
  });
});
