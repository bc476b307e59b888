import { anOpenHackathonBody } from './builders';
import { createUser, TestUser } from './auth';
import { FakeLlm, startFakeLlm } from './fake-llm/fake-llm.server';
import { SmtpCapture } from './smtp-capture';
import { startTestApp, TestApp } from './test-app';
import { until } from './wait';

/** The app's variables that point both AI SDKs at the fake LLM server. */
export const fakeLlmEnv = (llm: FakeLlm) => ({
  AI_FAKE: 'true',
  OPENAI_BASE_URL: llm.openAiBaseUrl,
  MISTRAL_SERVER_URL: llm.mistralServerUrl,
});

export interface FullStack {
  t: TestApp;
  llm: FakeLlm;
  smtp: SmtpCapture;
  admin: TestUser;
  close: () => Promise<void>;
}

/** The app with the fake LLM and a real SMTP capture, plus one admin: what the jury and admin flows need. */
export async function startFullStack(env: Record<string, string> = {}): Promise<FullStack> {
  const llm = await startFakeLlm();
  const smtp = await new SmtpCapture().start();
  const t = await startTestApp({ ...fakeLlmEnv(llm), SMTP_URL: smtp.url, BCRYPT_ROUNDS: '4', ...env });
  const admin = await createUser(t, 'admin');
  return {
    t,
    llm,
    smtp,
    admin,
    close: async () => {
      await t.close();
      await smtp.stop();
      await llm.close();
    },
  };
}

type Api = (method: 'post', path: string, who: TestUser) => any;

/** Creates a hackathon as `admin` (anOpenHackathonBody + overrides) and starts it (`En cours`). */
export async function openHackathonVia(api: Api, admin: TestUser, overrides: Record<string, unknown> = {}) {
  const h = (await api('post', '/hackathons', admin).send(anOpenHackathonBody(overrides)).expect(201)).body.hackathon;
  await api('post', `/hackathons/${h.id}/status`, admin).send({ statut: 'En cours' }).expect(200);
  return {
    id: h.id as string,
    nom: h.nom as string,
    tacheId: h.taches[0].id as string,
    tacheTitre: h.taches[0].titre as string,
  };
}

/** Runs the assignments job of hackathon `id` as `admin` (one examiner per submission) and waits for it to complete. */
export async function assignExaminersVia(
  api: (method: 'get' | 'post', path: string, who: TestUser) => any,
  admin: TestUser,
  id: string,
): Promise<void> {
  const job = (
    await api('post', `/hackathons/${id}/assignments`, admin).send({ examinersPerSubmission: 1 }).expect(202)
  ).body.jobId;
  await until(async () => {
    const j = (await api('get', `/hackathons/${id}/assignments/jobs/${job}`, admin).expect(200)).body;
    if (j.state === 'failed') throw new Error(j.failedReason);
    return j.state === 'completed';
  }, 'le job d’attribution');
}

/** A conversation of `who` with one answered prompt (mistral-small, 200 tokens): what a final version needs. */
export async function answeredConversationVia(
  api: (method: 'get' | 'post', path: string, who: TestUser) => any,
  who: TestUser,
  h: { id: string; tacheId: string },
): Promise<{ id: string; messageId: string }> {
  const id = (
    await api('post', '/conversations', who)
      .send({ hackathonId: h.id, tacheId: h.tacheId, modelName: 'mistral-small', maxTokens: 200 })
      .expect(201)
  ).body.conversation.id as string;
  await api('post', `/conversations/${id}/messages`, who).send({ content: 'Traduis Bonjour' }).expect(202);
  const reply = await until(async () => {
    const c = (await api('get', `/conversations/${id}`, who).expect(200)).body.conversation;
    return c.messages.find((m: { role: string }) => m.role === 'assistant');
  }, 'réponse de l’assistant');
  return { id, messageId: reply.id as string };
}

/**
 * Has `who` ask one prompt in conversation `id`, waits for the assistant's answer, and submits
 * it as the final version with `promptFinal`. Returns the answer (the final version holds its text).
 */
export async function submitFinalVia(
  api: (method: 'get' | 'post' | 'put', path: string, who: TestUser) => any,
  who: TestUser,
  id: string,
  promptFinal: string,
) {
  await api('post', `/conversations/${id}/messages`, who)
    .send({ content: `Question pour ${promptFinal}` })
    .expect(202);
  const answer = await until(async () => {
    const c = (await api('get', `/conversations/${id}`, who).expect(200)).body.conversation;
    return c.messages.find((m: { role: string }) => m.role === 'assistant');
  }, 'la réponse de l’assistant');
  await api('put', `/conversations/${id}/final`, who).send({ promptFinal, messageId: answer.id }).expect(200);
  return answer as { id: string; content: string };
}
