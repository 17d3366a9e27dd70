import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import {
  MODALITE_RENDEZ_VOUS_LABELS,
  type MeRendezVousDto,
  type ModaliteRendezVous,
  type StatutPresence,
} from '@imilo/domain';
import { type IconName, UiIcon } from '@imilo/ui';
import { creneau } from '../cmilo-format';

const MODALITE_ICONS: Readonly<Record<ModaliteRendezVous, IconName>> = {
  PRESENTIEL_SITE: 'location_on',
  AUTRE_LIEU: 'location_on',
  TELEPHONE: 'call',
  VISIO: 'videocam',
};

const PRESENCE_LABELS: Readonly<Record<StatutPresence, string>> = {
  PRESENT: 'Vous étiez présent(e).',
  ABSENT: 'Vous étiez absent(e).',
  EXCUSE: 'Vous étiez excusé(e).',
};

/** Where the rendez-vous stands for the jeune, in words and with an icon (never the colour alone). */
export const etatDuRendezVous = (item: MeRendezVousDto): { readonly label: string; readonly icon: IconName } | null => {
  if (item.statut === 'ANNULE') {
    return item.reponse === 'ANNULE'
      ? { label: 'Vous avez annulé ce rendez-vous', icon: 'cancel' }
      : { label: 'Annulé', icon: 'cancel' };
  }
  if (item.presence !== null) {
    return { label: PRESENCE_LABELS[item.presence], icon: item.presence === 'PRESENT' ? 'check_circle' : 'history' };
  }
  if (item.rangAttente !== null && item.rangAttente !== undefined) {
    return { label: `Sur liste d’attente (rang ${item.rangAttente})`, icon: 'hourglass_empty' };
  }
  if (item.reponse === 'CONFIRME') {
    return { label: 'Vous avez confirmé', icon: 'check_circle' };
  }
  return null;
};

/**
 * One rendez-vous or session as the jeune reads it: when (in the Mission Locale's time), what, how (modalité), where
 * with a map link, what to bring, and where it stands. The actions on it are projected below.
 */
@Component({
  selector: 'app-rendez-vous-card',
  imports: [RouterLink, UiIcon],
  templateUrl: './rendez-vous-card.html',
  styleUrl: './rendez-vous-card.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { class: 'rendez-vous-card', '[class.rendez-vous-card-annule]': 'rendezVous().statut === "ANNULE"' },
})
export class RendezVousCard {
  readonly rendezVous = input.required<MeRendezVousDto>();
  readonly timeZone = input.required<string>();
  /** The heading level in the page (2 in a list of its own, 3 under a section heading). */
  readonly niveau = input<2 | 3>(3);
  /** Whether the card links to the rendez-vous' page. */
  readonly lien = input(true);

  protected readonly quand = computed(() => creneau(this.rendezVous().debut, this.rendezVous().fin, this.timeZone()));
  protected readonly modalite = computed(() => {
    const modalite = this.rendezVous().modalite;
    return modalite === null ? null : { label: MODALITE_RENDEZ_VOUS_LABELS[modalite], icon: MODALITE_ICONS[modalite] };
  });
  protected readonly etat = computed(() => etatDuRendezVous(this.rendezVous()));
  protected readonly titre = computed(() => {
    const { libelle, objet } = this.rendezVous();
    return objet === '' || objet === libelle ? libelle : `${libelle} : ${objet}`;
  });
}
