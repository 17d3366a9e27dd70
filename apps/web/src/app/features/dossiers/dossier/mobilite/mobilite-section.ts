import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import {
  type DossierDto,
  mobiliteSchema,
  MOYEN_TRANSPORT_LABELS,
  type MoyenTransport,
  MOYENS_TRANSPORT,
  PERMIS,
  type Permis,
  SECTION_DOSSIER_LABELS,
} from '@imilo/domain';
import { errorMessage } from '../../../../core/forms/zod-validator';
import { NON_RENSEIGNE, ouiNon } from '../dossier-format';
import { choix, choixControl, OUI_NON } from '../section-editing/form-fields';
import { type DiffEntry, parseSection, SectionEditor } from '../section-editing/section-editor';
import { SectionEntries } from '../section-editing/section-entries';
import { SectionFrame } from '../section-editing/section-frame';

interface MobiliteForm {
  readonly permis: Permis[];
  readonly vehicule: boolean | null;
  readonly moyensTransport: MoyenTransport[];
}

const PERMIS_LABELS: Readonly<Record<Permis, string>> = {
  AM: 'Permis AM (cyclomoteur)',
  A1: 'Permis A1',
  A2: 'Permis A2',
  A: 'Permis A',
  B: 'Permis B',
  BE: 'Permis BE',
  C: 'Permis C',
  D: 'Permis D',
};

const liste = (labels: readonly string[], vide: string): string => (labels.length === 0 ? vide : labels.join(', '));

const entries = (value: MobiliteForm): DiffEntry[] => [
  { path: 'permis', label: 'Permis', text: liste(value.permis.map((permis) => PERMIS_LABELS[permis]), 'Aucun permis') },
  { path: 'vehicule', label: 'Véhicule', text: ouiNon(value.vehicule) },
  {
    path: 'moyensTransport',
    label: 'Moyens de transport',
    text: liste(value.moyensTransport.map((moyen) => MOYEN_TRANSPORT_LABELS[moyen]), NON_RENSEIGNE),
  },
];

const fromDossier = (dossier: DossierDto): MobiliteForm => ({
  permis: [...(dossier.mobilite?.permis ?? [])],
  vehicule: dossier.mobilite?.vehicule ?? null,
  moyensTransport: [...(dossier.mobilite?.moyensTransport ?? [])],
});

/** The mobilité section: driving licences, vehicle, means of transport. */
@Component({
  selector: 'app-mobilite-section',
  imports: [ReactiveFormsModule, MatFormFieldModule, MatSelectModule, SectionFrame, SectionEntries],
  providers: [SectionEditor],
  templateUrl: './mobilite-section.html',
  styleUrl: '../section-editing/dossier-section.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MobiliteSection {
  readonly dossier = input.required<DossierDto>();
  /** Whether the user may change this section. */
  readonly editable = input(false);

  protected readonly editor = inject(SectionEditor);
  protected readonly title = SECTION_DOSSIER_LABELS.mobilite;
  protected readonly permis = choix(PERMIS, PERMIS_LABELS);
  protected readonly moyens = choix(MOYENS_TRANSPORT, MOYEN_TRANSPORT_LABELS);
  protected readonly ouiNon = OUI_NON;
  protected readonly errorMessage = errorMessage;
  protected readonly form = new FormGroup({
    permis: new FormControl<Permis[]>([], { nonNullable: true }),
    vehicule: choixControl<boolean>(),
    moyensTransport: new FormControl<MoyenTransport[]>([], { nonNullable: true }),
  });
  protected readonly entries = computed(() => entries(fromDossier(this.dossier())));

  constructor() {
    this.editor.attach<MobiliteForm>({
      section: 'mobilite',
      form: this.form,
      fromDossier,
      value: () => this.form.getRawValue(),
      reset: (value) => this.form.reset(value),
      toPatch: (value) => parseSection(mobiliteSchema, value, (mobilite) => ({ mobilite })),
      describe: (value) => entries(value),
    });
  }
}
