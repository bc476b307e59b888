import { createUser, TestUser } from './support/auth';
import { FullStack, openHackathonVia, startFullStack } from './support/full-stack';
import { until } from './support/wait';

const tokenFrom = (text: string) => /token=([A-Za-z0-9_-]+)/.exec(text)?.[1];

/**
 * docs/api.md 1.2 "Import": a teacher imports the class list a spreadsheet exports, as it comes
 * (French headers, `;` or tab, BOM, CRLF, extra columns), gets a report per row, and each new
 * account an invitation naming the hackathon, the teacher and the account.
 */
describe('import-users reads what spreadsheets export', () => {
  let s: FullStack;
  let teacher: TestUser;

  const api = (method: 'get' | 'post', path: string, who?: TestUser) => {
    const req = (s.t.http() as any)[method](`/api/v1${path}`);
    return who ? req.set('Authorization', who.bearer) : req;
  };
  const db = (name: string) => s.t.connection.collection(name);
  const tag = () => `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;

  async function runImport(body: Record<string, unknown>): Promise<any> {
    const res = await api('post', '/admin/jobs/import-users', teacher).send(body);
    expect(res.status).toBe(202);
    return until(async () => {
      const r = (await api('get', `/admin/jobs/${res.body.jobId}`, teacher).expect(200)).body;
      return ['completed', 'failed'].includes(r.state) && r;
    }, 'la fin de l’import');
  }

  /** The body of a text download (CSV), as bytes. */
  const download = (path: string, who?: TestUser) => {
    const req = api('get', path, who)
      .buffer(true)
      .parse((res: any, cb: any) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    return req;
  };

  beforeAll(async () => {
    s = await startFullStack({ RATE_LIMIT_PER_MINUTE: '100000' });
    teacher = await createUser(s.t, 'admin', { prenom: 'Claire', nom: 'Enseignante' });
  });
  afterAll(() => s?.close());

  it('imports the French spreadsheet CSV (Nom;Prénom;Adresse e-mail;Classe, BOM, CRLF) into a class, with a report per row', async () => {
    const h = await openHackathonVia(api, teacher, { nom: `Atelier prompts ${tag()}` });
    const t = tag();
    const existing = await createUser(s.t, 'student');
    const email = (p: string) => `${p}.${t}@lycee.example`;
    const csv = [
      '\ufeffNom;Prénom;Adresse e-mail;Classe',
      `Dupont;Élodie;${email('elodie').toUpperCase()};2nde B`,
      `Martin;Hugo;${email('hugo')};2nde B`,
      `Bernard;Inès;pas-une-adresse;2nde B`,
      `Dupont;Élodie bis;${email('elodie')};2nde B`,
      `Déjà;Inscrite;${existing.email};2nde B`,
      `Petit;Noé;${email('noe')};2nde C`,
      '',
    ].join('\r\n');

    const report = await runImport({ csv, hackathonId: h.id });
    expect(report.state).toBe('completed');
    expect(report.result).toEqual({
      rows: 6,
      created: 3,
      skippedExisting: 1,
      invitationsSent: 3,
      rejected: [
        { line: 4, email: 'pas-une-adresse', reason: 'email invalide : pas-une-adresse' },
        { line: 5, email: email('elodie'), reason: 'email en double dans le fichier (déjà ligne 2)' },
      ],
      existing: [
        { line: 6, email: existing.email, reason: 'un compte existe déjà avec cet email : il est laissé tel quel' },
      ],
      existingSample: [existing.email],
      separator: ';',
      columns: { nom: 'Nom', prenom: 'Prénom', email: 'Adresse e-mail', groupId: 'Classe' },
      ignoredColumns: [],
      roster: { hackathonId: h.id, added: 4, size: 4 },
    });

    const users = (await api('get', '/users?role=student&limit=100', teacher).expect(200)).body.items;
    const elodie = users.find((u: any) => u.email === email('elodie'));
    expect(elodie).toEqual(
      expect.objectContaining({
        prenom: 'Élodie',
        nom: 'Dupont',
        role: 'student',
        profilEtudiant: expect.objectContaining({ groupId: '2nde B' }),
        invitation: expect.objectContaining({ statut: 'en_attente' }),
      }),
    );
    expect(users.find((u: any) => u.email === email('noe')).profilEtudiant.groupId).toBe('2nde C');

    // The invitation names the hackathon, the teacher who imported and the account it activates.
    const mail = await s.smtp.waitFor((m) => m.to.includes(email('hugo')));
    expect(mail.subject).toContain(h.nom);
    expect(mail.text).toContain(`au hackathon « ${h.nom} »`);
    expect(mail.text).toContain('par Claire Enseignante');
    expect(mail.text).toContain(`Ce lien active le compte ${email('hugo')}`);
    // The invitation page can say the same before a password is typed.
    const check = await api('post', '/auth/invitation/check')
      .send({ token: tokenFrom(mail.text) })
      .expect(200);
    expect(check.body).toEqual({
      email: email('hugo'),
      prenom: 'Hugo',
      nom: 'Martin',
      hackathon: { id: h.id, nom: h.nom },
      invitePar: { prenom: 'Claire', nom: 'Enseignante' },
      expireLe: expect.any(String),
    });
  });

  it('imports a tab-separated file with English headers, extra columns listed, roles in words, admin rows refused', async () => {
    const t = tag();
    const email = (p: string) => `${p}.${t}@lycee.example`;
    const csv = [
      'Email\tFirst name\tLast name\tProfile\tPhone',
      `${email('ada')}\tAda\tLovelace\tJury\t0600000000`,
      `${email('alan')}\tAlan\tTuring\t\t`,
      `${email('boss')}\tBig\tBoss\tAdministrateur\t`,
    ].join('\n');
    const report = await runImport({ csv });
    expect(report.state).toBe('completed');
    expect(report.result).toEqual(
      expect.objectContaining({
        rows: 3,
        created: 2,
        separator: '\t',
        columns: { email: 'Email', prenom: 'First name', nom: 'Last name', role: 'Profile' },
        ignoredColumns: ['Phone'],
        rejected: [
          { line: 4, email: email('boss'), reason: 'rôle admin refusé : les administrateurs sont créés un par un' },
        ],
      }),
    );
    const users = (await api('get', '/users?limit=100', teacher).expect(200)).body.items;
    expect(users.find((u: any) => u.email === email('ada')).role).toBe('examiner');
    expect(users.find((u: any) => u.email === email('alan')).role).toBe('student');
    expect(await db('users').countDocuments({ email: email('boss') })).toBe(0);
  });

  it('gives a template (GET /admin/import-users/modele.csv) that imports as is', async () => {
    const res = await download('/admin/import-users/modele.csv', teacher).expect(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="modele-import-utilisateurs.csv"');
    const bytes: Buffer = res.body;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text).toBe('\ufeffPrénom;Nom;Adresse e-mail;Rôle;Numéro étudiant;Classe\r\n');

    const asIs = await runImport({ csv: text });
    expect(asIs.state).toBe('completed');
    expect(asIs.result).toEqual(
      expect.objectContaining({ rows: 0, created: 0, rejected: [], separator: ';', ignoredColumns: [] }),
    );
    expect(Object.keys(asIs.result.columns).sort()).toEqual(
      ['email', 'groupId', 'nom', 'numeroEtudiant', 'prenom', 'role'].sort(),
    );

    // Filled in, as a teacher would, then imported.
    const t = tag();
    const filled = `${text}Zoé;Roux;zoe.${t}@lycee.example;élève;INE-1;1re A\r\n`;
    const report = await runImport({ csv: filled });
    expect(report.result).toEqual(expect.objectContaining({ rows: 1, created: 1, rejected: [] }));
    const zoe = (await api('get', '/users?limit=100', teacher).expect(200)).body.items.find(
      (u: any) => u.email === `zoe.${t}@lycee.example`,
    );
    expect(zoe).toEqual(expect.objectContaining({ role: 'student', numeroEtudiant: 'INE-1' }));
  });

  it('keeps the template to admins: 403 for a student, 401 without a token', async () => {
    const student = await createUser(s.t, 'student');
    const refused = await api('get', '/admin/import-users/modele.csv', student);
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('FORBIDDEN');
    expect((await api('get', '/admin/import-users/modele.csv')).status).toBe(401);
  });

  it.each([
    [
      'no column it knows',
      'Name;Mail perso;Group\r\nAda;ada@x.example;G\r\n',
      '« Name », « Mail perso », « Group »',
      /il manque prénom .*, nom .*, email/,
    ],
    [
      'no email column',
      'Prénom,Nom,Téléphone\nAda,Lovelace,06\n',
      '« Prénom », « Nom », « Téléphone »',
      /il manque email \(email, e-mail, courriel, adresse e-mail\)/,
    ],
    [
      'two email columns',
      'prenom;nom;email;courriel\nA;B;a@x.example;b@x.example\n',
      '« email », « courriel »',
      /plusieurs colonnes pour email/,
    ],
  ])(
    'fails the job with CSV_HEADER on a header with %s, saying what it found and what it expected; nothing imported',
    async (_label, csv, found, problem) => {
      const before = await db('users').countDocuments({});
      const report = await runImport({ csv });
      expect(report.state).toBe('failed');
      expect(report.failedReason).toMatch(/^CSV_HEADER: En-tête illisible \(ligne 1\) : colonnes trouvées /);
      expect(report.failedReason).toContain(found);
      expect(report.failedReason).toMatch(problem);
      expect(report.failedReason).toContain('Colonnes attendues : prénom, nom et email (obligatoires)');
      expect(report.result).toBeNull();
      expect(await db('users').countDocuments({})).toBe(before);
    },
  );
});
