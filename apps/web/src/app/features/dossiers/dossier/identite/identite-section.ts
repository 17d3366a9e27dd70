import { LiveAnnouncer } from '@angular/cdk/a11y';
import { ChangeDetectionStrategy, Component, computed, DestroyRef, inject, input, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatCheckbox } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import {
  type ChampSensible,
  type DossierDto,
  identiteSchema,
  NATIONALITE_LABELS,
  type Nationalite,
  NATIONALITES,
  SECTION_DOSSIER_LABELS,
  type Sexe,
  SEXES,
  TYPE_PIECE_IDENTITE_LABELS,
  type TypePieceIdentite,
  TYPES_PIECE_IDENTITE,
} from '@imilo/domain';
import { UiErrorMessage, UiIcon } from '@imilo/ui';
import { toRequestFailure } from '../../../../core/http/problem';
import { errorMessage } from '../../../../core/forms/zod-validator';
import { COMMUNE_EN_SAISIE_MESSAGE, CommuneField, communeEnSaisie } from '../../communes/commune-field';
import { CommunesApi } from '../../communes/communes-api';
import { DossierApi } from '../dossier-api';
import { formatJour, libelle, NON_RENSEIGNE, ouiNon, texte } from '../dossier-format';
import { choix, choixControl, OUI_NON, ouVide, texteControl, vide } from '../section-editing/form-fields';
import { type DiffEntry, parseSection, SectionEditor } from '../section-editing/section-editor';
import { SectionFrame } from '../section-editing/section-frame';

interface IdentiteForm {
  readonly nomNaissance: string;
  readonly nomUsage: string;
  readonly prenoms: string;
  readonly sexe: Sexe;
  readonly dateNaissance: string;
  readonly neEtranger: boolean;
  readonly communeNaissanceInsee: string;
  readonly paysNaissance: string;
  readonly nationalite: Nationalite | null;
  readonly titreSejourExpireLe: string;
  readonly parentNeEtranger: boolean | null;
  /** A new NIR; empty keeps the stored one (the form never holds it). */
  readonly nir: string;
  readonly effacerNir: boolean;
  readonly nirCertifie: boolean;
  readonly pieceIdentiteType: TypePieceIdentite | null;
  /** A new number; empty keeps the stored one. */
  readonly pieceIdentiteNumero: string;
  readonly effacerPieceIdentiteNumero: boolean;
  readonly recense: boolean | null;
  readonly jdcEffectuee: boolean | null;
}

const SEXE_LABELS: Readonly<Record<Sexe, string>> = { F: 'Femme', M: 'Homme' };

/** How long a revealed number stays on screen. */
export const REVELATION_DUREE_MS = 30_000;

// The typed number is never shown back, not even in a comparison: the jeune may be facing the screen.
const sensible = (saisi: string, effacer: boolean, masque: string | null): string =>
  effacer ? 'Effacé' : saisi.trim() !== '' ? 'Nouveau numéro saisi' : (masque ?? NON_RENSEIGNE);

/** The name of a commune the page has seen (chosen in the list), or null. */
type NomCommune = (insee: string) => string | null;

const entries = (value: IdentiteForm, dossier: DossierDto, nomCommune: NomCommune = () => null): DiffEntry[] => {
  const { identite } = dossier;
  const code = value.communeNaissanceInsee;
  const nom = code === identite.communeNaissanceInsee ? identite.communeNaissanceNom : nomCommune(code);
  const commune = code === '' ? NON_RENSEIGNE : nom !== null ? `${nom} (${code})` : code;
  return [
    { path: 'nomNaissance', label: 'Nom de naissance', text: texte(value.nomNaissance) },
    { path: 'nomUsage', label: "Nom d'usage", text: texte(vide(value.nomUsage)) },
    { path: 'prenoms', label: 'Prénoms', text: texte(value.prenoms) },
    { path: 'sexe', label: 'Sexe', text: SEXE_LABELS[value.sexe] },
    { path: 'dateNaissance', label: 'Date de naissance', text: formatJour(vide(value.dateNaissance)) },
    { path: 'neEtranger', label: 'Né(e) à l’étranger', text: ouiNon(value.neEtranger) },
    value.neEtranger
      ? { path: 'paysNaissance', label: 'Pays de naissance', text: texte(vide(value.paysNaissance)) }
      : { path: 'communeNaissanceInsee', label: 'Commune de naissance', text: commune },
    { path: 'nationalite', label: 'Nationalité', text: libelle(NATIONALITE_LABELS, value.nationalite) },
    {
      path: 'titreSejourExpireLe',
      label: 'Titre de séjour valable jusqu’au',
      text: formatJour(vide(value.titreSejourExpireLe)),
    },
    { path: 'parentNeEtranger', label: 'Parent né à l’étranger', text: ouiNon(value.parentNeEtranger) },
    {
      path: 'nir',
      label: 'NIR',
      text: `${sensible(value.nir, value.effacerNir, identite.nirMasque)}${value.nirCertifie ? ' (certifié)' : ''}`,
    },
    {
      path: 'pieceIdentiteType',
      label: "Pièce d'identité",
      text: libelle(TYPE_PIECE_IDENTITE_LABELS, value.pieceIdentiteType),
    },
    {
      path: 'pieceIdentiteNumero',
      label: "Numéro de la pièce d'identité",
      text: sensible(value.pieceIdentiteNumero, value.effacerPieceIdentiteNumero, identite.pieceIdentiteNumeroMasque),
    },
    { path: 'recense', label: 'Recensé(e)', text: ouiNon(value.recense) },
    { path: 'jdcEffectuee', label: 'JDC effectuée', text: ouiNon(value.jdcEffectuee) },
  ];
};

const fromDossier = ({ identite }: DossierDto): IdentiteForm => ({
  nomNaissance: identite.nomNaissance,
  nomUsage: ouVide(identite.nomUsage),
  prenoms: identite.prenoms,
  sexe: identite.sexe,
  dateNaissance: identite.dateNaissance,
  neEtranger: identite.neEtranger,
  communeNaissanceInsee: ouVide(identite.communeNaissanceInsee),
  paysNaissance: ouVide(identite.paysNaissance),
  nationalite: identite.nationalite,
  titreSejourExpireLe: ouVide(identite.titreSejourExpireLe),
  parentNeEtranger: identite.parentNeEtranger,
  nir: '',
  effacerNir: false,
  nirCertifie: identite.nirCertifie,
  pieceIdentiteType: identite.pieceIdentiteType,
  pieceIdentiteNumero: '',
  effacerPieceIdentiteNumero: false,
  recense: identite.recense,
  jdcEffectuee: identite.jdcEffectuee,
});

/** Absent keeps the stored number, `null` erases it, a value replaces it. */
const nouveauNumero = (saisi: string, effacer: boolean): { readonly valeur?: string | null } =>
  effacer ? { valeur: null } : saisi.trim() === '' ? {} : { valeur: saisi };

const nirPatch = (value: IdentiteForm): { readonly nir?: string | null } => {
  const { valeur } = nouveauNumero(value.nir, value.effacerNir);
  return valeur === undefined ? {} : { nir: valeur };
};

const pieceIdentiteNumeroPatch = (value: IdentiteForm): { readonly pieceIdentiteNumero?: string | null } => {
  const { valeur } = nouveauNumero(value.pieceIdentiteNumero, value.effacerPieceIdentiteNumero);
  return valeur === undefined ? {} : { pieceIdentiteNumero: valeur };
};

const REVEAL_LABELS: Readonly<Record<ChampSensible, string>> = {
  nir: 'le NIR',
  pieceIdentiteNumero: "le numéro de la pièce d'identité",
};

/** A number revealed for a while. */
interface Revelation {
  readonly champ: ChampSensible;
  readonly valeur: string;
}

/**
 * The identité section. The NIR and the identity document number are masked; who may reveal one sees it for 30
 * seconds, and the consultation is recorded by the BFF.
 */
@Component({
  selector: 'app-identite-section',
  imports: [
    ReactiveFormsModule,
    CommuneField,
    MatButton,
    MatCheckbox,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    UiErrorMessage,
    UiIcon,
    SectionFrame,
  ],
  providers: [SectionEditor],
  templateUrl: './identite-section.html',
  styleUrls: ['../section-editing/dossier-section.scss', '../section-editing/section-entries.scss', './identite-section.scss'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class IdentiteSection {
  readonly dossier = input.required<DossierDto>();
  /** Whether the user may change this section. */
  readonly editable = input(false);
  /** Whether the user may reveal the NIR and the identity document number. */
  readonly canReveal = input(false);

  private readonly api = inject(DossierApi);
  private readonly communes = inject(CommunesApi);
  private readonly announcer = inject(LiveAnnouncer);
  private masking: ReturnType<typeof setTimeout> | null = null;

  protected readonly editor = inject(SectionEditor);
  protected readonly title = SECTION_DOSSIER_LABELS.identite;
  protected readonly sexes = choix(SEXES, SEXE_LABELS);
  protected readonly nationalites = choix(NATIONALITES, NATIONALITE_LABELS);
  protected readonly typesPiece = choix(TYPES_PIECE_IDENTITE, TYPE_PIECE_IDENTITE_LABELS);
  protected readonly ouiNon = OUI_NON;
  protected readonly nonRenseigne = NON_RENSEIGNE;
  protected readonly errorMessage = errorMessage;
  protected readonly form = new FormGroup({
    nomNaissance: texteControl(),
    nomUsage: texteControl(),
    prenoms: texteControl(),
    sexe: new FormControl<Sexe>('F', { nonNullable: true }),
    dateNaissance: texteControl(),
    neEtranger: new FormControl(false, { nonNullable: true }),
    communeNaissanceInsee: texteControl(),
    paysNaissance: texteControl(),
    nationalite: choixControl<Nationalite>(),
    titreSejourExpireLe: texteControl(),
    parentNeEtranger: choixControl<boolean>(),
    nir: texteControl(),
    effacerNir: new FormControl(false, { nonNullable: true }),
    nirCertifie: new FormControl(false, { nonNullable: true }),
    pieceIdentiteType: choixControl<TypePieceIdentite>(),
    pieceIdentiteNumero: texteControl(),
    effacerPieceIdentiteNumero: new FormControl(false, { nonNullable: true }),
    recense: choixControl<boolean>(),
    jdcEffectuee: choixControl<boolean>(),
  });
  protected readonly neEtranger = toSignal(this.form.controls.neEtranger.valueChanges, { initialValue: false });
  protected readonly entries = computed(() => entries(fromDossier(this.dossier()), this.dossier()));
  protected readonly revelation = signal<Revelation | null>(null);
  protected readonly revealing = signal<ChampSensible | null>(null);
  protected readonly revealError = signal<string | null>(null);

  constructor() {
    this.editor.attach<IdentiteForm>({
      section: 'identite',
      form: this.form,
      fromDossier,
      value: () => this.form.getRawValue(),
      reset: (value) => this.form.reset(value),
      toPatch: (value) =>
        // A commune typed but not chosen holds no code: saving would erase the stored one.
        !value.neEtranger && communeEnSaisie(this.form.controls.communeNaissanceInsee)
          ? { ok: false, errors: [{ path: 'communeNaissanceInsee', message: COMMUNE_EN_SAISIE_MESSAGE }] }
          : parseSection(
          identiteSchema,
          {
            nomNaissance: value.nomNaissance,
            nomUsage: vide(value.nomUsage),
            prenoms: value.prenoms,
            sexe: value.sexe,
            dateNaissance: value.dateNaissance,
            neEtranger: value.neEtranger,
            // The field of the other birthplace is hidden: what it held is not sent.
            communeNaissanceInsee: value.neEtranger ? null : vide(value.communeNaissanceInsee),
            paysNaissance: value.neEtranger ? vide(value.paysNaissance) : null,
            nationalite: value.nationalite,
            titreSejourExpireLe: vide(value.titreSejourExpireLe),
            parentNeEtranger: value.parentNeEtranger,
            nirCertifie: value.nirCertifie,
            pieceIdentiteType: value.pieceIdentiteType,
            recense: value.recense,
            jdcEffectuee: value.jdcEffectuee,
            ...nirPatch(value),
            ...pieceIdentiteNumeroPatch(value),
          },
          (identite) => ({ identite }),
        ),
      describe: (value, dossier) => entries(value, dossier, (insee) => this.communes.nomConnu(insee)),
    });
    inject(DestroyRef).onDestroy(() => this.clearMasking());
  }

  /** Shows a sensitive number for 30 seconds; the BFF records who saw it. */
  protected reveal(champ: ChampSensible): void {
    this.revealing.set(champ);
    this.revealError.set(null);
    this.api.reveal(this.dossier().id, champ).subscribe({
      next: ({ valeur }) => {
        this.revealing.set(null);
        this.revelation.set({ champ, valeur });
        this.clearMasking();
        this.masking = setTimeout(() => this.mask(), REVELATION_DUREE_MS);
        void this.announcer.announce('Numéro affiché pour 30 secondes. Cette consultation est enregistrée.');
      },
      error: (error: unknown) => {
        this.revealing.set(null);
        this.revealError.set(toRequestFailure(error).message);
      },
    });
  }

  protected mask(): void {
    this.clearMasking();
    this.revelation.set(null);
  }

  protected revealed(champ: ChampSensible): string | null {
    const revelation = this.revelation();
    return revelation !== null && revelation.champ === champ ? revelation.valeur : null;
  }

  /** The revealable field a read-view entry shows, if it is one that is recorded. */
  protected sensibleOf(path: string): ChampSensible | null {
    const { identite } = this.dossier();
    if (path === 'nir') {
      return identite.nirMasque === null ? null : 'nir';
    }
    if (path === 'pieceIdentiteNumero') {
      return identite.pieceIdentiteNumeroMasque === null ? null : 'pieceIdentiteNumero';
    }
    return null;
  }

  protected revealLabel(champ: ChampSensible): string {
    return REVEAL_LABELS[champ];
  }

  private clearMasking(): void {
    if (this.masking !== null) {
      clearTimeout(this.masking);
      this.masking = null;
    }
  }
}
