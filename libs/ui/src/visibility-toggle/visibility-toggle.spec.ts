import { TestBed } from '@angular/core/testing';
import { UiVisibilityToggle } from './visibility-toggle';

describe('UiVisibilityToggle', () => {
  it('when clicked, shows the secret and reports the toggle as pressed', async () => {
    const fixture = TestBed.createComponent(UiVisibilityToggle);
    await fixture.whenStable();
    const button: HTMLButtonElement = fixture.nativeElement.querySelector('button');
    expect(button.getAttribute('aria-label')).toBe('Afficher le mot de passe');
    expect(button.getAttribute('aria-pressed')).toBe('false');

    button.click();
    await fixture.whenStable();

    expect(fixture.componentInstance.visible()).toBeTrue();
    expect(button.getAttribute('aria-label')).toBe('Afficher le mot de passe');
    expect(button.getAttribute('aria-pressed')).toBe('true');
  });
});
