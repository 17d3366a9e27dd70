import { NATURE_MESSAGE_LABELS, plusJours, type WidgetData } from '@imilo/domain';
import { listMeRendezVous } from '../cmilo/cmilo.service';
import { listActionsARealiser, listMessagesEnvoyes } from './cmilo-widgets.repository';
import type { WidgetContext } from './portail-access';

// C-Milo's home (#6): the jeune's next rendez-vous, their actions due soon and their notifications.

/** How far ahead « Mes actions » looks. */
const ACTIONS_HORIZON_JOURS = 14;
const COURTE = 5;

/** « Mon prochain rendez-vous »: the first of C-Milo's rendez-vous to come that is not cancelled. */
const prochainRendezVousWidget = async (w: WidgetContext): Promise<WidgetData<'prochain-rendez-vous'>> => {
  const { timezone, aVenir } = await listMeRendezVous(w.ctx, { user: w.caller.user, origin: w.caller.origin });
  return { timezone, rendezVous: aVenir.find((item) => item.statut !== 'ANNULE') ?? null };
};

/** « Mes actions »: not done, due within 14 days or overdue, soonest first. */
const mesActionsWidget = async (w: WidgetContext): Promise<WidgetData<'mes-actions'>> => {
  const { total, items } = await listActionsARealiser(w.ctx.db.sequelize, w.caller.user.id, plusJours(w.today, ACTIONS_HORIZON_JOURS), COURTE);
  return { total, items: items.map((action) => ({ ...action, enRetard: action.echeance < w.today })) };
};

/** « Mes notifications »: the last messages sent to the jeune, and how many arrived since they last read them. */
const notificationsWidget = async (w: WidgetContext): Promise<WidgetData<'notifications'>> => {
  const { nonLues, items } = await listMessagesEnvoyes(w.ctx.db.sequelize, w.caller.user.id, COURTE);
  return { nonLues, items: items.map((message) => ({ id: message.id, libelle: NATURE_MESSAGE_LABELS[message.nature], le: message.le.toISOString(), lue: message.lue })) };
};

/** C-Milo's widgets. */
export const CMILO_WIDGETS = {
  'prochain-rendez-vous': prochainRendezVousWidget,
  'mes-actions': mesActionsWidget,
  notifications: notificationsWidget,
} as const;
