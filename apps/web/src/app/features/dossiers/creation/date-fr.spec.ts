import { FormControl } from '@angular/forms';
import { dateFrValidator, isoFromDateFr } from './date-fr';

describe('isoFromDateFr', () => {
  it('when a day is typed JJ/MM/AAAA, gives it as YYYY-MM-DD', () => {
    expect(isoFromDateFr('07/12/2006')).toBe('2006-12-07');
  });

  it('when the day has one digit or other separators, still reads it', () => {
    expect(isoFromDateFr(' 7.2.2006 ')).toBe('2006-02-07');
    expect(isoFromDateFr('29-02-2008')).toBe('2008-02-29');
  });

  it('when the day does not exist or the format is another, gives null', () => {
    expect(isoFromDateFr('31/02/2006')).toBeNull();
    expect(isoFromDateFr('29/02/2007')).toBeNull();
    expect(isoFromDateFr('2006-12-07')).toBeNull();
  });

  it('when validating, says what is expected in French', () => {
    const validator = dateFrValidator('La date de naissance');

    expect(validator(new FormControl(''))).toEqual({ required: 'La date de naissance : à renseigner.' });
    expect(validator(new FormControl('12/2006'))).toEqual({
      dateFr: 'La date de naissance : une date au format JJ/MM/AAAA (ex. 07/12/2006).',
    });
    expect(validator(new FormControl('07/12/2006'))).toBeNull();
  });
});
