import nodemailer from "nodemailer";

export type Mail = { to: string; subject: string; text: string };

/** Sends mail by SMTP when configured; otherwise writes it to the server console. */
export type Mailer = { kind: "smtp" | "console"; send(mail: Mail): Promise<void> };

export function createMailer({ smtpUrl, from }: { smtpUrl?: string; from: string }): Mailer {
  if (!smtpUrl) {
    return {
      kind: "console",
      async send(mail) {
        console.log(`[mail] No mail server is configured, so here is the message.\n  To: ${mail.to}\n  Subject: ${mail.subject}\n${mail.text.replace(/^/gm, "  | ")}`);
      },
    };
  }
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    kind: "smtp",
    async send(mail) {
      await transport.sendMail({ from, ...mail });
    },
  };
}
