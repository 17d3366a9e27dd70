import { TestBed } from '@angular/core/testing';
import { UiPasswordStrength } from './password-strength';

async function render(score: number, feedback: readonly string[] = []) {
  const fixture = TestBed.createComponent(UiPasswordStrength);
  fixture.componentRef.setInput('score', score);
  fixture.componentRef.setInput('feedback', feedback);
  await fixture.whenStable();
  return fixture.nativeElement as HTMLElement;
}

describe('UiPasswordStrength', () => {
  it('when the score is 1, fills one segment and says "Faible" in words', async () => {
    const element = await render(1);

    expect(element.querySelectorAll('.ui-password-strength-filled').length).toBe(1);
    expect(element.textContent).toContain('Faible');
    expect(element.querySelector('[role="meter"]')?.getAttribute('aria-valuetext')).toBe('Faible');
    expect(element.getAttribute('data-tone')).toBe('weak');
  });

  it('when the score is 4, fills every segment and says "Excellent"', async () => {
    const element = await render(4);

    expect(element.querySelectorAll('.ui-password-strength-filled').length).toBe(4);
    expect(element.textContent).toContain('Excellent');
    expect(element.getAttribute('data-tone')).toBe('strong');
  });

  it('when the score is out of range, clamps it to 0–4', async () => {
    const element = await render(9);

    expect(element.querySelector('[role="meter"]')?.getAttribute('aria-valuenow')).toBe('4');
  });

  it('when advice is given, lists it', async () => {
    const element = await render(2, ['Ajoutez un autre mot ou deux.']);

    expect(Array.from(element.querySelectorAll('li'), (li) => li.textContent)).toEqual(['Ajoutez un autre mot ou deux.']);
  });
});
