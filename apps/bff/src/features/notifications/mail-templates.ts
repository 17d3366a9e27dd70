import { formatRdvDate, reminderWording, type ReminderOffset } from '@imilo/domain';

// The French e-mails sent to jeunes, as text and HTML. The HTML is self-contained (inline styles, no image, no
// external resource: nothing to fetch, nothing to track) and every value in it is escaped.

/** A composed e-mail, without its recipient and calendar part (the sender adds them). */
export interface MailContent {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

/** Why the jeune receives a rendez-vous e-mail: a change, or a reminder N days before (`J-7`, `J-1`). */
export type RendezVousMailKind = 'creation' | 'modification' | 'annulation' | ReminderOffset;

/** What a rendez-vous e-mail says. */
export interface RendezVousMailInput {
  readonly kind: RendezVousMailKind;
  readonly prenom: string;
  readonly debut: Date;
  /** The Mission Locale's timezone: the time is written as the jeune lives it. */
  readonly timeZone: string;
  /** Where ("Siège – 3 rue …", "Par téléphone"). */
  readonly lieu: string;
  readonly objet: string;
  /** What to bring, when the conseiller said it. */
  readonly aApporter: string | null;
  /** "Camille Martin". */
  readonly conseiller: string;
  readonly missionLocale: string;
  /** The rendez-vous in C-Milo (absolute URL), where the jeune confirms or cancels; none for a cancellation. */
  readonly lien: string | null;
}

/** What the activation e-mail of a C-Milo account says. */
export interface ActivationMailInput {
  readonly prenom: string;
  /** What the jeune types as identifiant on the activation page. */
  readonly identifiant: string;
  /** The single-use activation code (never logged). */
  readonly code: string;
  /** The C-Milo activation page (absolute URL). */
  readonly lien: string;
  readonly missionLocale: string;
  /** When the code stops working, already worded ("le mardi 8 décembre à 18 h"). */
  readonly expire: string;
}

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text made safe inside HTML elements and attribute values. */
export const escapeHtml = (value: string): string => value.replace(/[&<>"']/g, (char) => ESCAPES[char]!);

const bonjour = (prenom: string): string => {
  const clean = prenom.trim().replace(/\s+/g, ' ');
  return clean === '' ? 'Bonjour,' : `Bonjour ${clean},`;
};

/** One "label : value" line of the rendez-vous' details. */
interface Detail {
  readonly label: string;
  readonly value: string;
}

/** A mail body: paragraphs, the details of the rendez-vous, an optional link, and the Mission Locale's signature. */
interface Body {
  readonly subject: string;
  readonly paragraphs: readonly string[];
  readonly details: readonly Detail[];
  readonly link: { readonly label: string; readonly url: string } | null;
  readonly signature: string;
}

const asText = (body: Body): string =>
  [
    ...body.paragraphs.flatMap((paragraph) => [paragraph, '']),
    ...(body.details.length > 0 ? [...body.details.map(({ label, value }) => `${label} : ${value}`), ''] : []),
    ...(body.link ? [`${body.link.label} : ${body.link.url}`, ''] : []),
    'À bientôt,',
    body.signature,
    '',
  ].join('\n');

// Links only ever point to our own pages; anything but http(s) is not made clickable.
const safeHref = (url: string): string | null => (/^https?:\/\//i.test(url) ? url : null);

const asHtml = (body: Body): string => {
  const paragraphs = body.paragraphs.map((paragraph) => `<p style="margin:0 0 16px">${escapeHtml(paragraph)}</p>`).join('');
  const rows = body.details
    .map(
      ({ label, value }) =>
        `<tr><th scope="row" style="text-align:left;vertical-align:top;padding:4px 16px 4px 0;font-weight:600">${escapeHtml(label)}</th>` +
        `<td style="padding:4px 0;white-space:pre-line">${escapeHtml(value)}</td></tr>`,
    )
    .join('');
  const table = rows === '' ? '' : `<table role="presentation" style="border-collapse:collapse;margin:0 0 16px">${rows}</table>`;
  const href = body.link ? safeHref(body.link.url) : null;
  const link =
    body.link && href
      ? `<p style="margin:0 0 16px"><a href="${escapeHtml(href)}" style="color:#1b4f9c">${escapeHtml(body.link.label)}</a></p>`
      : '';
  return (
    `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>${escapeHtml(body.subject)}</title></head>` +
    `<body style="font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a">` +
    `${paragraphs}${table}${link}<p style="margin:0">À bientôt,<br>${escapeHtml(body.signature)}</p></body></html>`
  );
};

const render = (body: Body): MailContent => ({ subject: body.subject, text: asText(body), html: asHtml(body) });

const isReminder = (kind: RendezVousMailKind): kind is ReminderOffset => kind.startsWith('J-');

const subjectOf = (input: RendezVousMailInput, quand: string): string => {
  if (isReminder(input.kind)) {
    return reminderWording(input.kind, input.debut, input.timeZone);
  }
  const title = { creation: 'Nouveau rendez-vous', modification: 'Rendez-vous modifié', annulation: 'Rendez-vous annulé' }[input.kind];
  return `${title} le ${quand}`;
};

const introOf = (input: RendezVousMailInput, quand: string): string => {
  if (isReminder(input.kind)) {
    return `Nous vous rappelons votre rendez-vous avec ${input.conseiller} le ${quand}.`;
  }
  switch (input.kind) {
    case 'creation':
      return `${input.conseiller} vous a fixé un rendez-vous le ${quand}.`;
    case 'modification':
      return `Votre rendez-vous avec ${input.conseiller} a changé. Le voici tel qu’il est maintenant.`;
    case 'annulation':
      return `Votre rendez-vous avec ${input.conseiller} du ${quand} est annulé. Contactez votre conseiller si vous souhaitez en fixer un autre.`;
  }
};

/** The e-mail of a rendez-vous created, modified, cancelled, or coming in N days (a reminder). */
export const rendezVousMail = (input: RendezVousMailInput): MailContent => {
  const quand = formatRdvDate(input.debut.toISOString(), input.timeZone);
  const annule = input.kind === 'annulation';
  const details: Detail[] = annule
    ? [
        { label: 'Quand', value: quand },
        { label: 'Objet', value: input.objet },
      ]
    : [
        { label: 'Quand', value: quand },
        { label: 'Où', value: input.lieu },
        { label: 'Objet', value: input.objet },
        ...(input.aApporter?.trim() ? [{ label: 'À apporter', value: input.aApporter.trim() }] : []),
        { label: 'Avec', value: input.conseiller },
      ];
  return render({
    subject: subjectOf(input, quand),
    paragraphs: [bonjour(input.prenom), introOf(input, quand)],
    details,
    link: !annule && input.lien ? { label: 'Confirmer ou voir le rendez-vous dans C-Milo', url: input.lien } : null,
    signature: input.missionLocale,
  });
};

/** The e-mail carrying the activation code of a jeune's C-Milo account. */
export const activationMail = (input: ActivationMailInput): MailContent =>
  render({
    subject: `Votre code d’activation C-Milo – ${input.missionLocale}`,
    paragraphs: [
      bonjour(input.prenom),
      `${input.missionLocale} vous ouvre un espace C-Milo : vos rendez-vous, vos démarches et vos documents, sur votre téléphone.`,
      `Pour l’activer, saisissez votre identifiant et ce code sur la page d’activation. Il ne sert qu’une fois et expire ${input.expire}.`,
      'Si vous n’avez rien demandé, ignorez ce message.',
    ],
    details: [
      { label: 'Identifiant', value: input.identifiant },
      { label: 'Code d’activation', value: input.code },
    ],
    link: { label: 'Activer mon espace C-Milo', url: input.lien },
    signature: input.missionLocale,
  });
