/**
 * Version 1 of the CGU, for professionals and for jeunes: the production initial version (inserted by the
 * migration 2026.11.29T12.00.00.cgu-initial) and the demo's. Later versions are published from the admin portal;
 * these texts stay as they are, since a merged migration reads them.
 */

/** The staff CGU, version 1. */
export const STAFF_CGU_V1 = `## Objet du service

imilo est l'outil de travail des Missions Locales pour accompagner les jeunes de 16 à 25 ans vers l'emploi, la formation et l'autonomie. Il sert à accueillir les jeunes, tenir leur dossier, suivre leur parcours, organiser les rendez-vous et produire les statistiques demandées par l'État et les financeurs.

Ce traitement de données est encadré par le décret n° 2015-59 du 26 janvier 2015 relatif au traitement « I-MILO » et par son arrêté d'application, qui fixe la liste des données et de leurs destinataires.

## Données traitées

Seules les données strictement nécessaires à l'accompagnement sont enregistrées :

- l'identité du jeune (nom, prénoms, sexe, date et lieu de naissance, nationalité, NIR lorsqu'il est nécessaire) ;
- ses coordonnées (adresse, téléphone, adresse électronique) et sa situation familiale ;
- son cursus : scolarité, diplômes, formations, expériences professionnelles ;
- ses situations : emploi, formation, logement, mobilité, ressources, lorsque l'accompagnement le demande ;
- le suivi par la Mission Locale : entretiens, propositions, dispositifs, rendez-vous.

Les commentaires libres doivent rester objectifs, utiles à l'accompagnement et respectueux de la personne : ils ne contiennent ni jugement de valeur, ni donnée sur la santé, les opinions, la religion ou la vie sexuelle.

## Vos engagements

Vous êtes tenu à la confidentialité : les informations que vous consultez ne sont communiquées qu'aux personnes et organismes habilités à les recevoir.

Vous utilisez imilo uniquement pour votre activité professionnelle, et vous ne consultez que les dossiers dont vous avez besoin pour vos missions.

Votre identifiant et votre mot de passe sont personnels. Votre mot de passe est renouvelé tous les 90 jours ; vous ne le communiquez jamais, à personne, pas même à un collègue ou à un administrateur. Vous vous déconnectez ou verrouillez votre poste lorsque vous vous absentez.

Si vous pensez que votre compte a été utilisé par quelqu'un d'autre, prévenez sans attendre votre direction.

## Traçabilité

Chaque connexion, chaque consultation et chaque modification d'un dossier est enregistrée avec votre identifiant, la date et l'heure. Ce journal est conservé 7 mois, puis supprimé. Il permet de contrôler que les accès sont justifiés et peut être présenté en cas de contrôle ou de litige.

## Droits des personnes

Les jeunes accompagnés disposent d'un droit d'accès à leurs données, d'un droit de rectification et d'un droit à la limitation du traitement. Ils les exercent auprès de la direction de leur Mission Locale. Si un jeune vous fait une demande de ce type, transmettez-la à votre direction.

## Contact

Pour toute question sur ces conditions ou sur la protection des données, adressez-vous à la direction de votre Mission Locale ou à son délégué à la protection des données (DPO).
`;

/** The jeune CGU, version 1: the same rules, in plain words. */
export const JEUNE_CGU_V1 = `## À quoi sert ce service

Votre Mission Locale utilise imilo pour vous accompagner : trouver une formation, un emploi, un logement, préparer vos rendez-vous. Votre espace vous permet de voir vos rendez-vous, de les confirmer ou de les annuler, et de suivre vos actions.

L'utilisation de vos données est prévue par la loi : le décret n° 2015-59 du 26 janvier 2015 et son arrêté.

## Les informations gardées sur vous

Votre Mission Locale garde seulement les informations utiles pour vous aider :

- qui vous êtes : nom, prénoms, date de naissance ;
- comment vous joindre : adresse, téléphone, e-mail ;
- votre parcours : école, diplômes, formations, emplois ;
- votre situation : emploi, logement, transport, ressources, si c'est utile pour vous aider ;
- votre suivi : rendez-vous, entretiens, propositions.

Ces informations sont vues seulement par les personnes de la Mission Locale qui vous accompagnent, et par les organismes autorisés par la loi.

## Vos engagements

Votre mot de passe est personnel. Ne le donnez à personne. Vous devez le changer tous les 90 jours.

Si vous pensez que quelqu'un utilise votre compte, prévenez votre conseiller.

## Ce qui est enregistré

Chaque connexion à votre espace est enregistrée. Cette trace est gardée 7 mois, puis supprimée.

## Vos droits

Vous pouvez demander à voir les informations gardées sur vous. Vous pouvez demander de corriger une information fausse. Vous pouvez aussi demander de limiter leur utilisation.

Pour cela, adressez-vous à la direction de votre Mission Locale. Vous pouvez aussi contacter son délégué à la protection des données (DPO).
`;

/** Version 1 of each audience, with fixed ids so that every database names them alike. */
export const INITIAL_CGU = [
  { id: '6a3f1c52-0d1e-5b8a-9c4d-2e7f8a9b0c11', audience: 'staff', texte: STAFF_CGU_V1 },
  { id: '6a3f1c52-0d1e-5b8a-9c4d-2e7f8a9b0c12', audience: 'jeune', texte: JEUNE_CGU_V1 },
] as const;
