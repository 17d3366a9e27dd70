import { BreakpointObserver } from '@angular/cdk/layout';
import { provideHttpClient } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import type { EnvironmentProviders, Provider } from '@angular/core';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { provideRouter } from '@angular/router';
import type { DossierDto, DossierSuiviDto, PieceDto, Role, SituationDto } from '@imilo/domain';
import { provideStore, Store } from '@ngrx/store';
import { TestBed } from '@angular/core/testing';
import { of } from 'rxjs';
import { provideOfflineFakes } from '../../../core/offline/offline.testing';
import { AuthApiActions } from '../../auth/auth.actions';
import { authFeature } from '../../auth/auth.feature';
import { aMe } from '../../auth/auth.testing';

/** The jeune every dossier spec opens. */
export const JEUNE_ID = '7c1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6';
/** Its URL. */
export const DOSSIER_URL = `/api/v1/jeunes/${JEUNE_ID}`;

/** A situation, current unless the scenario says otherwise. */
export const uneSituation = (overrides: Partial<SituationDto> = {}): SituationDto => ({
  id: '0a0b0c0d-1111-4222-8333-444455556666',
  categorie: 'EMPLOI',
  etat: 'EN_COURS',
  dateDebut: '2026-09-01',
  dateFin: null,
  intitule: 'Vendeuse',
  romeCode: 'D1214',
  ...overrides,
});

/** A pièce waiting for a decision. */
export const unePiece = (overrides: Partial<PieceDto> = {}): PieceDto => ({
  id: '9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a',
  type: 'DOMICILE',
  nomFichier: 'facture-edf.pdf',
  mime: 'application/pdf',
  taille: 250_000,
  statut: 'A_VALIDER',
  motifRefus: null,
  deposeeLe: '2026-11-20T09:15:00.000Z',
  deposeePar: { id: 'u-1', prenom: 'Awa', nom: 'Diallo' },
  decideeLe: null,
  decideePar: null,
  ...overrides,
});

/** The suivi of the dossier: an interview noted last Friday, two open actions (one late), one proposition under way. */
export const unSuivi = (overrides: Partial<DossierSuiviDto> = {}): DossierSuiviDto => ({
  dernierEvenement: {
    id: '3d4e5f60-7182-4394-a5b6-c7d8e9f0a1b2',
    date: '2026-11-27T13:30:00.000Z',
    typeLibelle: 'Entretien individuel',
    objet: 'Point sur le CV',
    conseiller: { id: 'u-1', prenom: 'Awa', nom: 'Diallo' },
  },
  actionsOuvertes: 2,
  actionsEnRetard: 1,
  propositionsEnCours: 1,
  ...overrides,
});

/** Léa Martin's dossier as a conseiller reads it (every section, every one editable); override what the scenario needs. */
export const unDossier = (overrides: Partial<DossierDto> = {}): DossierDto => {
  const situation = uneSituation();
  return {
    id: JEUNE_ID,
    matricule: 'ML69-000123',
    missionLocale: { id: 'ml-lyon', nom: 'Mission Locale de Lyon', timezone: 'Europe/Paris' },
    version: 3,
    statutDossier: 'actif',
    creeLe: '2026-03-02T08:30:00.000Z',
    modifieLe: '2026-11-20T09:15:00.000Z',
    modifiePar: { id: 'u-1', prenom: 'Awa', nom: 'Diallo' },
    referent: { id: 'u-1', prenom: 'Awa', nom: 'Diallo' },
    dansMonPortefeuille: true,
    age: 19,
    situationCourante: situation,
    completude: {
      niveau: 'complet',
      prochainNiveau: 'justifie',
      manquants: [{ type: 'piece', section: 'coordonnees', code: 'DOMICILE', libelle: 'Justificatif de domicile' }],
      resume: '1 pièce manquante pour « justifié »',
    },
    sections: ['identite', 'coordonnees', 'famille', 'cursus', 'situations', 'ressources', 'logement', 'mobilite', 'sante', 'franceTravail'],
    editables: ['identite', 'coordonnees', 'famille', 'cursus', 'situations', 'ressources', 'logement', 'mobilite', 'sante', 'franceTravail'],
    identite: {
      nomNaissance: 'DUPONT',
      nomUsage: 'MARTIN',
      prenoms: 'Léa Marie',
      sexe: 'F',
      dateNaissance: '2007-05-14',
      neEtranger: false,
      communeNaissanceInsee: '69123',
      communeNaissanceNom: 'Lyon',
      paysNaissance: null,
      nationalite: 'FRANCAISE',
      titreSejourExpireLe: null,
      parentNeEtranger: null,
      nirMasque: '••••••••••••123',
      nirCertifie: false,
      pieceIdentiteType: 'CNI',
      pieceIdentiteNumeroMasque: '•••••••456',
      recense: true,
      jdcEffectuee: null,
    },
    coordonnees: {
      telephone: '0612345678',
      email: 'lea.martin@exemple.fr',
      consentements: { sms: true, email: false, push: false },
      adresse: {
        ligne1: '12 rue Victor Hugo',
        ligne2: null,
        codePostal: '69007',
        communeInsee: '69387',
        communeNom: 'Lyon 7e Arrondissement',
        qpvCode: null,
        depuis: '2025-01-10',
      },
      adressesPrecedentes: [
        {
          ligne1: '3 place Bellecour',
          ligne2: null,
          codePostal: '69002',
          communeInsee: '69382',
          communeNom: 'Lyon 2e Arrondissement',
          qpvCode: null,
          depuis: '2023-06-01',
          jusquau: '2025-01-09',
        },
      ],
    },
    famille: { situationFamiliale: 'CELIBATAIRE', enfantsACharge: 0, modeGarde: 'SANS_OBJET', representantsLegaux: [] },
    cursus: {
      niveauFormation: '4',
      derniereClasse: 'Terminale',
      dateSortieFormationInitiale: '2025-07-04',
      diplomes: [{ intitule: 'Baccalauréat professionnel commerce', niveau: '4', dateObtention: '2025-07-04' }],
      experiences: [],
      langues: [{ langue: 'Anglais', niveau: 'B1' }],
    },
    situations: [situation, uneSituation({ id: '1a1b1c1d-2222-4333-8444-555566667777', categorie: 'FORMATION', etat: 'TERMINE', dateDebut: '2024-09-01', dateFin: '2025-06-30', intitule: 'Bac pro', romeCode: null })],
    ressources: { liste: [] },
    logement: { situation: 'PARENTS', difficulte: false },
    mobilite: { permis: ['B'], vehicule: false, moyensTransport: ['TRANSPORTS_COMMUN'] },
    sante: { rqth: false, rqthFin: null },
    franceTravail: { inscrit: true, identifiant: '1234567A', dateInscription: '2025-09-15' },
    pieces: [unePiece()],
    suivi: unSuivi(),
    ...overrides,
  };
};

/** The same dossier as a chargé d'accueil reads it: identité and coordonnées only. */
export const unDossierAccueil = (overrides: Partial<DossierDto> = {}): DossierDto => {
  const {
    famille: _f,
    cursus: _c,
    situations: _s,
    ressources: _r,
    logement: _l,
    mobilite: _m,
    sante: _h,
    franceTravail: _t,
    suivi: _v,
    ...dossier
  } = unDossier();
  return { ...dossier, sections: ['identite', 'coordonnees'], editables: ['identite', 'coordonnees'], ...overrides };
};

/** A 409 problem body carrying the stored dossier. */
export const aConflictBody = (current: DossierDto) => ({
  type: 'https://imilo.fr/problems/conflict',
  title: 'Conflit',
  status: 409,
  code: 'conflict',
  detail: 'Le dossier a été modifié entre-temps.',
  current,
});

/**
 * What a dossier spec needs: HTTP under test, the auth slice (see `signIn`), a layout (tablet or phone) that does not
 * depend on the test browser's window, no animations, and fakes of the offline services (`FakeOutbox`,
 * `FakeOfflineCache`, `FakeConnectivity`, injectable as such).
 */
export const provideDossierTesting = (options: { readonly tablet?: boolean } = {}): (Provider | EnvironmentProviders)[] => {
  const tablet = options.tablet ?? true;
  return [
    provideRouter([]),
    provideHttpClient(),
    provideHttpClientTesting(),
    provideOfflineFakes(),
    provideStore({ [authFeature.name]: authFeature.reducer }),
    { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
    {
      provide: BreakpointObserver,
      useValue: { observe: () => of({ matches: tablet, breakpoints: {} }), isMatched: () => tablet },
    },
  ];
};

/** Signs in the auth slice with these roles. */
export const signIn = (roles: readonly Role[] = ['conseiller']): void => {
  TestBed.inject(Store).dispatch(AuthApiActions.sessionLoaded({ me: aMe({ roles: [...roles] }) }));
};
