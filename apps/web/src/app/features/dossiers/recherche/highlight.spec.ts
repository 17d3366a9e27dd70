import { highlightMatches, type HighlightSegment } from './highlight';

const marked = (segments: readonly HighlightSegment[]) => segments.filter((s) => s.match).map((s) => s.text);
const joined = (segments: readonly HighlightSegment[]) => segments.map((s) => s.text).join('');

describe('highlightMatches', () => {
  it('when the typed word starts the name, marks that part only', () => {
    expect(highlightMatches('DUPONT', 'dup')).toEqual([
      { text: 'DUP', match: true },
      { text: 'ONT', match: false },
    ]);
  });

  it('when the name carries accents and the query does not, still marks the accented letters', () => {
    const segments = highlightMatches('Élodie Marie', 'elo');

    expect(marked(segments)).toEqual(['Élo']);
    expect(joined(segments)).toBe('Élodie Marie');
  });

  it('when the query carries accents and the stored name is in unaccented capitals, marks the name', () => {
    expect(marked(highlightMatches('LEFEVRE', 'Lefèvre'))).toEqual(['LEFEVRE']);
  });

  it('when several words are typed, marks each of them wherever they occur', () => {
    expect(marked(highlightMatches('Jean-Pierre Martin', 'martin jean'))).toEqual(['Jean', 'Martin']);
  });

  it('when the name holds a ligature, maps the match back to the original letter', () => {
    const segments = highlightMatches('Cœur', 'coeur');

    expect(segments).toEqual([{ text: 'Cœur', match: true }]);
  });

  it('when nothing matches, gives the text back as one plain segment', () => {
    expect(highlightMatches('DUPONT', 'martin')).toEqual([{ text: 'DUPONT', match: false }]);
  });

  it('when a typed word is a single letter, does not mark it', () => {
    expect(marked(highlightMatches('ANNA', 'a'))).toEqual([]);
  });

  it('when the query is a matricule or a phone number, leaves the name unmarked', () => {
    expect(marked(highlightMatches('DUPONT', '06 12 34 56 78'))).toEqual([]);
  });

  it('when matches overlap, marks their union once', () => {
    expect(highlightMatches('ANNABELLE', 'anna nab')).toEqual([
      { text: 'ANNAB', match: true },
      { text: 'ELLE', match: false },
    ]);
  });
});
