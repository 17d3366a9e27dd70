import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { UiIcon } from './icon';
import { ICON_PATHS, type IconName } from './icon-paths';

@Component({ imports: [UiIcon], template: `<ui-icon [name]="name()" />` })
class Host {
  readonly name = signal<IconName>('visibility');
}

describe('UiIcon', () => {
  it('when given a name, draws that icon’s path and hides it from screen readers', async () => {
    const fixture = TestBed.createComponent(Host);
    await fixture.whenStable();

    const icon: HTMLElement = fixture.nativeElement.querySelector('ui-icon');
    expect(icon.getAttribute('aria-hidden')).toBe('true');
    expect(icon.querySelector('path')?.getAttribute('d')).toBe(ICON_PATHS.visibility);
  });

  it('when the name changes, draws the new icon', async () => {
    const fixture = TestBed.createComponent(Host);
    await fixture.whenStable();

    fixture.componentInstance.name.set('visibility_off');
    await fixture.whenStable();

    expect(fixture.nativeElement.querySelector('path')?.getAttribute('d')).toBe(ICON_PATHS.visibility_off);
  });
});
