import { TestBed } from '@angular/core/testing';
import { type JeuneHeader, UiJeuneHeader } from './jeune-header';

const uneJeune = (overrides: Partial<JeuneHeader> = {}): JeuneHeader => ({
  nomNaissance: 'DUPONT',
  nomUsage: 'MARTIN',
  prenoms: 'Léa Marie',
  sexe: 'F',
  age: 19,
  referent: 'Awa Diallo',
  niveau: 'complet',
  situation: 'Emploi — Vendeuse',
  ...overrides,
});

async function render(jeune: JeuneHeader | null) {
  const fixture = TestBed.createComponent(UiJeuneHeader);
  fixture.componentRef.setInput('jeune', jeune);
  await fixture.whenStable();
  return fixture.nativeElement as HTMLElement;
}

const text = (element: Element | null | undefined): string => element?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

describe('UiJeuneHeader', () => {
  it('when the jeune uses a usage name, shows it first, then the birth name and the first names', async () => {
    const element = await render(uneJeune());

    expect(text(element.querySelector('h1'))).toBe('MARTIN née DUPONT Léa Marie');
  });

  it('shows age, référent, situation and the completeness badge with its accessible name', async () => {
    const element = await render(uneJeune());

    expect(text(element.querySelector('.ui-jeune-header-age'))).toBe('19 ans');
    expect(text(element.querySelector('.ui-jeune-header-referent'))).toBe('Référent : Awa Diallo');
    expect(text(element.querySelector('.ui-jeune-header-situation'))).toBe('Situation : Emploi — Vendeuse');
    const badge = element.querySelector('[role="status"].ui-jeune-header-badge');
    expect(badge?.getAttribute('aria-label')).toBe('Complétude : Complet');
    expect(badge?.querySelector('ui-completude-badge')?.getAttribute('data-niveau')).toBe('complet');
  });

  it('when the jeune has only a birth name, no référent and no situation, says so', async () => {
    const element = await render(uneJeune({ nomUsage: null, sexe: 'M', prenoms: 'Yanis', referent: null, situation: null }));

    expect(text(element.querySelector('h1'))).toBe('DUPONT Yanis');
    expect(text(element.querySelector('.ui-jeune-header-referent'))).toBe('Sans référent');
    expect(text(element.querySelector('.ui-jeune-header-situation'))).toBe('Sans situation');
  });

  it('while loading, shows a skeleton and says that the dossier is loading', async () => {
    const element = await render(null);

    expect(element.querySelector('h1')).toBeNull();
    expect(element.querySelectorAll('.ui-jeune-header-skeleton').length).toBe(2);
    expect(text(element.querySelector('[role="status"]'))).toBe('Chargement du dossier…');
    expect(element.getAttribute('aria-busy')).toBe('true');
  });
});
