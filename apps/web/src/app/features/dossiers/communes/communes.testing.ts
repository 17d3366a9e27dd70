import type { HttpTestingController } from '@angular/common/http/testing';
import type { CommuneDto } from '@imilo/domain';
import { COMMUNE_DEBOUNCE_MS } from './commune-field';

/** Bordeaux, as `GET /api/v1/communes` answers it; override what the scenario needs. */
export const uneCommune = (overrides: Partial<CommuneDto> = {}): CommuneDto => ({
  insee: '33063',
  nom: 'Bordeaux',
  codesPostaux: ['33000', '33100', '33200', '33300', '33800'],
  departement: '33',
  ...overrides,
});

/** Lyon, the commune of the dossier specs. */
export const LYON: CommuneDto = { insee: '69123', nom: 'Lyon', codesPostaux: ['69001', '69002', '69003'], departement: '69' };

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The commune field of a form, by its control name. */
export const communeInput = (root: ParentNode, controlName: string): HTMLInputElement => {
  const input = root.querySelector<HTMLInputElement>(`app-commune-field[formcontrolname="${controlName}"] input`);
  if (input === null) {
    throw new Error(`no commune field ${controlName}`);
  }
  return input;
};

/** Types in a commune field as a person would (focused, one input event). */
export const typeCommune = (input: HTMLInputElement, text: string): void => {
  input.focus();
  input.value = text;
  input.dispatchEvent(new Event('input'));
};

/** Answers the pending commune search (for `q`) with these communes. */
export const answerCommunes = (http: HttpTestingController, q: string, communes: readonly CommuneDto[]): void => {
  http.expectOne((request) => request.url === '/api/v1/communes' && request.params.get('q') === q).flush(communes);
};

/**
 * Types `q` in the commune field, waits for the search, answers it with `commune` and chooses it in the list:
 * the form's control then holds its INSEE code.
 */
export const chooseCommune = async (
  input: HTMLInputElement,
  http: HttpTestingController,
  stable: () => Promise<unknown>,
  q: string,
  commune: CommuneDto,
): Promise<void> => {
  typeCommune(input, q);
  await pause(COMMUNE_DEBOUNCE_MS + 50);
  answerCommunes(http, q, [commune]);
  await stable();
  const option = Array.from(document.querySelectorAll<HTMLElement>('mat-option')).find((candidate) =>
    candidate.textContent?.includes(commune.nom),
  );
  if (option === undefined) {
    throw new Error(`no option ${commune.nom}`);
  }
  option.click();
  await stable();
};
