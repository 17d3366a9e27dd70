import { IDENTIFIANT_MAX, IDENTIFIANT_PATTERN } from '../auth/auth.fields';
import { firstFreeIdentifiant, identifiantCmiloBase, masquerEmail, masquerTelephone, smsActivation } from './compte-cmilo.rules';

describe('compte C-Milo rules', () => {
  describe('identifiantCmiloBase', () => {
    it('when the dossier has several prénoms and an accented compound name, keeps the first prénom and strips the accents', () => {
      expect(identifiantCmiloBase('Inès Marie', 'PAYET')).toBe('ines.payet');
      expect(identifiantCmiloBase('Marie-Hélène', "D'Aubigné Le Goff")).toBe('marie-helene.d-aubigne-le-goff');
    });

    it('when the names are long or have no Latin letter, the identifiant still matches the sign-in pattern and leaves room for digits', () => {
      const long = identifiantCmiloBase('Jean', 'X'.repeat(200));
      const empty = identifiantCmiloBase('李', '王');

      expect(long.length).toBeLessThanOrEqual(IDENTIFIANT_MAX - 4);
      expect(IDENTIFIANT_PATTERN.test(`${long}12`)).toBeTrue();
      expect(empty).toBe('jeune');
    });
  });

  describe('firstFreeIdentifiant', () => {
    it('when the base is taken, appends the first free number from 2', () => {
      expect(firstFreeIdentifiant('ines.payet', new Set())).toBe('ines.payet');
      expect(firstFreeIdentifiant('ines.payet', new Set(['ines.payet', 'ines.payet2']))).toBe('ines.payet3');
    });
  });

  describe('masking', () => {
    it('when a telephone is shown to the conseiller, only its first and last two digits remain', () => {
      expect(masquerTelephone('06 12 34 56 78')).toBe('06 •• •• •• 78');
      expect(masquerTelephone('0692123478')).toBe('06 •• •• •• 78');
    });

    it('when an e-mail is shown, only the first letter and the domain remain', () => {
      expect(masquerEmail('ines.payet@example.org')).toBe('i•••@example.org');
    });
  });

  it('when the SMS is written, it names the Mission Locale, the identifiant, the code, its validity and the page', () => {
    expect(smsActivation({ missionLocale: 'Mission Locale Sud', identifiant: 'ines.payet', code: 'K7PM-4QRT-9XWZ', lien: 'https://imilo.test/activation' })).toBe(
      "Mission Locale Sud : votre identifiant C-Milo est ines.payet et votre code d'activation K7PM-4QRT-9XWZ (valable 7 jours) sur https://imilo.test/activation",
    );
  });
});
