import { QueryTypes } from 'sequelize';
import { publishCguSchema } from '@imilo/domain';
import { INITIAL_CGU } from '../../src/db/seeders/cgu-texts.data';
import { testDatabase } from '../support/global-setup';

describe('initial CGU (migration 2026.11.29T12.00.00.cgu-initial)', () => {
  it('when the database is migrated, version 1 of the staff and jeune CGU is published, as valid as a publication from the portal', async () => {
    const rows = await testDatabase().db.sequelize.query<{ id: string; audience: 'staff' | 'jeune'; texte: string }>(
      'SELECT id, audience, texte FROM cgu_version WHERE version = 1 ORDER BY audience DESC',
      { type: QueryTypes.SELECT },
    );

    expect(rows).toEqual(INITIAL_CGU.map((cgu) => ({ ...cgu })));
    for (const { audience, texte } of rows) {
      expect(publishCguSchema.safeParse({ audience, texte }).success).withContext(audience).toBeTrue();
      expect(texte).withContext(audience).toMatch(/^## /);
      expect(texte).withContext(`${audience}: retention of the journal`).toContain('7 mois');
    }
  });
});
