import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { MatDialogHarness } from '@angular/material/dialog/testing';
import { provideRouter } from '@angular/router';
import { MockStore, provideMockStore } from '@ngrx/store/testing';
import { Outbox } from '../../core/offline/outbox';
import { AccountPageActions } from '../auth/auth.actions';
import { initialAuthState } from '../auth/auth.feature';
import { aMe } from '../auth/auth.testing';
import { Compte } from './compte';

describe('Compte', () => {
  const render = async (unsynced: number) => {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideMockStore({ initialState: { auth: { ...initialAuthState, status: 'signed-in', me: aMe() } } }),
        { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
        { provide: Outbox, useValue: { pendingCount: signal(unsynced) } },
      ],
    });
    const dispatch = spyOn(TestBed.inject(MockStore), 'dispatch');
    const fixture = TestBed.createComponent(Compte);
    await fixture.whenStable();
    const loader = TestbedHarnessEnvironment.documentRootLoader(fixture);
    const click = async (text: string) => (await loader.getHarness(MatButtonHarness.with({ text }))).click();
    return { dispatch, loader, click };
  };

  it('when everything is synchronised, signs out at once', async () => {
    const { dispatch, click, loader } = await render(0);

    await click('Se déconnecter');

    expect(await loader.getAllHarnesses(MatDialogHarness)).toHaveSize(0);
    expect(dispatch).toHaveBeenCalledOnceWith(AccountPageActions.signOutClicked());
  });

  it('when writes are not synchronised yet, says they will be lost, and stays signed in on "Annuler"', async () => {
    const { dispatch, click, loader } = await render(3);

    await click('Se déconnecter');
    const dialog = await loader.getHarness(MatDialogHarness);
    expect(await dialog.getContentText()).toBe('3 éléments ne sont pas encore synchronisés et seront perdus.');
    await click('Annuler');

    expect(await loader.getAllHarnesses(MatDialogHarness)).toHaveSize(0);
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('when the loss is accepted, signs out everywhere as asked', async () => {
    const { dispatch, click, loader } = await render(1);

    await click('Se déconnecter de tous les appareils');
    expect(await (await loader.getHarness(MatDialogHarness)).getContentText()).toBe(
      "1 élément n'est pas encore synchronisé et sera perdu.",
    );
    await click('Se déconnecter quand même');

    expect(dispatch).toHaveBeenCalledOnceWith(AccountPageActions.signOutEverywhereClicked());
  });
});
