import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { Observable } from 'rxjs';

/** One SMS that went to the development outbox instead of a phone. */
export interface SmsBoiteDto {
  readonly id: string;
  readonly missionLocaleId: string;
  /** Masked by the BFF: `+33 6 •• •• •• 78`. */
  readonly destinataire: string;
  readonly texte: string;
  /** The SMS billed: more than one when the text is concatenated. */
  readonly segments: number;
  readonly envoyeLe: string;
}

/** `GET /api/v1/admin/sms`. */
export interface SmsBoiteDeveloppementDto {
  /** False when a real provider is configured: SMS reach phones and nothing is kept in the outbox. */
  readonly boiteDeveloppement: boolean;
  /** The last 100, newest first. */
  readonly messages: readonly SmsBoiteDto[];
}

/** The BFF's development SMS outbox of the Admin portal (#5). */
@Injectable({ providedIn: 'root' })
export class SmsOutboxApi {
  private readonly http = inject(HttpClient);

  read(): Observable<SmsBoiteDeveloppementDto> {
    return this.http.get<SmsBoiteDeveloppementDto>('/api/v1/admin/sms');
  }
}
