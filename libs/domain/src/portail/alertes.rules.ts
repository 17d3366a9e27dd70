import type { LocalDate } from '../dossiers/jeune-search.rules';
import { anniversaire, jourFr, lundiDe, plusJours } from '../shared/local-date';

// The conseiller's alerts, computed from what the dossiers already hold (#6). Each rule is a pure function of a
// jeune's facts and of the Mission Locale's today; an alert is identified by its rule, its jeune and its échéance,
// so that marking it « traitée » silences that occurrence only (a new titre de séjour brings a new expiry, and a new
// alert). The dispositifs issue adds its contract alerts as more rules over its own facts: a rule is a
// RegleAlerteDefinition<F> for whatever facts F it reads, and evaluerAlertes runs any list of them.

/** The rules, as their alerts are keyed and stored. Later issues append theirs. */
export const REGLES_ALERTE = ['AGE_LIMITE', 'TITRE_SEJOUR', 'FIN_SITUATION', 'SANS_CONTACT', 'PUSH_INJOIGNABLE'] as const;

/** One rule. */
export type RegleAlerte = (typeof REGLES_ALERTE)[number];

/** The accompaniment ends at 26 (§b.7), at 30 with a RQTH. */
export const AGE_LIMITE = 26;
export const AGE_LIMITE_RQTH = 30;
/** How far ahead an age limit or a titre de séjour's expiry is announced. */
export const ALERTE_ECHEANCE_JOURS = 60;
/** How far ahead the end of a situation is announced. */
export const ALERTE_FIN_SITUATION_JOURS = 30;
/** A dossier without contact for this many days is flagged. */
export const ALERTE_SANS_CONTACT_JOURS = 90;

/** A jeune as an alert names them. */
export interface JeuneAlerte {
  readonly id: string;
  readonly prenom: string;
  readonly nom: string;
}

/** What the core rules read of one jeune's dossier (the BFF builds it for the portfolio, active dossiers only). */
export interface FaitsJeune {
  readonly jeune: JeuneAlerte;
  readonly dateNaissance: LocalDate;
  readonly rqth: boolean;
  /** The dossier's opening day (premier accueil, else creation): "no contact since" starts there. */
  readonly ouvertLe: LocalDate;
  readonly titreSejourExpireLe: LocalDate | null;
  /** The current situations' ends (situations EN_COURS with an end date), with their label. */
  readonly finsSituations: readonly { readonly libelle: string; readonly fin: LocalDate }[];
  readonly dernierContactLe: LocalDate | null;
  /** The day of the jeune's next planned rendez-vous, if any. */
  readonly prochainRendezVousLe: LocalDate | null;
  /** Whether at least one of the jeune's devices accepts notifications (push_subscription). */
  readonly joignablePush: boolean;
}

/** What a rule says of a jeune: the day the alert is about, and the sentence shown. */
export interface Constat {
  readonly echeance: LocalDate;
  readonly libelle: string;
}

/** A rule over facts F. */
export interface RegleAlerteDefinition<F extends { readonly jeune: JeuneAlerte }> {
  readonly regle: RegleAlerte;
  readonly evaluer: (faits: F, today: LocalDate) => Constat | null;
}

/** An alert raised. */
export interface Alerte extends Constat {
  readonly cle: string;
  readonly regle: RegleAlerte;
  readonly jeune: JeuneAlerte;
}

/** The key an alert is treated under. */
export const cleAlerte = (regle: RegleAlerte, jeuneId: string, echeance: LocalDate): string => `${regle}:${jeuneId}:${echeance}`;

const ageLimite: RegleAlerteDefinition<FaitsJeune> = {
  regle: 'AGE_LIMITE',
  evaluer: (faits, today) => {
    const limite = faits.rqth ? AGE_LIMITE_RQTH : AGE_LIMITE;
    const jour = anniversaire(faits.dateNaissance, limite);
    if (jour > plusJours(today, ALERTE_ECHEANCE_JOURS)) {
      return null;
    }
    const rqth = faits.rqth ? ' (RQTH)' : '';
    return jour >= today
      ? { echeance: jour, libelle: `Aura ${limite} ans le ${jourFr(jour)}${rqth} : limite d’âge de l’accompagnement.` }
      : { echeance: jour, libelle: `A atteint la limite d’âge (${limite} ans${rqth}) le ${jourFr(jour)}.` };
  },
};

const titreSejour: RegleAlerteDefinition<FaitsJeune> = {
  regle: 'TITRE_SEJOUR',
  evaluer: (faits, today) => {
    const expire = faits.titreSejourExpireLe;
    if (expire === null || expire > plusJours(today, ALERTE_ECHEANCE_JOURS)) {
      return null;
    }
    return expire >= today
      ? { echeance: expire, libelle: `Titre de séjour valable jusqu’au ${jourFr(expire)}.` }
      : { echeance: expire, libelle: `Titre de séjour expiré le ${jourFr(expire)}.` };
  },
};

const finSituation: RegleAlerteDefinition<FaitsJeune> = {
  regle: 'FIN_SITUATION',
  evaluer: (faits, today) => {
    const horizon = plusJours(today, ALERTE_FIN_SITUATION_JOURS);
    const prochaine = faits.finsSituations
      .filter((situation) => situation.fin >= today && situation.fin <= horizon)
      .sort((a, b) => a.fin.localeCompare(b.fin))[0];
    return prochaine === undefined
      ? null
      : { echeance: prochaine.fin, libelle: `${prochaine.libelle} : se termine le ${jourFr(prochaine.fin)}.` };
  },
};

const sansContact: RegleAlerteDefinition<FaitsJeune> = {
  regle: 'SANS_CONTACT',
  evaluer: (faits, today) => {
    const depuis = faits.dernierContactLe ?? faits.ouvertLe;
    const echeance = plusJours(depuis, ALERTE_SANS_CONTACT_JOURS);
    if (echeance > today) {
      return null;
    }
    return faits.dernierContactLe === null
      ? { echeance, libelle: `Aucun contact depuis l’ouverture du dossier le ${jourFr(depuis)}.` }
      : { echeance, libelle: `Aucun contact depuis le ${jourFr(depuis)}.` };
  },
};

const pushInjoignable: RegleAlerteDefinition<FaitsJeune> = {
  regle: 'PUSH_INJOIGNABLE',
  evaluer: (faits, today) => {
    const rdv = faits.prochainRendezVousLe;
    // "This week": from today to Sunday, the week the conseiller is working through.
    if (faits.joignablePush || rdv === null || rdv < today || rdv > plusJours(lundiDe(today), 6)) {
      return null;
    }
    return { echeance: rdv, libelle: `Rendez-vous le ${jourFr(rdv)} : non joignable par notification, le rappel partira par SMS ou e-mail.` };
  },
};

/** The core rules over a jeune's dossier, in order of priority. */
export const REGLES_DOSSIER: readonly RegleAlerteDefinition<FaitsJeune>[] = [ageLimite, titreSejour, pushInjoignable, finSituation, sansContact];

/**
 * The alerts the rules raise on these jeunes, without those already treated (by key). The rules are given in order
 * of priority and the list follows it, then the soonest échéance, then the name (so it does not shuffle between two
 * loads): an age limit or a titre de séjour, which end the accompaniment or the right to work, come before the many
 * dossiers without contact that would otherwise fill the widget's first lines.
 */
export const evaluerAlertes = <F extends { readonly jeune: JeuneAlerte }>(
  regles: readonly RegleAlerteDefinition<F>[],
  jeunes: readonly F[],
  today: LocalDate,
  traitees: ReadonlySet<string> = new Set(),
): Alerte[] =>
  jeunes
    .flatMap((faits) =>
      regles.flatMap((definition) => {
        const constat = definition.evaluer(faits, today);
        if (constat === null) {
          return [];
        }
        const cle = cleAlerte(definition.regle, faits.jeune.id, constat.echeance);
        return traitees.has(cle) ? [] : [{ cle, regle: definition.regle, jeune: faits.jeune, ...constat }];
      }),
    )
    .sort(
      (a, b) =>
        rang(regles, a.regle) - rang(regles, b.regle) ||
        a.echeance.localeCompare(b.echeance) ||
        a.jeune.nom.localeCompare(b.jeune.nom, 'fr'),
    );

const rang = <F extends { readonly jeune: JeuneAlerte }>(regles: readonly RegleAlerteDefinition<F>[], regle: RegleAlerte): number =>
  regles.findIndex((definition) => definition.regle === regle);

/**
 * The widest window the core rules look at, for the BFF's SQL prefilter: a jeune can only raise an alert if one of
 * these holds, so the BFF need not read the whole portfolio's facts.
 */
export const fenetresAlertes = (today: LocalDate) => ({
  /** Born on or before this day (turns 26 within 60 days, or is older). */
  naissanceAgeLimiteAvant: plusJours(anniversaire(today, -AGE_LIMITE), ALERTE_ECHEANCE_JOURS),
  naissanceAgeLimiteRqthAvant: plusJours(anniversaire(today, -AGE_LIMITE_RQTH), ALERTE_ECHEANCE_JOURS),
  titreSejourAvant: plusJours(today, ALERTE_ECHEANCE_JOURS),
  finSituationAvant: plusJours(today, ALERTE_FIN_SITUATION_JOURS),
  contactAvant: plusJours(today, -ALERTE_SANS_CONTACT_JOURS),
  rendezVousAvant: plusJours(lundiDe(today), 6),
});
