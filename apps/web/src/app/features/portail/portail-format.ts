import { computed, type Signal } from '@angular/core';
import type { PeriodePortail } from '@imilo/domain';
import { libelleDate } from '../agenda/agenda-time';

/** How a figure moved since the previous period: what the eye reads, and the sentence a screen reader says. */
export interface Tendance {
  /** "▲ 12 %", "▼ 3 %", "= 0 %". */
  readonly court: string;
  readonly phrase: string;
  readonly sens: 'hausse' | 'baisse' | 'stable';
}

const nombre = (valeur: number): string => valeur.toLocaleString('fr-FR');

/** "par rapport au mois précédent": the previous period, for the trend's sentence. */
export const PERIODE_PRECEDENTE: Readonly<Record<PeriodePortail, string>> = {
  semaine: 'à la semaine précédente',
  mois: 'au mois précédent',
  trimestre: 'au trimestre précédent',
};

/** The figure against the previous period's, in percent; null when there is nothing to compare with. */
export const tendance = (valeur: number, precedente: number | null, periode: PeriodePortail): Tendance | null => {
  if (precedente === null) {
    return null;
  }
  const depuis = `par rapport ${PERIODE_PRECEDENTE[periode]} (${nombre(precedente)})`;
  if (valeur === precedente) {
    return { court: '= stable', phrase: `Stable ${depuis}.`, sens: 'stable' };
  }
  const sens = valeur > precedente ? 'hausse' : 'baisse';
  const fleche = sens === 'hausse' ? '▲' : '▼';
  if (precedente === 0) {
    return { court: `${fleche} +${nombre(valeur)}`, phrase: `En hausse de ${nombre(valeur)} ${depuis}.`, sens };
  }
  const pourcent = Math.round((Math.abs(valeur - precedente) / precedente) * 100);
  return { court: `${fleche} ${pourcent} %`, phrase: `En ${sens} de ${pourcent} % ${depuis}.`, sens };
};

/** A rate (0–1) as "12 %". */
export const pourcentage = (taux: number): string => `${Math.round(taux * 100)} %`;

/** A rate against the previous one, in points. */
export const tendanceTaux = (taux: number | null, precedent: number | null, periode: PeriodePortail): Tendance | null => {
  if (taux === null || precedent === null) {
    return null;
  }
  const points = Math.round((taux - precedent) * 100);
  const depuis = `par rapport ${PERIODE_PRECEDENTE[periode]} (${pourcentage(precedent)})`;
  if (points === 0) {
    return { court: '= stable', phrase: `Stable ${depuis}.`, sens: 'stable' };
  }
  const sens = points > 0 ? 'hausse' : 'baisse';
  const n = Math.abs(points);
  return { court: `${sens === 'hausse' ? '▲' : '▼'} ${n} pt${n > 1 ? 's' : ''}`, phrase: `En ${sens} de ${n} point${n > 1 ? 's' : ''} ${depuis}.`, sens };
};

/** "Du 1 nov. 2026 au 29 nov. 2026". */
export const libellePeriode = (du: string, au: string): string => (du === au ? `Le ${libelleDate(du)}` : `Du ${libelleDate(du)} au ${libelleDate(au)}`);

/** "1 jeune", "3 jeunes". */
export const pluriel = (n: number, singulier: string, plurielForme = `${singulier}s`): string => `${nombre(n)} ${n > 1 ? plurielForme : singulier}`;

/** A widget's data once it has arrived, else null (loading, or its error, which the card shows). */
export const donneesDe = <T>(etat: () => { statut: 'ok'; donnees: T } | { statut: 'erreur'; message: string } | undefined): Signal<T | null> =>
  computed(() => {
    const courant = etat();
    return courant?.statut === 'ok' ? courant.donnees : null;
  });
