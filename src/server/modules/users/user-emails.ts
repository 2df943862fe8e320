import type { Locale } from '../../../contracts/auth';

/** An email ready for the mailer: a plain-text part and an HTML part saying the same. */
export interface EmailContent {
  subject: string;
  text: string;
  html: string;
}

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!,
  );

/** Paragraphs and one button-like link, in markup that mail clients render alike. */
function toHtml(
  lang: Locale,
  parts: { paragraphs: string[]; link: string; action: string; after: string[] },
) {
  const p = (text: string) => `<p style="margin:0 0 16px">${escapeHtml(text)}</p>`;
  const href = escapeHtml(parts.link);
  return `<!doctype html>
<html lang="${lang}"><body style="margin:0;padding:24px;background:#f4f4f5;font-family:system-ui,-apple-system,'Segoe UI',sans-serif;font-size:15px;line-height:1.5;color:#18181b">
<div style="max-width:560px;margin:0 auto;background:#ffffff;border-radius:8px;padding:24px">
${parts.paragraphs.map(p).join('\n')}
<p style="margin:24px 0"><a href="${href}" style="display:inline-block;background:#4f46e5;color:#ffffff;text-decoration:none;font-weight:600;padding:10px 18px;border-radius:6px">${escapeHtml(parts.action)}</a></p>
<p style="margin:0 0 16px;font-size:13px;color:#52525b;word-break:break-all">${escapeHtml(parts.after[0] ?? '')}<br><a href="${href}" style="color:#4f46e5">${href}</a></p>
${parts.after.slice(1).map(p).join('\n')}
</div></body></html>`;
}

/**
 * ACC-1: the invitation to join an organization, in the language chosen for the new user.
 * @example invitationEmail('fr', { name: 'Ana', inviterName: 'Claire', organizationName: 'Morel', link })
 */
export function invitationEmail(
  locale: Locale,
  input: { name: string; inviterName: string; organizationName: string; link: string },
): EmailContent {
  const { name, inviterName, organizationName, link } = input;
  const t =
    locale === 'fr'
      ? {
          subject: `${inviterName} vous invite à rejoindre ${organizationName} sur Encours`,
          hello: `Bonjour ${name},`,
          body: `${inviterName} vous invite à rejoindre ${organizationName} sur Encours, l'application de suivi des créances clients.`,
          how: 'Pour choisir votre mot de passe et vous connecter, ouvrez ce lien, valable 7 jours :',
          action: 'Accepter l’invitation',
          copy: 'Ou copiez cette adresse dans votre navigateur :',
          ignore: "Si vous n'attendiez pas cette invitation, ignorez ce message.",
        }
      : {
          subject: `${inviterName} invites you to join ${organizationName} on Encours`,
          hello: `Hello ${name},`,
          body: `${inviterName} invites you to join ${organizationName} on Encours, the accounts-receivable follow-up app.`,
          how: 'To choose your password and sign in, open this link, valid for 7 days:',
          action: 'Accept the invitation',
          copy: 'Or copy this address into your browser:',
          ignore: 'If you were not expecting this invitation, ignore this message.',
        };
  return {
    subject: t.subject,
    text: `${t.hello}\n\n${t.body}\n\n${t.how}\n${link}\n\n${t.ignore}\n`,
    html: toHtml(locale, {
      paragraphs: [t.hello, t.body, t.how],
      link,
      action: t.action,
      after: [t.copy, t.ignore],
    }),
  };
}

/** ACC-1: the link to choose a new password, in the user's language. */
export function passwordResetEmail(
  locale: Locale,
  input: { name: string; email: string; link: string },
): EmailContent {
  const { name, email, link } = input;
  const t =
    locale === 'fr'
      ? {
          subject: 'Choisir un nouveau mot de passe Encours',
          hello: `Bonjour ${name},`,
          body: `Un nouveau mot de passe a été demandé pour votre compte Encours (${email}).`,
          how: 'Pour le choisir, ouvrez ce lien, valable 1 heure :',
          action: 'Choisir un nouveau mot de passe',
          copy: 'Ou copiez cette adresse dans votre navigateur :',
          ignore:
            "Si vous n'êtes pas à l'origine de cette demande, ignorez ce message : votre mot de passe actuel reste valable.",
        }
      : {
          subject: 'Choose a new Encours password',
          hello: `Hello ${name},`,
          body: `A new password was requested for your Encours account (${email}).`,
          how: 'To choose it, open this link, valid for 1 hour:',
          action: 'Choose a new password',
          copy: 'Or copy this address into your browser:',
          ignore: 'If you did not ask for this, ignore this message: your current password still works.',
        };
  return {
    subject: t.subject,
    text: `${t.hello}\n\n${t.body}\n\n${t.how}\n${link}\n\n${t.ignore}\n`,
    html: toHtml(locale, {
      paragraphs: [t.hello, t.body, t.how],
      link,
      action: t.action,
      after: [t.copy, t.ignore],
    }),
  };
}
