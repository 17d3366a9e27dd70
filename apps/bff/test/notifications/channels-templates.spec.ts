import { activationMail, rendezVousMail, type RendezVousMailInput } from '../../src/features/notifications/mail-templates';

const aRendezVous = (overrides: Partial<RendezVousMailInput> = {}): RendezVousMailInput => ({
  kind: 'creation',
  prenom: 'Inès',
  // 9 h 30 in Paris (winter time), 12 h 30 in Réunion.
  debut: new Date('2026-12-08T08:30:00Z'),
  timeZone: 'Europe/Paris',
  lieu: 'Siège, 3 rue des Lilas, Bordeaux',
  objet: 'Point sur la recherche d’emploi',
  aApporter: 'Votre CV et une pièce d’identité',
  conseiller: 'Camille Martin',
  missionLocale: 'Mission Locale des Graves',
  lien: 'https://imilo.ml.test/c-milo/rendez-vous/0d9e5b1c',
  ...overrides,
});

describe('Notification e-mail templates', () => {
  it('when a rendez-vous is created, the e-mail gives when, where, what for, what to bring, with whom and the C-Milo link', () => {
    const mail = rendezVousMail(aRendezVous());

    expect(mail.subject).toBe('Nouveau rendez-vous le mardi 8 décembre à 9 h 30');
    expect(mail.text).toBe(
      [
        'Bonjour Inès,',
        '',
        'Camille Martin vous a fixé un rendez-vous le mardi 8 décembre à 9 h 30.',
        '',
        'Quand : mardi 8 décembre à 9 h 30',
        'Où : Siège, 3 rue des Lilas, Bordeaux',
        'Objet : Point sur la recherche d’emploi',
        'À apporter : Votre CV et une pièce d’identité',
        'Avec : Camille Martin',
        '',
        'Confirmer ou voir le rendez-vous dans C-Milo : https://imilo.ml.test/c-milo/rendez-vous/0d9e5b1c',
        '',
        'À bientôt,',
        'Mission Locale des Graves',
        '',
      ].join('\n'),
    );
    expect(mail.html).toContain('<html lang="fr">');
    expect(mail.html).toContain('<a href="https://imilo.ml.test/c-milo/rendez-vous/0d9e5b1c"');
    expect(mail.html).toContain('<td style="padding:4px 0;white-space:pre-line">Votre CV et une pièce d’identité</td>');
  });

  it('when the time is written, it is the Mission Locale’s time zone', () => {
    const mail = rendezVousMail(aRendezVous({ timeZone: 'Indian/Reunion' }));

    expect(mail.subject).toBe('Nouveau rendez-vous le mardi 8 décembre à 12 h 30');
  });

  it('when a rendez-vous is modified, the e-mail says so and gives it as it now is', () => {
    const mail = rendezVousMail(aRendezVous({ kind: 'modification', lieu: 'Antenne de Talence' }));

    expect(mail.subject).toBe('Rendez-vous modifié le mardi 8 décembre à 9 h 30');
    expect(mail.text).toContain('Votre rendez-vous avec Camille Martin a changé.');
    expect(mail.text).toContain('Où : Antenne de Talence');
  });

  it('when a rendez-vous is cancelled, the e-mail gives its date and object, and neither place nor confirmation link', () => {
    const mail = rendezVousMail(aRendezVous({ kind: 'annulation' }));

    expect(mail.subject).toBe('Rendez-vous annulé le mardi 8 décembre à 9 h 30');
    expect(mail.text).toContain('Votre rendez-vous avec Camille Martin du mardi 8 décembre à 9 h 30 est annulé.');
    expect(mail.text).not.toContain('Où :');
    expect(mail.text).not.toContain('https://');
    expect(mail.html).not.toContain('<a ');
  });

  it('when a reminder is sent N days before, its subject is the reminder wording of that offset', () => {
    expect(rendezVousMail(aRendezVous({ kind: 'J-1' })).subject).toBe('Rappel : rendez-vous demain à 9 h 30');
    expect(rendezVousMail(aRendezVous({ kind: 'J-7' })).subject).toBe('Rappel : rendez-vous dans une semaine, le mardi 8 décembre à 9 h 30');
    expect(rendezVousMail(aRendezVous({ kind: 'J-1' })).text).toContain('Nous vous rappelons votre rendez-vous avec Camille Martin');
  });

  it('when nothing is to be brought or the first name is blank, the lines are left out rather than empty', () => {
    const mail = rendezVousMail(aRendezVous({ aApporter: '  ', prenom: ' ' }));

    expect(mail.text.startsWith('Bonjour,\n')).toBeTrue();
    expect(mail.text).not.toContain('À apporter');
  });

  it('when a value holds markup, the HTML shows it as text and a non-http link is not made clickable', () => {
    const mail = rendezVousMail(aRendezVous({ objet: '<script>alert("x")</script> & co', lien: 'javascript:alert(1)' }));

    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co');
    expect(mail.html).not.toContain('javascript:');
  });

  it('when the HTML is rendered, it loads nothing from outside (no image, stylesheet or script)', () => {
    const { html } = rendezVousMail(aRendezVous());

    expect(html).not.toMatch(/<(img|link|script)\b|src=|url\(/i);
  });

  it('when a C-Milo account is opened, the activation e-mail gives the code, its expiry and the activation page', () => {
    const mail = activationMail({
      prenom: 'Inès',
      identifiant: 'ines.payet',
      code: 'K7PM-4QRT-9XWZ',
      lien: 'https://imilo.ml.test/c-milo/activation',
      missionLocale: 'Mission Locale des Graves',
      expire: 'le mardi 8 décembre à 18 h',
    });

    expect(mail.subject).toBe('Votre code d’activation C-Milo – Mission Locale des Graves');
    expect(mail.text).toContain('Identifiant : ines.payet');
    expect(mail.text).toContain('Code d’activation : K7PM-4QRT-9XWZ');
    expect(mail.text).toContain('expire le mardi 8 décembre à 18 h');
    expect(mail.text).toContain('Activer mon espace C-Milo : https://imilo.ml.test/c-milo/activation');
    expect(mail.html).toContain('K7PM-4QRT-9XWZ');
  });
});
