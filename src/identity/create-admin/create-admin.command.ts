import { NestFactory } from '@nestjs/core';
import { parseArgs } from 'node:util';
import { AppModule } from '../../app.module';
import { loadConfigOrExit } from '../../bootstrap';
import { PasswordHasher } from '../password-hasher';
import { UserRepository } from '../user.repository';

/**
 * `npm run create-admin -- --email a@b.c --password '…' [--prenom A --nom B]`
 * (or ADMIN_EMAIL / ADMIN_PASSWORD / ADMIN_PRENOM / ADMIN_NOM). Creates the first admin of a
 * fresh install; run again for an existing email, it makes that user admin and resets the
 * password when one is given.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      email: { type: 'string' },
      password: { type: 'string' },
      prenom: { type: 'string' },
      nom: { type: 'string' },
    },
  });
  const email = (values.email ?? process.env.ADMIN_EMAIL ?? '').trim().toLowerCase();
  const password = values.password ?? process.env.ADMIN_PASSWORD;
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
    process.stderr.write('create-admin : --email (ou ADMIN_EMAIL) valide requis\n');
    process.exit(2);
  }
  if (password !== undefined && password.length < 8) {
    process.stderr.write('create-admin : le mot de passe doit contenir au moins 8 caractères\n');
    process.exit(2);
  }
  const config = loadConfigOrExit({ APP_ROLE: 'api' });
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), { logger: ['error'] });
  try {
    const users = app.get(UserRepository);
    const hasher = app.get(PasswordHasher);
    const passwordHash = password ? await hasher.hash(password) : undefined;
    const existing = await users.findActiveByEmail(email);
    if (existing) {
      await users.promoteToAdmin(existing.id, passwordHash);
      await users.writeAudit({
        actorId: null,
        action: 'user.updated',
        targetId: existing.id,
        changes: { role: { from: existing.role, to: 'admin' } },
        at: new Date(),
      });
      process.stdout.write(`admin mis à jour : ${email}\n`);
    } else {
      const user = await users.create({
        email,
        passwordHash,
        role: 'admin',
        prenom: values.prenom ?? process.env.ADMIN_PRENOM ?? 'Admin',
        nom: values.nom ?? process.env.ADMIN_NOM ?? 'Prompt Challenge',
        consentementRGPD: true,
      });
      await users.writeAudit({
        actorId: null,
        action: 'user.created',
        targetId: user.id,
        changes: { role: { from: null, to: 'admin' } },
        at: new Date(),
      });
      process.stdout.write(`admin créé : ${email} (${user.id})${password ? '' : ' — connexion par lien magique'}\n`);
    }
  } finally {
    await app.close();
  }
}

void main();
