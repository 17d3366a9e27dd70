import { randomUUID } from 'node:crypto';
import type { RechercheSauvegardeeCreation, RechercheSauvegardeeDto } from '@imilo/domain';
import type { AppContext } from '../../app-context';
import { actedBy, type RequestOrigin } from '../../platform/audit';
import { conflict, notFound } from '../../platform/errors';
import type { SessionUser } from '../../platform/session-user';
import type { RechercheSauvegardee, RecherchesRepository } from './recherches.repository';

/** Who is acting: the signed-in user, owner of their saved searches, and where the request came from. */
export interface RecherchesCaller {
  readonly user: SessionUser;
  readonly origin: RequestOrigin;
}

/** What the saved-search use cases need. */
export interface RecherchesDeps {
  readonly ctx: AppContext;
  readonly repository: RecherchesRepository;
}

/** Most saved searches a user keeps: a shortcut list, not an archive. */
export const RECHERCHES_MAX = 50;

// Names sort the French way (accents, case) whatever the database collation.
const byName = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });

const toDto = (recherche: RechercheSauvegardee): RechercheSauvegardeeDto => ({
  id: recherche.id,
  nom: recherche.nom,
  criteres: recherche.criteres,
  creeeLe: recherche.creeeLe.toISOString(),
});

// The audit says which criteria a search uses, never their values nor its name: both may hold a jeune's name.
const auditOf = (caller: RecherchesCaller, recherche: Pick<RechercheSauvegardee, 'id' | 'criteres'>) => ({
  outcome: 'success' as const,
  ...actedBy(caller.user, caller.origin),
  targetType: 'recherche_sauvegardee',
  targetId: recherche.id,
  details: { criteres: Object.keys(recherche.criteres).sort() },
});

/** The caller's saved searches, by name. */
export const listRecherches = async ({ repository }: RecherchesDeps, caller: RecherchesCaller): Promise<RechercheSauvegardeeDto[]> => {
  const recherches = await repository.listOf(caller.user.id);
  return recherches.sort((a, b) => byName.compare(a.nom, b.nom) || a.nom.localeCompare(b.nom) || a.id.localeCompare(b.id)).map(toDto);
};

/** Saves the caller's criteria under a name of their own: 409 for a name they already use, or past the limit. */
export const createRecherche = async (
  { ctx, repository }: RecherchesDeps,
  caller: RecherchesCaller,
  creation: RechercheSauvegardeeCreation,
): Promise<RechercheSauvegardeeDto> =>
  ctx.db.sequelize.transaction(async (transaction) => {
    await repository.lockOwner(caller.user.id, transaction);
    const { total, nomPris } = await repository.countOf(caller.user.id, creation.nom, transaction);
    if (nomPris) {
      throw conflict('Une recherche porte déjà ce nom.');
    }
    if (total >= RECHERCHES_MAX) {
      throw conflict(`Vous avez déjà ${RECHERCHES_MAX} recherches sauvegardées : supprimez-en une avant d'en ajouter.`);
    }
    const recherche: RechercheSauvegardee = { id: randomUUID(), nom: creation.nom, criteres: creation.criteres, creeeLe: ctx.clock.now() };
    await repository.insert({ ...recherche, utilisateurId: caller.user.id }, transaction);
    await ctx.audit.record({ action: 'recherches.create', ...auditOf(caller, recherche) }, transaction);
    return toDto(recherche);
  });

/** Deletes one of the caller's saved searches; another user's answers 404, like an unknown id. */
export const deleteRecherche = async ({ ctx, repository }: RecherchesDeps, caller: RecherchesCaller, id: string): Promise<void> => {
  await ctx.db.sequelize.transaction(async (transaction) => {
    if (!(await repository.delete(id, caller.user.id, transaction))) {
      throw notFound("Cette recherche sauvegardée n'existe pas.");
    }
    await ctx.audit.record(
      { action: 'recherches.delete', outcome: 'success', ...actedBy(caller.user, caller.origin), targetType: 'recherche_sauvegardee', targetId: id },
      transaction,
    );
  });
};
