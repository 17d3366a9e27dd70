import { diffEntries } from './section-editor';

describe('diffEntries', () => {
  it('keeps only the fields whose texts differ, in the form order, and lists rows present on one side only', () => {
    const rows = diffEntries(
      [
        { path: 'telephone', label: 'Téléphone', text: '0711223344' },
        { path: 'email', label: 'E-mail', text: 'lea@exemple.fr' },
        { path: 'diplomes.1', label: 'Diplôme 2', text: 'CAP' },
      ],
      [
        { path: 'telephone', label: 'Téléphone', text: '0699999999' },
        { path: 'email', label: 'E-mail', text: 'lea@exemple.fr' },
        { path: 'langues.0', label: 'Langue 1', text: 'Anglais · B1' },
      ],
    );

    expect(rows).toEqual([
      { label: 'Téléphone', mine: '0711223344', theirs: '0699999999' },
      { label: 'Diplôme 2', mine: 'CAP', theirs: 'Absent' },
      { label: 'Langue 1', mine: 'Absent', theirs: 'Anglais · B1' },
    ]);
  });
});
