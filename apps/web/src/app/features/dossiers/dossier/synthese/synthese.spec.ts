import { TestBed } from '@angular/core/testing';
import type { DossierDto, Role } from '@imilo/domain';
import { EvenementSheetLauncher } from '../../../evenements/evenement-sheet/evenement-sheet-launcher';
import { provideDossierTesting, signIn, unDossier, unDossierAccueil, unSuivi } from '../dossier.testing';
import { type DossierDestination, Synthese } from './synthese';

describe('Synthese', () => {
  const render = async (dossier: DossierDto, roles: readonly Role[] = ['conseiller']) => {
    TestBed.configureTestingModule({ providers: provideDossierTesting() });
    signIn(roles);
    const fixture = TestBed.createComponent(Synthese);
    fixture.componentRef.setInput('dossier', dossier);
    const destinations: DossierDestination[] = [];
    fixture.componentInstance.destinationChosen.subscribe((destination) => destinations.push(destination));
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    return { fixture, element, destinations, suivi: element.querySelector('[aria-labelledby="synthese-suivi"]') };
  };

  const text = (element: Element | null | undefined): string => element?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  const buttons = (element: Element | null): HTMLButtonElement[] => Array.from(element?.querySelectorAll('button') ?? []);
  const button = (element: Element | null, label: string) => buttons(element).find((candidate) => text(candidate) === label);

  it('when an événement was noted, the Suivi card names its type, its day, its conseiller and its objet, then counts actions and propositions', async () => {
    const { suivi } = await render(unDossier());

    expect(text(suivi?.querySelector('h2'))).toBe('Suivi');
    expect(Array.from(suivi?.querySelectorAll('li') ?? []).map(text)).toEqual([
      'Dernier événement : Entretien individuel le vendredi 27 novembre 2026 par Awa Diallo — Point sur le CV',
      '2 actions en cours, dont 1 en retard',
      '1 proposition en cours',
    ]);
    expect(button(suivi, 'Noter un événement')).toBeUndefined();
    expect(button(suivi, 'Voir le parcours')).toBeDefined();
  });

  it("when the événement has no objet, and the Mission Locale's day is already the next one, it says so on that day", async () => {
    // 22:30 in Paris on Friday is 01:30 on Saturday in La Réunion.
    const dossier = unDossier({
      missionLocale: { id: 'ml-reunion', nom: 'Mission Locale Sud Réunion', timezone: 'Indian/Reunion' },
      suivi: unSuivi({
        dernierEvenement: { ...unSuivi().dernierEvenement!, date: '2026-11-27T21:30:00.000Z', typeLibelle: 'Téléphone', objet: null },
      }),
    });

    const { suivi } = await render(dossier);

    expect(text(suivi?.querySelector('li'))).toBe('Dernier événement : Téléphone le samedi 28 novembre 2026 par Awa Diallo');
  });

  it('when no événement was noted, it says so and offers "Noter un événement", which opens the quick entry for the dossier', async () => {
    const dossier = unDossier({ suivi: unSuivi({ dernierEvenement: null, actionsOuvertes: 0, actionsEnRetard: 0, propositionsEnCours: 0 }) });
    const { suivi } = await render(dossier);
    const launcher = spyOn(TestBed.inject(EvenementSheetLauncher), 'open');

    expect(Array.from(suivi?.querySelectorAll('li') ?? []).map(text)).toEqual([
      'Aucun événement noté',
      'Aucune action en cours',
      'Aucune proposition en cours',
    ]);
    button(suivi, 'Noter un événement')?.click();
    expect(launcher).toHaveBeenCalledOnceWith(dossier);
  });

  it('when the user may not record an événement (direction), no "Noter un événement" is offered', async () => {
    const { suivi } = await render(unDossier({ suivi: unSuivi({ dernierEvenement: null }) }), ['direction']);

    expect(text(suivi)).toContain('Aucun événement noté');
    expect(button(suivi, 'Noter un événement')).toBeUndefined();
  });

  it('when actions are late, it says how many, with a warning that does not rely on colour alone', async () => {
    const { suivi } = await render(unDossier({ suivi: unSuivi({ actionsOuvertes: 3, actionsEnRetard: 2, propositionsEnCours: 4 }) }));

    const actions = suivi?.querySelector('.synthese-suivi-actions');
    expect(text(actions)).toBe('3 actions en cours, dont 2 en retard');
    expect(actions?.classList).toContain('synthese-retard');
    expect(actions?.querySelector('ui-icon')?.getAttribute('aria-hidden')).toBe('true');
    expect(text(suivi?.querySelector('.synthese-suivi-propositions'))).toBe('4 propositions en cours');
  });

  it('when no action is late, nothing is flagged', async () => {
    const { suivi } = await render(unDossier({ suivi: unSuivi({ actionsOuvertes: 1, actionsEnRetard: 0 }) }));

    const actions = suivi?.querySelector('.synthese-suivi-actions');
    expect(text(actions)).toBe('1 action en cours');
    expect(actions?.classList).not.toContain('synthese-retard');
  });

  it('"Voir le parcours" asks the page to open the Parcours tab', async () => {
    const { suivi, destinations } = await render(unDossier());

    button(suivi, 'Voir le parcours')?.click();

    expect(destinations).toEqual(['parcours']);
  });

  it("when the reader sees the accueil's part only, there is no Suivi card", async () => {
    const { suivi, element } = await render(unDossierAccueil(), ['charge_accueil']);

    expect(suivi).toBeNull();
    expect(text(element)).not.toContain('Noter un événement');
  });
});
