import { provideLocationMocks } from '@angular/common/testing';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import type { Role } from '@imilo/domain';
import { provideMockStore } from '@ngrx/store/testing';
import { initialAuthState } from '../../auth/auth.feature';
import { aMe } from '../../auth/auth.testing';
import { AdminLayout } from './admin-layout';
import { adminDestinations } from './admin-nav';

@Component({ selector: 'app-blank', template: '' })
class Blank {}

describe('the Admin portal navigation', () => {
  const labels = (roles: Role[]) => adminDestinations(roles).map(({ label }) => label);

  it("offers a Mission Locale's administrator the home, the users, the referentials of the suivi and the SMS outbox", () => {
    expect(labels(['admin_ml'])).toEqual(['Accueil', 'Utilisateurs', 'Référentiels du suivi', 'Boîte SMS']);
  });

  it('offers the national administrator the CGU too', () => {
    expect(labels(['admin_national'])).toEqual(['Accueil', 'Utilisateurs', 'Référentiels du suivi', 'Boîte SMS', 'CGU']);
  });

  it('on the referentials page, marks that link alone as the current page', async () => {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([{ path: 'admin', component: AdminLayout, children: [{ path: '', component: Blank }, { path: 'referentiels', component: Blank }] }]),
        provideLocationMocks(),
        provideMockStore({ initialState: { auth: { ...initialAuthState, status: 'signed-in', me: aMe({ roles: ['admin_ml'] }) } } }),
      ],
    });
    const fixture = TestBed.createComponent(AdminLayout);
    await TestBed.inject(Router).navigateByUrl('/admin/referentiels');
    await fixture.whenStable();

    const nav = (fixture.nativeElement as HTMLElement).querySelector('nav[aria-label="Administration"]');
    const links = Array.from(nav?.querySelectorAll('a') ?? []);
    expect(links.map((link) => [link.textContent?.trim(), link.getAttribute('href')])).toEqual([
      ['Accueil', '/admin'],
      ['Utilisateurs', '/admin/utilisateurs'],
      ['Référentiels du suivi', '/admin/referentiels'],
      ['Boîte SMS', '/admin/sms'],
    ]);
    expect(links.filter((link) => link.getAttribute('aria-current') === 'page').map((link) => link.textContent?.trim())).toEqual([
      'Référentiels du suivi',
    ]);
  });
});
