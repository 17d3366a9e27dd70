import { TestBed } from '@angular/core/testing';
import type { NiveauCompletude } from '@imilo/domain';
import { UiCompletudeBadge } from './completude-badge';

async function render(niveau: NiveauCompletude) {
  const fixture = TestBed.createComponent(UiCompletudeBadge);
  fixture.componentRef.setInput('niveau', niveau);
  await fixture.whenStable();
  return fixture.nativeElement as HTMLElement;
}

describe('UiCompletudeBadge', () => {
  it('when the dossier is partial, says "Partiel" with an icon and its tone', async () => {
    const element = await render('partiel');

    expect(element.querySelector('.ui-completude-badge-label')?.textContent).toBe('Partiel');
    expect(element.querySelector('ui-icon')).not.toBeNull();
    expect(element.getAttribute('data-niveau')).toBe('partiel');
  });

  it('when the dossier is justified, writes the accent and names the notion for screen readers', async () => {
    const element = await render('justifie');

    expect(element.textContent?.replace(/\s+/g, ' ').trim()).toBe('Complétude : Justifié');
    expect(element.getAttribute('data-niveau')).toBe('justifie');
  });

  it('when the dossier is complete, says "Complet"', async () => {
    const element = await render('complet');

    expect(element.querySelector('.ui-completude-badge-label')?.textContent).toBe('Complet');
  });
});
