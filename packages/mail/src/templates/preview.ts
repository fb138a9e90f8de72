// Writes sample emails to /tmp/paperboy-preview to look at in a browser:
//   npx tsx packages/mail/src/templates/preview.ts
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { compileEmailTemplates } from './compile.ts';
import { SAMPLE_FOOTER, sampleDigestInput } from './sample-digest.ts';
import type { RenderedEmail } from './types.ts';

const OUT_DIR = '/tmp/paperboy-preview';
const EMAIL = 'ada.researcher@example.com';

const templates = await compileEmailTemplates();
const emails: Record<string, RenderedEmail> = {
  confirmation: templates.confirmation({
    email: EMAIL,
    confirmUrl: 'https://paperboy.example.org/confirm?token=eyJzdWIiOiJhZGEifQ.c2lnbmF0dXJl',
    footer: SAMPLE_FOOTER,
  }),
  'already-subscribed': templates.alreadySubscribed({
    email: EMAIL,
    preferencesUrl: 'https://paperboy.example.org/preferences?token=pref_3f9a',
    footer: SAMPLE_FOOTER,
  }),
  digest: templates.digest(sampleDigestInput(10)),
};

await mkdir(OUT_DIR, { recursive: true });
for (const [name, email] of Object.entries(emails)) {
  await writeFile(join(OUT_DIR, `${name}.html`), email.html);
  await writeFile(join(OUT_DIR, `${name}.txt`), `Subject: ${email.subject}\n\n${email.text}`);
  console.log(`${join(OUT_DIR, name)}.{html,txt}  ${email.subject}`);
}
