import { TestBed } from '@angular/core/testing';
import { UiIdentitySummary } from './identity-summary';

async function render(inputs: { roles: readonly string[]; site: string | null }) {
  const fixture = TestBed.createComponent(UiIdentitySummary);
  fixture.componentRef.setInput('fullName', 'Awa Diallo');
  fixture.componentRef.setInput('missionLocale', 'Mission Locale de Lyon');
  fixture.componentRef.setInput('roles', inputs.roles);
  fixture.componentRef.setInput('site', inputs.site);
  await fixture.whenStable();
  return fixture.nativeElement as HTMLElement;
}

const rows = (element: HTMLElement) =>
  Array.from(element.querySelectorAll('.ui-identity-summary-row'), (row) => [
    row.querySelector('dt')?.textContent?.trim(),
    row.querySelector('dd')?.textContent?.trim(),
  ]);

describe('UiIdentitySummary', () => {
  it('when the person has a site, says who and where they are', async () => {
    const element = await render({ roles: ['Conseiller'], site: 'Antenne de Vénissieux' });

    expect(element.querySelector('.ui-identity-summary-name')?.textContent).toBe('Awa Diallo');
    expect(rows(element)).toEqual([
      ['Rôle', 'Conseiller'],
      ['Mission Locale', 'Mission Locale de Lyon'],
      ['Site', 'Antenne de Vénissieux'],
    ]);
  });

  it('when the person holds several roles and no site, lists the roles and leaves the site out', async () => {
    const element = await render({ roles: ['Conseiller', 'Direction'], site: null });

    expect(rows(element)).toEqual([
      ['Rôles', 'Conseiller, Direction'],
      ['Mission Locale', 'Mission Locale de Lyon'],
    ]);
  });
});
