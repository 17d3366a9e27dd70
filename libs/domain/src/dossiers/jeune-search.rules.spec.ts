import { ageOn, jeuneSearchTermsOf, localDateIn, normaliseSearchText } from './jeune-search.rules';

describe('ageOn', () => {
  it('when the birthday is tomorrow, the jeune is still the younger age; on the day, a year older', () => {
    expect(ageOn('2008-06-15', '2026-06-14')).toBe(17);
    expect(ageOn('2008-06-15', '2026-06-15')).toBe(18);
  });

  it('when the birthday month is later in the year, or earlier, the count follows it', () => {
    expect(ageOn('2008-12-31', '2026-01-01')).toBe(17);
    expect(ageOn('2008-01-01', '2026-12-31')).toBe(18);
  });

  it('when born on 29 February, the jeune turns a year older on 1 March of a common year, and on 29 February of a leap year', () => {
    expect(ageOn('2008-02-29', '2026-02-28')).toBe(17);
    expect(ageOn('2008-02-29', '2026-03-01')).toBe(18);
    expect(ageOn('2008-02-29', '2028-02-28')).toBe(19);
    expect(ageOn('2008-02-29', '2028-02-29')).toBe(20);
  });

  it('when born today, the age is 0', () => {
    expect(ageOn('2026-11-29', '2026-11-29')).toBe(0);
  });

  it('when a date is not YYYY-MM-DD, it throws rather than guess', () => {
    expect(() => ageOn('15/06/2008', '2026-06-15')).toThrowError(RangeError);
  });
});

describe('localDateIn', () => {
  it('when it is 22:30 UTC on 14 June, it is already 15 June in Paris (UTC+2) and in La Réunion (UTC+4)', () => {
    const now = new Date('2026-06-14T22:30:00Z');
    expect(localDateIn(now, 'Europe/Paris')).toBe('2026-06-15');
    expect(localDateIn(now, 'Indian/Reunion')).toBe('2026-06-15');
  });

  it('when it is 21:30 UTC on 14 June, it is 15 June in La Réunion but still 14 June in Paris', () => {
    const now = new Date('2026-06-14T21:30:00Z');
    expect(localDateIn(now, 'Indian/Reunion')).toBe('2026-06-15');
    expect(localDateIn(now, 'Europe/Paris')).toBe('2026-06-14');
  });

  it('when it is 23:30 UTC on 31 December in winter (Paris UTC+1), the new year has begun in both', () => {
    const now = new Date('2026-12-31T23:30:00Z');
    expect(localDateIn(now, 'Europe/Paris')).toBe('2027-01-01');
    expect(localDateIn(now, 'Indian/Reunion')).toBe('2027-01-01');
    expect(localDateIn(now, 'UTC')).toBe('2026-12-31');
  });

  it('when combined with ageOn, a jeune of La Réunion turns 18 hours before one of Paris born the same day', () => {
    const now = new Date('2026-06-14T21:30:00Z');
    expect(ageOn('2008-06-15', localDateIn(now, 'Indian/Reunion'))).toBe(18);
    expect(ageOn('2008-06-15', localDateIn(now, 'Europe/Paris'))).toBe(17);
  });
});

describe('normaliseSearchText', () => {
  it('when a name has capitals, accents and several spaces, it is lower case, without accents, single-spaced', () => {
    expect(normaliseSearchText('  Élodie   LEFÈVRE ')).toBe('elodie lefevre');
  });

  it('when given each accented letter of French names, it gives the letter unaccent gives (œ and æ as two letters)', () => {
    expect(normaliseSearchText('é è ê ë à â ä î ï ô ö ù û ü ç œ æ ÿ')).toBe('e e e e a a a i i o o u u u c oe ae y');
    expect(normaliseSearchText('É È Ê Ë À Â Ä Î Ï Ô Ö Ù Û Ü Ç Œ Æ Ÿ')).toBe('e e e e a a a i i o o u u u c oe ae y');
  });

  it('when given Ñ, œ or a hyphenated name, it keeps the letters and the hyphen', () => {
    expect(normaliseSearchText('Ñ')).toBe('n');
    expect(normaliseSearchText('Cœur')).toBe('coeur');
    expect(normaliseSearchText("Jean-Noël N'Diaye")).toBe("jean-noel n'diaye");
  });
});

describe('jeuneSearchTermsOf', () => {
  it('when the input is a name, it is compared by similarity only: no phone, no e-mail', () => {
    expect(jeuneSearchTermsOf(' Élodie Lefèvre ')).toEqual({
      text: 'elodie lefevre',
      matricules: ['Élodie Lefèvre', 'ÉLODIE LEFÈVRE'],
      phoneDigits: null,
      email: null,
    });
  });

  it('when a phone number is typed with spaces, dots or dashes, its digits are looked up', () => {
    expect(jeuneSearchTermsOf('06 12 34 56 78').phoneDigits).toBe('0612345678');
    expect(jeuneSearchTermsOf('06.12.34.56.78').phoneDigits).toBe('0612345678');
    expect(jeuneSearchTermsOf('0692-12-34-56').phoneDigits).toBe('0692123456');
  });

  it('when a phone number is typed in international form for France or an overseas department, the national form is looked up', () => {
    expect(jeuneSearchTermsOf('+33 6 12 34 56 78').phoneDigits).toBe('0612345678');
    expect(jeuneSearchTermsOf('0033612345678').phoneDigits).toBe('0612345678');
    expect(jeuneSearchTermsOf('+262 692 12 34 56').phoneDigits).toBe('0692123456');
  });

  it('when the input has letters or too few digits, it is not a phone number', () => {
    expect(jeuneSearchTermsOf('T33S00-00042').phoneDigits).toBeNull();
    expect(jeuneSearchTermsOf('06 12').phoneDigits).toBeNull();
  });

  it('when the input has an @, it is looked up as an e-mail, in lower case', () => {
    expect(jeuneSearchTermsOf(' Elodie.Lefevre@Example.org ').email).toBe('elodie.lefevre@example.org');
  });

  it('when the input may be a matricule, it is tried as typed and in capitals', () => {
    expect(jeuneSearchTermsOf('t33s00-00042').matricules).toEqual(['t33s00-00042', 'T33S00-00042']);
    expect(jeuneSearchTermsOf('T33S00-00042').matricules).toEqual(['T33S00-00042']);
  });
});
