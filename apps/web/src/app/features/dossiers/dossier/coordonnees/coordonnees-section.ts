import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSlideToggle } from '@angular/material/slide-toggle';
import { type CanalContact, coordonneesSchema, type CoordonneesDto, type DossierDto, SECTION_DOSSIER_LABELS } from '@imilo/domain';
import { UiIcon } from '@imilo/ui';
import { errorMessage } from '../../../../core/forms/zod-validator';
import { COMMUNE_EN_SAISIE_MESSAGE, type CommuneChoisie, CommuneField, communeEnSaisie } from '../../communes/commune-field';
import { CommunesApi } from '../../communes/communes-api';
import { formatJour, NON_RENSEIGNE, telephoneLisible, texte } from '../dossier-format';
import { ouVide, texteControl, vide } from '../section-editing/form-fields';
import { type DiffEntry, parseSection, SectionEditor } from '../section-editing/section-editor';
import { SectionEntries } from '../section-editing/section-entries';
import { SectionFrame } from '../section-editing/section-frame';

interface AdresseForm {
  readonly ligne1: string;
  readonly ligne2: string;
  readonly codePostal: string;
  readonly communeInsee: string;
  readonly qpvCode: string;
}

interface CoordonneesForm {
  readonly telephone: string;
  readonly email: string;
  readonly consentements: Readonly<Record<CanalContact, boolean>>;
  readonly adresse: AdresseForm;
}

type AdresseDto = NonNullable<CoordonneesDto['adresse']>;

/** Channels in the order the form shows them, with their labels. */
const CANAUX: readonly { readonly canal: CanalContact; readonly label: string; readonly lecture: string }[] = [
  { canal: 'sms', label: 'SMS', lecture: 'Contact par SMS' },
  { canal: 'email', label: 'E-mail', lecture: 'Contact par e-mail' },
  { canal: 'push', label: 'Notifications sur le téléphone', lecture: 'Contact par notification' },
];

const adresseVide = (adresse: AdresseForm): boolean => Object.values(adresse).every((value) => value.trim() === '');

/** "12 rue Victor Hugo, Bât. B, 69007 Lyon": the commune's name when the BFF gave it for this code. */
export const adresseTexte = (
  adresse: Pick<AdresseDto, 'ligne1' | 'codePostal' | 'communeInsee'> & { ligne2: string | null; communeNom?: string | null },
): string =>
  [adresse.ligne1, adresse.ligne2, `${adresse.codePostal} ${adresse.communeNom ?? `(commune ${adresse.communeInsee})`}`]
    .filter((part) => part !== null && part.trim() !== '')
    .join(', ');

/** The name of a commune the page has seen (chosen in the list), or null. */
type NomCommune = (insee: string) => string | null;

const entries = (value: CoordonneesForm, dossier: DossierDto, nomCommune: NomCommune = () => null): DiffEntry[] => {
  const stored = dossier.coordonnees.adresse;
  const adresse = value.adresse;
  const communeNom =
    stored !== null && stored.communeInsee === adresse.communeInsee ? stored.communeNom : nomCommune(adresse.communeInsee);
  return [
    { path: 'telephone', label: 'Téléphone', text: telephoneLisible(vide(value.telephone)) },
    { path: 'email', label: 'E-mail', text: texte(vide(value.email)) },
    {
      path: 'adresse',
      label: 'Adresse',
      text: adresseVide(adresse) ? NON_RENSEIGNE : adresseTexte({ ...adresse, communeNom }),
    },
    { path: 'adresse.qpvCode', label: 'Quartier prioritaire (QPV)', text: texte(vide(adresse.qpvCode)) },
    ...CANAUX.map(({ canal, lecture }) => ({
      path: `consentements.${canal}`,
      label: lecture,
      text: value.consentements[canal] ? 'Accepté' : 'Refusé',
    })),
  ];
};

const fromDossier = ({ coordonnees }: DossierDto): CoordonneesForm => ({
  telephone: ouVide(coordonnees.telephone),
  email: ouVide(coordonnees.email),
  consentements: { ...coordonnees.consentements },
  adresse: {
    ligne1: ouVide(coordonnees.adresse?.ligne1),
    ligne2: ouVide(coordonnees.adresse?.ligne2),
    codePostal: ouVide(coordonnees.adresse?.codePostal),
    communeInsee: ouVide(coordonnees.adresse?.communeInsee),
    qpvCode: ouVide(coordonnees.adresse?.qpvCode),
  },
});

/** The coordonnées section: phone, e-mail, consent per channel, the current address and the previous ones. */
@Component({
  selector: 'app-coordonnees-section',
  imports: [
    ReactiveFormsModule,
    CommuneField,
    MatFormFieldModule,
    MatInputModule,
    MatSlideToggle,
    UiIcon,
    SectionFrame,
    SectionEntries,
  ],
  providers: [SectionEditor],
  templateUrl: './coordonnees-section.html',
  styleUrls: ['../section-editing/dossier-section.scss', './coordonnees-section.scss'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CoordonneesSection {
  readonly dossier = input.required<DossierDto>();
  /** Whether the user may change this section. */
  readonly editable = input(false);

  protected readonly editor = inject(SectionEditor);
  private readonly communes = inject(CommunesApi);
  protected readonly title = SECTION_DOSSIER_LABELS.coordonnees;
  protected readonly canaux = CANAUX;
  protected readonly errorMessage = errorMessage;
  protected readonly formatJour = formatJour;
  protected readonly adresseTexte = adresseTexte;
  protected readonly form = new FormGroup({
    telephone: texteControl(),
    email: texteControl(),
    consentements: new FormGroup({
      sms: new FormControl(false, { nonNullable: true }),
      email: new FormControl(false, { nonNullable: true }),
      push: new FormControl(false, { nonNullable: true }),
    }),
    adresse: new FormGroup({
      ligne1: texteControl(),
      ligne2: texteControl(),
      codePostal: texteControl(),
      communeInsee: texteControl(),
      qpvCode: texteControl(),
    }),
  });
  protected readonly entries = computed(() => entries(fromDossier(this.dossier()), this.dossier()));
  protected readonly adressesPrecedentes = computed(() => this.dossier().coordonnees.adressesPrecedentes);

  constructor() {
    this.editor.attach<CoordonneesForm>({
      section: 'coordonnees',
      form: this.form,
      fromDossier,
      value: () => this.form.getRawValue(),
      reset: (value) => this.form.reset(value),
      toPatch: (value) =>
        // A commune typed but not chosen holds no code: the address would be refused or lose its commune.
        communeEnSaisie(this.form.controls.adresse.controls.communeInsee)
          ? { ok: false, errors: [{ path: 'adresse.communeInsee', message: COMMUNE_EN_SAISIE_MESSAGE }] }
          : parseSection(
          coordonneesSchema,
          {
            telephone: vide(value.telephone),
            email: vide(value.email),
            consentements: value.consentements,
            adresse: adresseVide(value.adresse)
              ? null
              : {
                  ligne1: value.adresse.ligne1,
                  ligne2: vide(value.adresse.ligne2),
                  codePostal: value.adresse.codePostal,
                  communeInsee: value.adresse.communeInsee,
                  qpvCode: vide(value.adresse.qpvCode),
                },
          },
          (coordonnees) => ({ coordonnees }),
        ),
      describe: (value, dossier) => entries(value, dossier, (insee) => this.communes.nomConnu(insee)),
    });
  }

  /** A commune chosen for the address fills an empty postal code with its own (the one typed, or its first). */
  protected prefillCodePostal({ codePostal }: CommuneChoisie): void {
    const control = this.form.controls.adresse.controls.codePostal;
    if (codePostal !== null && control.value.trim() === '') {
      control.setValue(codePostal);
      control.markAsDirty();
    }
  }
}
