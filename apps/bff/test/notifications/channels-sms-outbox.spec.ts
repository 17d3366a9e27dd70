import { smsOutboxSchema } from '../../src/features/notifications/sms-outbox.openapi';
import { maskPhoneNumber } from '../../src/features/notifications/sms-outbox.repository';
import { aMissionLocale, auditRows, aUser } from '../support/builders';
import { createTestApp, signedIn } from '../support/test-app';

describe('admin portal: the development SMS outbox (GET /api/v1/admin/sms)', () => {
  it('when an administrator of a Mission Locale reads it, the SMS of their Mission Locale come latest first, masked, with their segments; another one’s are not shown', async () => {
    const { app, ctx, db } = createTestApp();
    const mine = await aMissionLocale(db.sequelize);
    const other = await aMissionLocale(db.sequelize);
    const admin = await aUser(db.sequelize, mine, { roles: ['admin_ml'] });
    const long = `Bonjour Inès, ${'votre rendez-vous de demain est confirmé. '.repeat(4)}`;
    await ctx.channels.sms.send({ missionLocaleId: mine.id, to: '+33612345678', text: 'Rappel : rendez-vous demain à 9 h 30' });
    await ctx.channels.sms.send({ missionLocaleId: other.id, to: '+33611111111', text: 'Un SMS d’une autre Mission Locale' });
    await ctx.channels.sms.send({ missionLocaleId: mine.id, to: '+262692123456', text: long });
    const client = await signedIn(app, admin.login);

    const res = await client.agent.get('/api/v1/admin/sms');

    expect(res.status).toBe(200);
    expect(smsOutboxSchema.safeParse(res.body).success).toBeTrue();
    expect(res.body.boiteDeveloppement).toBeTrue();
    expect(res.body.messages.map(({ destinataire, texte, segments, missionLocaleId }: Record<string, unknown>) => ({ destinataire, texte, segments, missionLocaleId }))).toEqual([
      { destinataire: '+262 6 •• •• •• 56', texte: long, segments: 2, missionLocaleId: mine.id },
      { destinataire: '+33 6 •• •• •• 78', texte: 'Rappel : rendez-vous demain à 9 h 30', segments: 1, missionLocaleId: mine.id },
    ]);
    expect(JSON.stringify(res.body)).not.toContain('12345678');
    const audit = await auditRows(db.sequelize, { actorId: admin.id, action: 'admin.sms-outbox.read' });
    expect(audit.map((row) => [row['mission_locale_id'], row['details']])).toEqual([[mine.id, { count: 2 }]]);
  });

  it('when a direction reads it, it sees its Mission Locale’s outbox too; a conseiller is refused', async () => {
    const { app, ctx, db } = createTestApp();
    const ml = await aMissionLocale(db.sequelize);
    await ctx.channels.sms.send({ missionLocaleId: ml.id, to: '+33698765432', text: 'Bonjour' });
    const direction = await signedIn(app, (await aUser(db.sequelize, ml, { roles: ['direction'] })).login);
    const conseiller = await signedIn(app, (await aUser(db.sequelize, ml, { roles: ['conseiller'] })).login);

    const seen = await direction.agent.get('/api/v1/admin/sms');
    const refused = await conseiller.agent.get('/api/v1/admin/sms');

    expect(seen.status).toBe(200);
    expect(seen.body.messages.map((m: { texte: string }) => m.texte)).toEqual(['Bonjour']);
    expect(refused.status).toBe(403);
  });

  it('when the outbox holds more than 100 SMS, only the latest 100 are answered', async () => {
    const { app, db } = createTestApp();
    const ml = await aMissionLocale(db.sequelize);
    await db.sequelize.query(
      `INSERT INTO sms_boite_dev (id, mission_locale_id, destinataire, texte, segments, created_at)
       SELECT gen_random_uuid(), $1, '+33600000000', 'SMS n° ' || n, 1, now() - n * interval '1 minute'
       FROM generate_series(1, 105) AS n`,
      { bind: [ml.id] },
    );
    const admin = await signedIn(app, (await aUser(db.sequelize, ml, { roles: ['admin_ml'] })).login);

    const res = await admin.agent.get('/api/v1/admin/sms');

    expect(res.body.messages.length).toBe(100);
    expect(res.body.messages[0].texte).toBe('SMS n° 1');
    expect(res.body.messages[99].texte).toBe('SMS n° 100');
  });

  it('when a number is masked, only the country code, the first and the last two digits are left', () => {
    expect(maskPhoneNumber('+33612345678')).toBe('+33 6 •• •• •• 78');
    expect(maskPhoneNumber('+590690123456')).toBe('+590 6 •• •• •• 56');
    expect(maskPhoneNumber('+4915112345678')).toBe('+49 •• •• 78');
  });
});
