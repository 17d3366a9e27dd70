import { PROBLEM_CODES } from '../shared/problem';
import { ETATS_PROPOSITION, type EtatProposition } from './evenements.enums';
import { nextEtatsProposition, objetTransition, PROPOSITION_TRANSITIONS, transitionProposition } from './proposition.rules';

const ALLOWED: readonly (readonly [EtatProposition, EtatProposition])[] = [
  ['PROPOSEE', 'ACCEPTEE'],
  ['PROPOSEE', 'REFUSEE'],
  ['ACCEPTEE', 'REALISEE'],
  ['ACCEPTEE', 'ABANDONNEE'],
];

const isAllowed = (from: EtatProposition, to: EtatProposition) => ALLOWED.some(([a, b]) => a === from && b === to);

const move = (from: EtatProposition, to: EtatProposition, fromDate = '2026-11-02', toDate = '2026-11-10') =>
  transitionProposition({ etat: from, date: fromDate }, { etat: to, date: toDate });

describe('PROPOSITION_TRANSITIONS', () => {
  it('when read, it lists exactly the four moves of the machine: acceptée or refusée, then réalisée or abandonnée', () => {
    expect(PROPOSITION_TRANSITIONS).toEqual({
      PROPOSEE: ['ACCEPTEE', 'REFUSEE'],
      ACCEPTEE: ['REALISEE', 'ABANDONNEE'],
      REFUSEE: [],
      REALISEE: [],
      ABANDONNEE: [],
    });
  });

  it('when asked what a state may become, nextEtatsProposition answers its allowed moves, none for a final state', () => {
    expect(nextEtatsProposition('PROPOSEE')).toEqual(['ACCEPTEE', 'REFUSEE']);
    expect(nextEtatsProposition('ACCEPTEE')).toEqual(['REALISEE', 'ABANDONNEE']);
    for (const etat of ['REFUSEE', 'REALISEE', 'ABANDONNEE'] as const) {
      expect(nextEtatsProposition(etat)).withContext(etat).toEqual([]);
    }
  });
});

describe('transitionProposition', () => {
  for (const [from, to] of ALLOWED) {
    it(`when a ${from} proposition becomes ${to} on a later day, the new state is answered`, () => {
      expect(move(from, to)).toEqual({ ok: true, value: to });
    });
  }

  it('when every pair of the five states is tried, only the four moves of the machine succeed and the 21 others are conflicts', () => {
    let refused = 0;
    for (const from of ETATS_PROPOSITION) {
      for (const to of ETATS_PROPOSITION) {
        const result = move(from, to);
        if (isAllowed(from, to)) {
          expect(result.ok).withContext(`${from}→${to}`).toBeTrue();
          continue;
        }
        refused++;
        expect(result.ok).withContext(`${from}→${to}`).toBeFalse();
        if (!result.ok) {
          expect(result.error.code).withContext(`${from}→${to}`).toBe('conflict');
          expect(result.error.message).withContext(`${from}→${to}`).toMatch(/^(Cette|Une) proposition .+\.$/);
        }
      }
    }
    expect(refused).toBe(21);
  });

  it('when a proposition stays in its own state, even proposée or acceptée, it is refused as a conflict', () => {
    for (const etat of ETATS_PROPOSITION) {
      const result = move(etat, etat);
      expect(result.ok).withContext(etat).toBeFalse();
      expect(result.ok ? null : result.error.code).withContext(etat).toBe(PROBLEM_CODES.conflict);
    }
  });

  it('when a proposée proposition skips to réalisée or abandonnée, the message says it can only become acceptée or refusée', () => {
    for (const to of ['REALISEE', 'ABANDONNEE', 'PROPOSEE'] as const) {
      expect(move('PROPOSEE', to)).withContext(to).toEqual({
        ok: false,
        error: { code: 'conflict', message: "Une proposition proposée ne peut devenir qu'acceptée ou refusée." },
      });
    }
  });

  it('when an acceptée proposition goes back or is refused, the message says it can only become réalisée or abandonnée', () => {
    for (const to of ['PROPOSEE', 'REFUSEE', 'ACCEPTEE'] as const) {
      expect(move('ACCEPTEE', to)).withContext(to).toEqual({
        ok: false,
        error: { code: 'conflict', message: 'Une proposition acceptée ne peut devenir que réalisée ou abandonnée.' },
      });
    }
  });

  it('when the proposition is refusée, réalisée or abandonnée, the message says its state no longer changes', () => {
    const finals = { REFUSEE: 'refusée', REALISEE: 'réalisée', ABANDONNEE: 'abandonnée' } as const;
    for (const [from, label] of Object.entries(finals) as [EtatProposition, string][]) {
      for (const to of ETATS_PROPOSITION) {
        expect(move(from, to)).withContext(`${from}→${to}`).toEqual({
          ok: false,
          error: { code: 'conflict', message: `Cette proposition est ${label} : son état ne change plus.` },
        });
      }
    }
  });

  it('when the new step is dated before the previous one, it is a validation failure naming the previous date', () => {
    expect(move('PROPOSEE', 'ACCEPTEE', '2026-11-10', '2026-11-09')).toEqual({
      ok: false,
      error: { code: PROBLEM_CODES.validation, message: "La date ne peut précéder celle de l'étape précédente (2026-11-10)." },
    });
    expect(move('ACCEPTEE', 'REALISEE', '2026-01-01', '2025-12-31')).toEqual({
      ok: false,
      error: { code: 'validation-failed', message: "La date ne peut précéder celle de l'étape précédente (2026-01-01)." },
    });
  });

  it('when the new step is the same day as the previous one, it is allowed', () => {
    expect(move('PROPOSEE', 'REFUSEE', '2026-11-10', '2026-11-10')).toEqual({ ok: true, value: 'REFUSEE' });
    expect(move('ACCEPTEE', 'ABANDONNEE', '2026-11-10', '2026-11-10')).toEqual({ ok: true, value: 'ABANDONNEE' });
  });

  it('when the move is not allowed and also backdated, the state machine is what is reported (conflict)', () => {
    const result = move('REFUSEE', 'ACCEPTEE', '2026-11-10', '2026-11-01');
    expect(result.ok ? null : result.error.code).toBe(PROBLEM_CODES.conflict);
  });
});

describe('objetTransition', () => {
  it('when a libellé is short, the objet quotes it whole with the new state in lower case', () => {
    expect(objetTransition('Atelier CV', 'ACCEPTEE')).toBe('Proposition « Atelier CV » : acceptée');
    expect(objetTransition('Garantie jeunes', 'REALISEE')).toBe('Proposition « Garantie jeunes » : réalisée');
    expect(objetTransition('PMSMP boulangerie', 'ABANDONNEE')).toBe('Proposition « PMSMP boulangerie » : abandonnée');
    expect(objetTransition('Formation CACES', 'REFUSEE')).toBe('Proposition « Formation CACES » : refusée');
  });

  it('when the libellé is exactly 150 characters, it is kept whole', () => {
    const libelle = 'a'.repeat(150);
    expect(objetTransition(libelle, 'ACCEPTEE')).toBe(`Proposition « ${libelle} » : acceptée`);
  });

  it('when the libellé is longer than 150 characters, it is cut to 149 and an ellipsis, so that the objet fits in 200', () => {
    const libelle = `${'b'.repeat(149)}XYZ${'c'.repeat(48)}`;
    const objet = objetTransition(libelle, 'ABANDONNEE');
    expect(objet).toBe(`Proposition « ${'b'.repeat(149)}… » : abandonnée`);
    expect(objet).not.toContain('X');
    expect(objet.length).toBeLessThanOrEqual(200);
  });
});
