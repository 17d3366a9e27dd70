import { HttpErrorResponse, HttpHeaders } from '@angular/common/http';
import type { MeDto, ProblemFieldError } from '@imilo/domain';

/** A signed-in conseiller of the Mission Locale de Lyon; override what the scenario needs. */
export const aMe = (overrides: Partial<MeDto> = {}): MeDto => ({
  id: '5b7c6a1e-0c1f-4a53-9d43-6f0f3f7a2b10',
  login: 'awa.diallo',
  prenom: 'Awa',
  nom: 'Diallo',
  roles: ['conseiller'],
  biProfils: [],
  missionsLocales: [
    {
      id: 'f2a9c1de-1b1e-4f6e-9a57-1d3c2b4a5e60',
      nom: 'Mission Locale de Lyon',
      timezone: 'Europe/Paris',
      principale: true,
      site: { id: '0d5e7f21-8c3b-4e9a-b1f2-3a4c5d6e7f80', nom: 'Antenne de Vénissieux' },
    },
  ],
  mustChangePassword: false,
  mustAcceptCgu: false,
  passwordExpiresAt: null,
  ...overrides,
});

/** A problem+json body as the BFF sends it. */
export const aProblemBody = (status: number, code: string, detail: string, errors?: readonly ProblemFieldError[]) => ({
  type: `https://imilo.fr/problems/${code}`,
  title: 'Problème',
  status,
  code,
  detail,
  ...(errors === undefined ? {} : { errors }),
});

/** A failed HTTP response carrying a problem+json body. */
export const aProblemResponse = (status: number, code: string, detail: string): HttpErrorResponse =>
  new HttpErrorResponse({
    status,
    url: '/api/v1/test',
    headers: new HttpHeaders({ 'Content-Type': 'application/problem+json' }),
    error: aProblemBody(status, code, detail),
  });
