// Bulk seeding of the benchmark at the seed's scale, through the `mongodb` driver (not HTTP):
// documents shaped as the app's schemas store them (src/*/**.schema.ts).
//
// Layout, deterministic so that 1 000 and 10 000 conversations differ only in volume:
//   - users: BENCH_USERS (1 000): examiners (4 %), the rest students; one bcrypt hash for all;
//   - "hot" students 0..99: 10 conversations each in the running hackathon H1 (5 open, 5
//     submitted), the same at every scale: the reads and sends of the benchmark are theirs,
//     so the growth figures show what the *other* documents cost them;
//   - growth: conversations for students 100.. (those below 300 in H1, so H1's dashboard has
//     300 students; the others in H2/H3), half of them submitted;
//   - every conversation ~8 KB: 8 embedded messages of ~950 characters;
//   - evaluations: one per submitted conversation (5 000 at 10 000 conversations);
//   - usage ledger: a reserve and a settle row per conversation.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { ObjectId } = require('mongodb');

export const HOT_STUDENTS = 100;
export const HOT_CONVERSATIONS_PER_STUDENT = 10;
export const DASHBOARD_STUDENTS = 300;
const BATCH = 500;

const TEXT =
  'Écris une fonction Python qui lit un fichier CSV, calcule la moyenne de chaque colonne numérique ' +
  'et affiche le résultat trié. Explique chaque étape, gère les valeurs manquantes et les erreurs de format. ';

function messages(at) {
  const out = [];
  let replyTo = null;
  for (let i = 0; i < 8; i++) {
    const _id = new ObjectId();
    const student = i % 2 === 0;
    out.push({
      _id,
      role: student ? 'student' : 'assistant',
      content: `${i}: ${TEXT.repeat(5)}`.slice(0, 950),
      createdAt: new Date(at.getTime() + i * 1000),
      tokenCount: 230,
      ...(student ? {} : { modelUsed: 'gpt-4', replyTo }),
    });
    replyTo = _id;
  }
  return out;
}

async function insertAll(collection, docs) {
  for (let i = 0; i < docs.length; i += BATCH) {
    await collection.insertMany(docs.slice(i, i + BATCH), { ordered: false });
  }
}

/** 1 000 users: examiners first, then students. Returns their ids and emails. */
export async function seedUsers(db, { users, passwordHash }) {
  const examiners = Math.max(1, Math.round(users * 0.04));
  const now = new Date();
  const docs = Array.from({ length: users }, (_, i) => {
    const examiner = i < examiners;
    const n = examiner ? i : i - examiners;
    return {
      _id: new ObjectId(),
      prenom: examiner ? `Jury${n}` : `Élève${n}`,
      nom: `Bench${n}`,
      email: examiner ? `bench-examiner-${n}@bench.local` : `bench-student-${n}@bench.local`,
      ...(examiner ? {} : { numeroEtudiant: `B${100000 + n}` }),
      passwordHash,
      role: examiner ? 'examiner' : 'student',
      tokensUsed: 0,
      consentementRGPD: true,
      ...(examiner ? {} : { profilEtudiant: { niveauFormation: 'Licence', typeEtude: 'Informatique', groupId: null } }),
      deletedAt: null,
      createdAt: now,
      updatedAt: now,
      __v: 0,
    };
  });
  await insertAll(db.collection('users'), docs);
  const pick = (d) => ({ id: String(d._id), _id: d._id, email: d.email });
  return { examiners: docs.slice(0, examiners).map(pick), students: docs.slice(examiners).map(pick) };
}

/**
 * `count` students only (the class simulation, tools/bench/class.mjs), shaped as seedUsers
 * stores them: `class-student-<i>@bench.local`, one bcrypt hash for all. Returns [{index, id, email}].
 */
export async function seedStudents(db, { count, passwordHash }) {
  const now = new Date();
  const docs = Array.from({ length: count }, (_, i) => ({
    _id: new ObjectId(),
    prenom: `Élève${i}`,
    nom: `Classe${i}`,
    email: `class-student-${i}@bench.local`,
    numeroEtudiant: `C${100000 + i}`,
    passwordHash,
    role: 'student',
    tokensUsed: 0,
    consentementRGPD: true,
    profilEtudiant: { niveauFormation: 'Lycée', typeEtude: 'Seconde', groupId: null },
    deletedAt: null,
    createdAt: now,
    updatedAt: now,
    __v: 0,
  }));
  await insertAll(db.collection('users'), docs);
  return docs.map((d, index) => ({ index, id: String(d._id), email: d.email }));
}

function conversation({ studentId, hackathon, tacheId, submitted, at }) {
  const msgs = messages(at);
  return {
    _id: new ObjectId(),
    hackathonId: hackathon,
    tacheId,
    studentId,
    groupId: null,
    modelName: 'gpt-4',
    maxTokens: 1000,
    maxTokensUsed: 1000,
    temperature: 0.7,
    temperatureUsed: 0.7,
    messages: msgs,
    versionFinale: submitted
      ? { promptFinal: msgs[6].content, reponseIAFinale: msgs[7].content, soumisLe: new Date(at.getTime() + 9000) }
      : null,
    statistiquesIA: { modelUtilise: 'gpt-4', tokensTotal: 1840, coutEstime: 0.05 },
    messageCount: msgs.length,
    totalTokens: 1840,
    countsUsage: true,
    archived: false,
    createdAt: at,
    updatedAt: new Date(at.getTime() + 9000),
    __v: 0,
  };
}

/**
 * Adds conversations (with their evaluations and ledger rows) until `target` exist.
 * `state.count` is how many this run already seeded; returns the hot students' open
 * conversations the first time (the send targets).
 */
export async function seedConversations(db, { target, state, students, examiners, hackathons }) {
  const convs = [];
  const base = Date.now() - 86400_000;
  const tache = (h, k) => h.taches[k % h.taches.length].id;
  if (state.count === 0) {
    for (let i = 0; i < HOT_STUDENTS; i++) {
      for (let k = 0; k < HOT_CONVERSATIONS_PER_STUDENT; k++) {
        convs.push(
          conversation({
            studentId: students[i]._id,
            hackathon: new ObjectId(hackathons.h1.id),
            tacheId: tache(hackathons.h1, k),
            submitted: k >= HOT_CONVERSATIONS_PER_STUDENT / 2,
            at: new Date(base + (i * HOT_CONVERSATIONS_PER_STUDENT + k) * 1000),
          }),
        );
      }
    }
  }
  const others = students.length - HOT_STUDENTS;
  for (let j = state.count + convs.length; j < target; j++) {
    const g = j - HOT_STUDENTS * HOT_CONVERSATIONS_PER_STUDENT;
    const s = HOT_STUDENTS + (g % others);
    const h = s < DASHBOARD_STUDENTS ? hackathons.h1 : g % 2 ? hackathons.h2 : hackathons.h3;
    convs.push(
      conversation({
        studentId: students[s]._id,
        hackathon: new ObjectId(h.id),
        tacheId: tache(h, g),
        submitted: g % 2 === 0,
        at: new Date(base + j * 1000),
      }),
    );
  }
  await insertAll(db.collection('conversations'), convs);
  const submitted = convs.filter((c) => c.versionFinale);
  await insertAll(
    db.collection('evaluations'),
    submitted.map((c, i) => ({
      conversationId: c._id,
      studentId: c.studentId,
      examinerId: examiners[(state.evaluations + i) % examiners.length]._id,
      hackathonId: c.hackathonId,
      tacheId: c.tacheId,
      note: 5 + ((state.evaluations + i) % 10) / 2,
      comment: 'Bonne démarche, prompt précis et bien structuré.',
      gradedAt: new Date(c.updatedAt.getTime() + 60000),
      createdAt: c.updatedAt,
      updatedAt: c.updatedAt,
      __v: 0,
    })),
  );
  await insertAll(
    db.collection('usage_ledger'),
    convs.flatMap((c) => [
      {
        hackathonId: c.hackathonId,
        studentId: c.studentId,
        reservationId: `seed-${c._id}`,
        kind: 'reserve',
        prompts: 1,
        tokens: 1230,
        used: 0,
        userLimited: false,
        at: c.createdAt,
      },
      {
        hackathonId: c.hackathonId,
        studentId: c.studentId,
        reservationId: `seed-${c._id}`,
        kind: 'settle',
        prompts: 0,
        tokens: -1000,
        used: 230,
        userLimited: false,
        at: c.updatedAt,
      },
    ]),
  );
  const first = state.count === 0;
  state.count += convs.length;
  state.evaluations += submitted.length;
  if (!first) return null;
  return convs
    .slice(0, HOT_STUDENTS * HOT_CONVERSATIONS_PER_STUDENT)
    .filter((c) => !c.versionFinale)
    .map((c) => ({ id: String(c._id), studentId: String(c.studentId) }));
}
