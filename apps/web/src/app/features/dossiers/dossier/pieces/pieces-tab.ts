import { LiveAnnouncer } from '@angular/cdk/a11y';
import { HttpErrorResponse, HttpEventType } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, DestroyRef, inject, input, signal } from '@angular/core';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatProgressBar } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import {
  type DossierDto,
  MIME_PIECES,
  PIECE_MAX_BYTES,
  type PieceDecision,
  type PieceDto,
  STATUT_PIECE_LABELS,
  type StatutPiece,
  TYPE_PIECE_LABELS,
  type TypePiece,
  TYPES_PIECE,
} from '@imilo/domain';
import { type IconName, UiEmptyState, UiErrorMessage, UiIcon } from '@imilo/ui';
import type { Subscription } from 'rxjs';
import { toRequestFailure } from '../../../../core/http/problem';
import { DossierApi, pieceContenuUrl } from '../dossier-api';
import { formatInstant, formatTaille, nomPersonne } from '../dossier-format';
import { DossierStore } from '../dossier.store';
import { choix } from '../section-editing/form-fields';
import { RefusDialog, type RefusDialogData } from './refus-dialog';

/** What the pièces tab says when a file is too heavy (client check, or the BFF's 413). */
export const TROP_LOURD = 'Ce fichier dépasse 10 Mo. Choisissez un fichier plus léger ou reprenez la photo.';
/** What the pièces tab says when a file is not a PDF, JPEG or PNG (browser's word, or the BFF's 415 from the bytes). */
export const TYPE_REFUSE = "Ce type de fichier n'est pas accepté : PDF, JPEG ou PNG seulement.";

const STATUT_ICONS: Readonly<Record<StatutPiece, IconName>> = {
  A_VALIDER: 'hourglass_empty',
  VALIDEE: 'check_circle',
  REFUSEE: 'cancel',
};

interface PieceVm {
  readonly piece: PieceDto;
  readonly url: string;
  readonly detail: string;
  readonly decision: string | null;
}

interface GroupeVm {
  readonly type: TypePiece;
  readonly label: string;
  readonly pieces: readonly PieceVm[];
}

const isAccepted = (mime: string): boolean => MIME_PIECES.some((accepted) => accepted === mime);

/**
 * The pièces justificatives: the list by kind with their status, the upload (camera or file) with its progress, and
 * the conseiller's decision. A decision reloads the dossier, so that the completeness badge follows at once.
 */
@Component({
  selector: 'app-pieces-tab',
  imports: [ReactiveFormsModule, MatButton, MatFormFieldModule, MatProgressBar, MatSelectModule, UiEmptyState, UiErrorMessage, UiIcon],
  templateUrl: './pieces-tab.html',
  styleUrl: './pieces-tab.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PiecesTab {
  readonly dossier = input.required<DossierDto>();
  /** Whether the user may add a pièce. */
  readonly canUpload = input(false);
  /** Whether the user may validate or refuse a pièce. */
  readonly canDecide = input(false);

  private readonly api = inject(DossierApi);
  private readonly store = inject(DossierStore);
  private readonly dialog = inject(MatDialog);
  private readonly announcer = inject(LiveAnnouncer);
  private upload: Subscription | null = null;

  protected readonly types = choix(TYPES_PIECE, TYPE_PIECE_LABELS);
  protected readonly statutLabels = STATUT_PIECE_LABELS;
  protected readonly statutIcons = STATUT_ICONS;
  protected readonly accept = MIME_PIECES.join(',');
  protected readonly type = new FormControl<TypePiece | null>(null);
  /** Percentage sent (0 while the size is unknown), or null when no upload is in flight. */
  protected readonly progress = signal<number | null>(null);
  protected readonly uploadError = signal<string | null>(null);
  protected readonly deciding = signal<string | null>(null);
  protected readonly decisionError = signal<string | null>(null);

  protected readonly groupes = computed<GroupeVm[]>(() => {
    const { id, pieces } = this.dossier();
    return TYPES_PIECE.map((type) => ({
      type,
      label: TYPE_PIECE_LABELS[type],
      pieces: pieces
        .filter((piece) => piece.type === type)
        .map((piece) => ({
          piece,
          url: pieceContenuUrl(id, piece.id),
          detail: `${formatTaille(piece.taille)} · déposée le ${formatInstant(piece.deposeeLe)}${
            piece.deposeePar === null ? '' : ` par ${nomPersonne(piece.deposeePar)}`
          }`,
          decision:
            piece.decideeLe === null
              ? null
              : `${STATUT_PIECE_LABELS[piece.statut]} le ${formatInstant(piece.decideeLe)}${
                  piece.decideePar === null ? '' : ` par ${nomPersonne(piece.decideePar)}`
                }`,
        })),
    })).filter((groupe) => groupe.pieces.length > 0);
  });

  constructor() {
    inject(DestroyRef).onDestroy(() => this.upload?.unsubscribe());
  }

  /** Opens the camera or the file picker once the kind is chosen. */
  protected pick(input: HTMLInputElement): void {
    if (this.type.value === null) {
      this.type.setErrors({ required: 'Choisissez d’abord le type de pièce.' });
      this.type.markAsTouched();
      return;
    }
    input.click();
  }

  protected fileChosen(input: HTMLInputElement): void {
    const fichier = input.files?.item(0) ?? null;
    // Cleared so that choosing the same file again after an error fires `change` again.
    input.value = '';
    const type = this.type.value;
    if (fichier === null || type === null) {
      return;
    }
    if (fichier.size > PIECE_MAX_BYTES) {
      this.uploadError.set(TROP_LOURD);
      return;
    }
    if (fichier.type !== '' && !isAccepted(fichier.type)) {
      this.uploadError.set(TYPE_REFUSE);
      return;
    }
    this.send(type, fichier);
  }

  protected validate(piece: PieceDto): void {
    this.decide(piece, { decision: 'VALIDEE', motif: null });
  }

  protected refuse(piece: PieceDto): void {
    this.dialog
      .open<RefusDialog, RefusDialogData, PieceDecision>(RefusDialog, { data: { nomFichier: piece.nomFichier }, width: '32rem' })
      .afterClosed()
      .subscribe((decision) => {
        if (decision !== undefined) {
          this.decide(piece, decision);
        }
      });
  }

  private send(type: TypePiece, fichier: File): void {
    this.uploadError.set(null);
    this.progress.set(0);
    this.upload?.unsubscribe();
    this.upload = this.api.uploadPiece(this.dossier().id, type, fichier).subscribe({
      next: (event) => {
        if (event.type === HttpEventType.UploadProgress) {
          this.progress.set(event.total ? Math.round((100 * event.loaded) / event.total) : 0);
        } else if (event.type === HttpEventType.Response && event.body !== null) {
          this.progress.set(null);
          this.type.reset(null);
          this.store.addPiece(event.body);
          void this.announcer.announce(`Pièce « ${event.body.nomFichier} » ajoutée : elle attend une validation.`);
        }
      },
      error: (error: unknown) => {
        this.progress.set(null);
        this.uploadError.set(this.uploadFailure(error));
      },
    });
  }

  private uploadFailure(error: unknown): string {
    if (error instanceof HttpErrorResponse && error.status === 413) {
      return TROP_LOURD;
    }
    if (error instanceof HttpErrorResponse && error.status === 415) {
      return TYPE_REFUSE;
    }
    return toRequestFailure(error).message;
  }

  private decide(piece: PieceDto, decision: PieceDecision): void {
    this.deciding.set(piece.id);
    this.decisionError.set(null);
    this.api.decidePiece(this.dossier().id, piece.id, decision).subscribe({
      next: () => {
        this.deciding.set(null);
        // The completeness is computed by the BFF: read the dossier again so that the badge follows.
        this.store.reload();
        void this.announcer.announce(decision.decision === 'VALIDEE' ? 'Pièce validée.' : 'Pièce refusée.');
      },
      error: (error: unknown) => {
        this.deciding.set(null);
        this.decisionError.set(toRequestFailure(error).message);
      },
    });
  }
}
