import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { UiErrorMessage } from './error-message';

@Component({
  imports: [UiErrorMessage],
  template: `<ui-error-message [message]="message()" [polite]="polite()" />`,
})
class Host {
  readonly message = signal('Identifiant ou mot de passe incorrect.');
  readonly polite = signal(false);
}

describe('UiErrorMessage', () => {
  it('when a failure is shown, screen readers announce it at once (role alert) with its text', async () => {
    const fixture = TestBed.createComponent(Host);
    await fixture.whenStable();

    const host: HTMLElement = fixture.nativeElement.querySelector('ui-error-message');
    expect(host.getAttribute('role')).toBe('alert');
    expect(host.textContent?.trim()).toBe('Identifiant ou mot de passe incorrect.');
    expect(host.querySelector('ui-icon')).not.toBeNull();
  });

  it('when it only describes a state, it is announced politely (role status)', async () => {
    const fixture = TestBed.createComponent(Host);
    fixture.componentInstance.polite.set(true);
    await fixture.whenStable();

    expect(fixture.nativeElement.querySelector('ui-error-message').getAttribute('role')).toBe('status');
  });
});
