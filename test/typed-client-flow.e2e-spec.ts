import { createApiClient, type ApiClient, type Schema } from '../clients/typescript/src';
import { FullStack, startFullStack } from './support/full-stack';
import { until } from './support/wait';

/**
 * The whole school flow written only with the generated client (clients/typescript): if the
 * OpenAPI document were wrong about a path, a body or an answer, this file would not type-check
 * (`npm run typecheck`, strict) or its calls would fail. No supertest, no casts.
 */

/** The `data` of an answer, or a failure that shows the API's error body. */
function ok<T>(answer: { data?: T; error?: unknown; response: Response }, what: string): T {
  if (answer.data === undefined) {
    throw new Error(`${what} : ${answer.response.status} ${JSON.stringify(answer.error)}`);
  }
  return answer.data;
}

/** The `event:`/`data:` blocks of a Server-Sent Events text, as far as it went. */
function sseEvents(text: string): { event: string; data: string }[] {
  return text
    .split('\n\n')
    .map((block) => {
      const lines = block.split('\n');
      const event = lines.find((l) => l.startsWith('event: '))?.slice(7) ?? 'message';
      const data = lines
        .filter((l) => l.startsWith('data: '))
        .map((l) => l.slice(6))
        .join('');
      return { event, data };
    })
    .filter((e) => e.data !== '');
}

describe('the school flow through the typed client (clients/typescript)', () => {
  let s: FullStack;
  let anonymous: ApiClient;
  const as = (accessToken: string) => createApiClient({ baseUrl: s.t.url, accessToken: () => accessToken });

  beforeAll(async () => {
    s = await startFullStack();
    anonymous = createApiClient({ baseUrl: s.t.url });
  });
  afterAll(async () => {
    await s?.close();
  });

  it('invitation → sign-in → hackathon → conversation → stream → final → jury → grade → published results', async () => {
    const admin = as(s.admin.token);

    // An admin invites a student (no password): the invitation mail carries the link.
    const email = `ada-${Date.now()}@ecole.example`;
    const invited = ok(
      await admin.POST('/api/v1/users', { body: { prenom: 'Ada', nom: 'Lovelace', email, role: 'student' } }),
      'invitation',
    );
    expect(invited.user).toMatchObject({ email, role: 'student' });
    const mail = await s.smtp.waitFor((m) => m.to.includes(email));
    const token = /invitation\?token=([A-Za-z0-9_-]+)/.exec(mail.text)?.[1] ?? '';
    expect(token).not.toBe('');
    const accepted = ok(
      await anonymous.POST('/api/v1/auth/invitation/accept', { body: { token, password: 'mot-de-passe-1' } }),
      'acceptation',
    );
    expect(accepted.user.id).toBe(invited.user.id);

    // She signs in with her new password.
    const signedIn = ok(
      await anonymous.POST('/api/v1/auth/login', { body: { email, password: 'mot-de-passe-1' } }),
      'connexion',
    );
    expect(signedIn.tokenType).toBe('Bearer');
    const student = as(signedIn.accessToken);
    expect(ok(await student.GET('/api/v1/auth/me'), 'moi').user.email).toBe(email);

    // The admin creates and opens a hackathon.
    const now = Date.now();
    const created = ok(
      await admin.POST('/api/v1/hackathons', {
        body: {
          nom: 'Hackathon du client typé',
          description: 'Un parcours complet',
          objectifs: 'Tout essayer',
          dates: { debut: new Date(now - 3600_000).toISOString(), fin: new Date(now + 86400_000).toISOString() },
          anonymatActif: false,
          quotas: { promptsParEtudiant: 10, tokensParEtudiant: 100000 },
          taches: ['Écrire un poème'],
        },
      }),
      'création du hackathon',
    ).hackathon;
    expect(created.statut).toBe('Brouillon');
    const hackathonId = created.id;
    const opened = ok(
      await admin.POST('/api/v1/hackathons/{id}/status', {
        params: { path: { id: hackathonId } },
        body: { statut: 'En cours' },
      }),
      'ouverture',
    );
    expect(opened.hackathon.statut).toBe('En cours');
    const listed = ok(await student.GET('/api/v1/hackathons', { params: { query: { page: 1, limit: 20 } } }), 'liste');
    expect(listed.items.map((h) => h.id)).toContain(hackathonId);

    // The student opens a conversation.
    const conversation = ok(
      await student.POST('/api/v1/conversations', {
        body: { hackathonId, tacheId: created.taches[0].id, temperature: 0.5, maxTokens: 200 },
      }),
      'conversation',
    ).conversation;

    // She opens the conversation's stream with a one-time ticket, as a browser would, then sends.
    const ticket = ok(
      await student.POST('/api/v1/conversations/{id}/stream-ticket', { params: { path: { id: conversation.id } } }),
      'ticket',
    );
    const stream = await anonymous.GET('/api/v1/conversations/{id}/stream', {
      params: { path: { id: conversation.id }, query: { ticket: ticket.ticket } },
      parseAs: 'stream',
    });
    expect(stream.response.status).toBe(200);
    const reader = stream.response.body?.getReader();
    if (!reader) throw new Error('flux SSE sans corps');
    const sent = ok(
      await student.POST('/api/v1/conversations/{id}/messages', {
        params: { path: { id: conversation.id } },
        body: { content: 'Écris un haïku sur les bases de données' },
      }),
      'envoi',
    );
    expect(sent.status).toBe('queued');
    const decoder = new TextDecoder();
    let text = '';
    let stored: Schema<'MessageEvent'> | undefined;
    while (!stored) {
      const { value, done } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
      const message = sseEvents(text).find((e) => e.event === 'message');
      if (message) stored = JSON.parse(message.data);
    }
    await reader.cancel();
    expect(sseEvents(text).some((e) => e.event === 'delta')).toBe(true);
    expect(stored?.message).toMatchObject({ role: 'assistant', replyTo: sent.messageId });
    const answerId = stored?.message.id ?? '';

    // She submits her final version.
    const submitted = ok(
      await student.PUT('/api/v1/conversations/{id}/final', {
        params: { path: { id: conversation.id } },
        body: { promptFinal: 'Écris un haïku sur les bases de données', messageId: answerId },
      }),
      'version finale',
    ).conversation;
    expect(submitted.versionFinale?.messageId).toBe(answerId);

    // The admin names a jury and runs the assignments job.
    const examinerEmail = `grace-${Date.now()}@ecole.example`;
    const examinerUser = ok(
      await admin.POST('/api/v1/users', {
        body: { prenom: 'Grace', nom: 'Hopper', email: examinerEmail, role: 'examiner', password: 'mot-de-passe-2' },
      }),
      'examinateur',
    ).user;
    const jury = ok(
      await admin.PUT('/api/v1/hackathons/{id}/examiners', {
        params: { path: { id: hackathonId } },
        body: { examinerIds: [examinerUser.id] },
      }),
      'jury',
    );
    expect(jury.examinerIds).toEqual([examinerUser.id]);
    const job = ok(
      await admin.POST('/api/v1/hackathons/{id}/assignments', {
        params: { path: { id: hackathonId } },
        body: { examinersPerSubmission: 1 },
      }),
      'attributions',
    );
    const report = await until(async () => {
      const r = ok(await admin.GET('/api/v1/admin/jobs/{id}', { params: { path: { id: job.jobId } } }), 'tâche');
      return r.state === 'completed' || r.state === 'failed' ? r : undefined;
    }, 'la fin de la tâche d’attribution');
    expect(report.state).toBe('completed');

    // The examiner signs in, finds the submission in their queue and grades it.
    const examinerSession = ok(
      await anonymous.POST('/api/v1/auth/login', { body: { email: examinerEmail, password: 'mot-de-passe-2' } }),
      'connexion examinateur',
    );
    const examiner = as(examinerSession.accessToken);
    const queue = ok(
      await examiner.GET('/api/v1/assignments/mine', { params: { query: { status: 'pending' } } }),
      'file de correction',
    );
    expect(queue.items.map((a) => a.conversationId)).toEqual([conversation.id]);
    const submission = ok(
      await examiner.GET('/api/v1/submissions/{conversationId}', {
        params: { path: { conversationId: conversation.id } },
      }),
      'soumission',
    ).submission;
    expect(submission.versionFinale?.reponseIAFinale).toBe(stored?.message.content);
    const graded = ok(
      await examiner.POST('/api/v1/evaluations', {
        body: { conversationId: conversation.id, note: 8.5, comment: 'Un haïku juste et bien construit.' },
      }),
      'évaluation',
    ).evaluation;
    expect(graded.note).toBe(8.5);

    // Before publication the student gets the documented 409; then the admin closes and publishes.
    const early = await student.GET('/api/v1/hackathons/{id}/results/me', { params: { path: { id: hackathonId } } });
    expect(early.response.status).toBe(409);
    expect(early.error?.code).toBe('RESULTS_NOT_PUBLISHED');
    ok(
      await admin.POST('/api/v1/hackathons/{id}/status', {
        params: { path: { id: hackathonId } },
        body: { statut: 'Terminé' },
      }),
      'clôture',
    );
    const published = ok(
      await admin.POST('/api/v1/hackathons/{id}/results/publish', { params: { path: { id: hackathonId } } }),
      'publication',
    );
    expect(published.hackathon.resultatsPublies).toBe(true);

    // The student reads her results: the examiner stays "Examinateur 1".
    const results = ok(
      await student.GET('/api/v1/hackathons/{id}/results/me', { params: { path: { id: hackathonId } } }),
      'résultats',
    );
    expect(results).toEqual({
      hackathonId,
      classe: { moyenne: 8.5, effectif: 1, rang: 1 },
      conversations: [
        {
          conversationId: conversation.id,
          tacheId: created.taches[0].id,
          moyenne: 8.5,
          evaluations: [
            {
              note: 8.5,
              label: expect.any(String),
              comment: 'Un haïku juste et bien construit.',
              gradedAt: graded.gradedAt,
              examinateur: 'Examinateur 1',
            },
          ],
        },
      ],
    });
  });
});
