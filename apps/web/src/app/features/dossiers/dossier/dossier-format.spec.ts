import { NON_RENSEIGNE, telephoneLisible } from './dossier-format';

describe('telephoneLisible', () => {
  it('when a French number is stored as ten digits, it reads in pairs', () => {
    expect(telephoneLisible('0692123456')).toBe('06 92 12 34 56');
  });

  it('when there is no number, it says so; anything else is shown as stored', () => {
    expect(telephoneLisible(null)).toBe(NON_RENSEIGNE);
    expect(telephoneLisible('+44 20 7946 0958')).toBe('+44 20 7946 0958');
  });
});
