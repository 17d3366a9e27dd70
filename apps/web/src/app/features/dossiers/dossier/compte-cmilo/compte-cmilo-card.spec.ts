import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatRadioButtonHarness } from '@angular/material/radio/testing';
import type { CompteCmiloDto, EnvoiCodeCmiloResultDto, Role } from '@imilo/domain';
import { JEUNE_ID, provideDossierTesting, signIn } from '../dossier.testing';
import { CompteCmiloCard, etatCompteCmilo } from './compte-cmilo-card';

const URL = `/api/v1/jeunes/${JEUNE_ID}/compte-cmilo`;

const text = (node: Element | null | undefined): string => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

const unCompte = (overrides: Partial<CompteCmiloDto> = {}): CompteCmiloDto => ({
  existe: false,
  identifiant: null,
  active: false,
  activeLe: null,
  dernierCode: null,
  joignable: { sms: true, email: true },
  ...overrides,
});

const codeEnvoye = (overrides: Partial<CompteCmiloDto> = {}): CompteCmiloDto =>
  unCompte({
    existe: true,
    identifiant: 'ines.payet',
    dernierCode: {
      envoyeLe: '2026-12-07T09:00:00.000Z',
      canal: 'SMS',
      destinataireMasque: '06 •• •• •• 78',
      expireLe: '2026-12-14T09:00:00.000Z',
    },
    ...overrides,
  });

describe('CompteCmiloCard', () => {
  let http: HttpTestingController;

  const render = async (compte: CompteCmiloDto | null, roles: readonly Role[] = ['conseiller']) => {
    TestBed.configureTestingModule({ providers: provideDossierTesting() });
    http = TestBed.inject(HttpTestingController);
    signIn(roles);
    const fixture = TestBed.createComponent(CompteCmiloCard);
    fixture.componentRef.setInput('jeuneId', JEUNE_ID);
    fixture.componentRef.setInput('timeZone', 'Indian/Reunion');
    await fixture.whenStable();
    if (compte !== null) {
      http.expectOne({ method: 'GET', url: URL }).flush(compte);
      await fixture.whenStable();
    }
    return { fixture, element: fixture.nativeElement as HTMLElement, loader: TestbedHarnessEnvironment.loader(fixture) };
  };

  afterEach(() => http.verify());

  it('when the jeune has no account, says so and offers to create it, by SMS first', async () => {
    const { element, loader } = await render(unCompte());

    expect(text(element.querySelector('.compte-cmilo-etat'))).toBe('Pas encore de compte');
    const button = await loader.getHarness(MatButtonHarness.with({ text: 'Créer le compte et envoyer le code' }));
    expect(await button.isDisabled()).toBeFalse();
    expect(await (await loader.getHarness(MatRadioButtonHarness.with({ label: /Par SMS/ }))).isChecked()).toBeTrue();
  });

  it('when the conseiller sends the code by e-mail, posts the channel with an Idempotency-Key and shows the code sent', async () => {
    const { element, loader, fixture } = await render(unCompte());

    await (await loader.getHarness(MatRadioButtonHarness.with({ label: /Par e-mail/ }))).check();
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Créer le compte et envoyer le code' }))).click();
    const request = http.expectOne({ method: 'POST', url: URL });
    expect(request.request.body).toEqual({ canal: 'EMAIL' });
    expect(request.request.headers.get('Idempotency-Key')).toMatch(/^[0-9a-f-]{36}$/);
    const answer: EnvoiCodeCmiloResultDto = {
      ...codeEnvoye({ dernierCode: { envoyeLe: '2026-12-07T09:00:00.000Z', canal: 'EMAIL', destinataireMasque: 'i•••@example.org', expireLe: '2026-12-14T09:00:00.000Z' } }),
      envoi: { canal: 'EMAIL', statut: 'ENVOYE', motif: null },
    };
    request.flush(answer);
    await fixture.whenStable();

    expect(text(element.querySelector('.compte-cmilo-etat'))).toBe(
      'Code envoyé par e-mail à i•••@example.org le lundi 7 décembre 2026 (valable jusqu’au lundi 14 décembre 2026)',
    );
    expect(text(element)).toContain('Identifiant : ines.payet');
    expect(await loader.getAllHarnesses(MatButtonHarness.with({ text: 'Renvoyer un code' }))).toHaveSize(1);
  });

  it('when the dossier has no telephone, the SMS choice is disabled with the reason and the e-mail is chosen', async () => {
    const { element, loader } = await render(unCompte({ joignable: { sms: false, email: true } }));

    const sms = await loader.getHarness(MatRadioButtonHarness.with({ label: /Par SMS/ }));
    expect(await sms.isDisabled()).toBeTrue();
    expect(text(element)).toContain('aucun numéro de téléphone dans le dossier');
    expect(await (await loader.getHarness(MatRadioButtonHarness.with({ label: /Par e-mail/ }))).isChecked()).toBeTrue();
  });

  it('when the dossier has neither telephone nor e-mail, the button is disabled and the card says what to add', async () => {
    const { element, loader } = await render(unCompte({ joignable: { sms: false, email: false } }));

    expect(await (await loader.getHarness(MatButtonHarness.with({ text: 'Créer le compte et envoyer le code' }))).isDisabled()).toBeTrue();
    expect(text(element)).toContain('Ajoutez un numéro de téléphone ou une adresse e-mail');
  });

  it('when the BFF refuses (409), shows its French message and keeps the state', async () => {
    const { element, loader, fixture } = await render(codeEnvoye());

    await (await loader.getHarness(MatButtonHarness.with({ text: 'Renvoyer un code' }))).click();
    http
      .expectOne({ method: 'POST', url: URL })
      .flush(
        { type: 'x', title: 'Conflit', status: 409, code: 'conflict', detail: '3 codes ont déjà été envoyés à ce jeune dans l’heure : attendez avant d’en renvoyer un.' },
        { status: 409, statusText: 'Conflict' },
      );
    await fixture.whenStable();

    expect(text(element.querySelector('ui-error-message'))).toContain('3 codes ont déjà été envoyés');
    expect(text(element.querySelector('.compte-cmilo-etat'))).toContain('Code envoyé par SMS au 06 •• •• •• 78');
  });

  it('when the provider failed, says the code did not leave and why', async () => {
    const { element, loader, fixture } = await render(codeEnvoye());

    await (await loader.getHarness(MatButtonHarness.with({ text: 'Renvoyer un code' }))).click();
    http.expectOne({ method: 'POST', url: URL }).flush({ ...codeEnvoye(), envoi: { canal: 'SMS', statut: 'ECHEC', motif: 'Fournisseur SMS : http-400' } });
    await fixture.whenStable();

    expect(text(element.querySelector('ui-error-message'))).toContain('Le code n’a pas pu être envoyé (Fournisseur SMS : http-400)');
  });

  it('when the account is activated, shows the date and offers no sending', async () => {
    const { element, loader } = await render(unCompte({ existe: true, identifiant: 'ines.payet', active: true, activeLe: '2026-12-08T10:00:00.000Z' }));

    expect(text(element.querySelector('.compte-cmilo-etat'))).toBe('Compte activé le mardi 8 décembre 2026');
    expect(await loader.getAllHarnesses(MatButtonHarness)).toHaveSize(0);
  });

  it('when loading fails, says so and retries on demand', async () => {
    const { element, loader, fixture } = await render(null);
    http.expectOne(URL).flush(null, { status: 0, statusText: 'Unknown Error' });
    await fixture.whenStable();

    expect(text(element.querySelector('ui-error-message'))).toContain('Impossible de joindre imilo');
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Réessayer' }))).click();
    http.expectOne(URL).flush(unCompte());
  });

  it('when the user may not create accounts (direction), shows nothing and asks nothing', async () => {
    const { element } = await render(null, ['direction']);

    expect(element.querySelector('.compte-cmilo')).toBeNull();
  });
});

describe('etatCompteCmilo', () => {
  it('when a code went by SMS, words it with the masked number and its validity in the Mission Locale’s timezone', () => {
    expect(etatCompteCmilo(codeEnvoye(), 'Indian/Reunion')).toBe(
      'Code envoyé par SMS au 06 •• •• •• 78 le lundi 7 décembre 2026 (valable jusqu’au lundi 14 décembre 2026)',
    );
  });
});
