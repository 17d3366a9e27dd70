import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { UiEmptyState } from './empty-state';

@Component({
  imports: [UiEmptyState],
  template: `<ui-empty-state message="Aucun utilisateur pour le moment."><button>Créer un utilisateur</button></ui-empty-state>`,
})
class Host {}

describe('UiEmptyState', () => {
  it('when rendered, says what is empty and offers the projected action', async () => {
    const fixture = TestBed.createComponent(Host);
    await fixture.whenStable();

    const element: HTMLElement = fixture.nativeElement;
    expect(element.textContent).toContain('Aucun utilisateur pour le moment.');
    expect(element.querySelector('button')?.textContent).toBe('Créer un utilisateur');
    expect(element.querySelector('ui-empty-state')?.getAttribute('role')).toBe('status');
  });
});
