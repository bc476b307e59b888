// The benchmark's baseline: a bare `node:http` server on the `mongodb` driver (and `ioredis`)
// that does, per request, the same storage work as the app endpoint it stands beside:
//
//   GET  /me     ~ GET /api/v1/auth/me
//     1. the auth lookup, which is also the profile read: users.findOne({_id}), deletion
//        checked in code (the app's guard reads the whole user once and /auth/me answers it)
//   GET  /mine   ~ GET /api/v1/conversations/mine
//     1. the auth lookup      (as above)
//     2. conversations.find({studentId, archived: {$ne: true}}, {messages: 0})
//          .sort({updatedAt: -1, _id: -1}).limit(20)  +  countDocuments of the same filter
//   GET  /active ~ GET /api/v1/hackathons/active
//     1. the auth lookup      (as above)
//     2. the running hackathons, cached in Redis for 30 s as the app does:
//          GET <REDIS_PREFIX>:baseline:active, else hackathons.find({statut: 'En cours',
//          'dates.fin': {$gte: now}}).sort({'dates.debut': -1, _id: -1}) and SET EX 30
//   POST /send   ~ POST /api/v1/conversations/:id/messages (what a 202 minimally costs)
//     1. the auth lookup      (as above)
//     2. insertOne of the message into a scratch collection `bench_baseline_messages`
//     3. LPUSH of a small job payload on `<REDIS_PREFIX>:baseline:jobs` in Redis
//     No quota check, no lock, no BullMQ: it is the floor of "store it and enqueue it", not
//     the same work as the app's send.
//
// Each answers JSON. No framework, no JWT check, no logging, no metrics, no rate limiter: what
// is left between it and the app is the app's own cost.
//
// Started by tools/bench/run.mjs as its own process (so it competes for the CPU exactly as the
// app does). The caller names the user in the `x-user-id` header (and, for /send, the
// conversation in `x-conversation-id`).
//
// Env: MONGODB_URI, MONGODB_DB, REDIS_URL, REDIS_PREFIX, PORT (0: a free port).
// Prints `BASELINE_LISTENING port=<n>`.
import http from 'node:http';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { MongoClient, ObjectId } = require('mongodb');
const Redis = require('ioredis');

const OBJECT_ID = /^[0-9a-fA-F]{24}$/;
const iso = (d) => (d instanceof Date ? d.toISOString() : d ? new Date(d).toISOString() : null);

function send(res, status, body) {
  const json = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(json),
  });
  res.end(json);
}

async function main() {
  const uri = process.env.MONGODB_URI;
  const dbName = process.env.MONGODB_DB;
  if (!uri || !dbName) throw new Error('MONGODB_URI et MONGODB_DB sont requis');
  // Same pool and connection options as the app's Mongoose connection (libs/database).
  const client = new MongoClient(uri, {
    maxPoolSize: 10,
    serverSelectionTimeoutMS: 5000,
    socketTimeoutMS: 45000,
    family: 4,
  });
  await client.connect();
  const db = client.db(dbName);
  const users = db.collection('users');
  const conversations = db.collection('conversations');
  const scratch = db.collection('bench_baseline_messages');
  const redis = process.env.REDIS_URL ? new Redis(process.env.REDIS_URL, { maxRetriesPerRequest: 1 }) : null;
  const jobsKey = `${process.env.REDIS_PREFIX ?? 'pcbench'}:baseline:jobs`;
  const activeKey = `${process.env.REDIS_PREFIX ?? 'pcbench'}:baseline:active`;
  const hackathons = db.collection('hackathons');

  const readBody = (req) =>
    new Promise((resolve, reject) => {
      let data = '';
      req.setEncoding('utf8');
      req.on('data', (d) => (data += d));
      req.on('end', () => resolve(data));
      req.on('error', reject);
    });

  const authenticate = async (req, res) => {
    const id = req.headers['x-user-id'];
    if (typeof id !== 'string' || !OBJECT_ID.test(id))
      return void send(res, 401, { statusCode: 401, code: 'TOKEN_INVALID' });
    const _id = new ObjectId(id);
    const who = await users.findOne({ _id }); // the whole user, as the app's guard reads it
    if (!who || who.deletedAt) return void send(res, 401, { statusCode: 401, code: 'TOKEN_INVALID' });
    return _id;
  };

  const summary = (c) => ({
    id: String(c._id),
    hackathonId: String(c.hackathonId),
    tacheId: c.tacheId,
    studentId: String(c.studentId),
    modelName: c.modelName,
    archived: c.archived ?? false,
    versionFinale: c.versionFinale ?? null,
    createdAt: iso(c.createdAt),
    updatedAt: iso(c.updatedAt),
  });

  const server = http.createServer(async (req, res) => {
    try {
      if (req.method === 'GET' && req.url === '/health') return send(res, 200, { status: 'ok' });
      if (req.method === 'GET' && req.url === '/mine') {
        const studentId = await authenticate(req, res);
        if (!studentId) return;
        const q = { studentId, archived: { $ne: true } };
        const [docs, total] = await Promise.all([
          conversations
            .find(q, { projection: { messages: 0 } })
            .sort({ updatedAt: -1, _id: -1 })
            .limit(20)
            .toArray(),
          conversations.countDocuments(q),
        ]);
        return send(res, 200, { items: docs.map(summary), total, page: 1, limit: 20 });
      }
      if (req.method === 'GET' && req.url === '/active') {
        const studentId = await authenticate(req, res);
        if (!studentId) return;
        const now = new Date();
        let items = redis ? JSON.parse((await redis.get(activeKey)) ?? 'null') : null;
        if (!items) {
          const docs = await hackathons
            .find({ statut: 'En cours', 'dates.fin': { $gte: now } })
            .sort({ 'dates.debut': -1, _id: -1 })
            .toArray();
          items = docs.map((h) => ({
            id: String(h._id),
            nom: h.nom,
            statut: h.statut,
            dates: { debut: iso(h.dates?.debut), fin: iso(h.dates?.fin) },
            quotas: h.quotas,
            taches: h.taches,
          }));
          await redis?.set(activeKey, JSON.stringify(items), 'EX', 30);
        }
        const t = now.getTime();
        return send(res, 200, {
          items: items.filter((h) => Date.parse(h.dates.debut) <= t && t <= Date.parse(h.dates.fin)),
        });
      }
      if (req.method === 'POST' && req.url === '/send') {
        const raw = await readBody(req);
        const studentId = await authenticate(req, res);
        if (!studentId) return;
        const conv = req.headers['x-conversation-id'];
        if (typeof conv !== 'string' || !OBJECT_ID.test(conv))
          return send(res, 400, { statusCode: 400, code: 'VALIDATION' });
        const { content } = JSON.parse(raw || '{}');
        if (typeof content !== 'string' || !content.trim())
          return send(res, 400, { statusCode: 400, code: 'VALIDATION' });
        const now = new Date();
        const { insertedId } = await scratch.insertOne({
          conversationId: new ObjectId(conv),
          studentId,
          role: 'user',
          content: content.trim(),
          createdAt: now,
        });
        await redis.lpush(
          jobsKey,
          JSON.stringify({ conversationId: conv, messageId: String(insertedId), at: now.getTime() }),
        );
        return send(res, 202, { messageId: String(insertedId), status: 'queued' });
      }
      if (req.method !== 'GET' || req.url !== '/me') return send(res, 404, { statusCode: 404, code: 'NOT_FOUND' });
      const id = req.headers['x-user-id'];
      if (typeof id !== 'string' || !OBJECT_ID.test(id))
        return send(res, 401, { statusCode: 401, code: 'TOKEN_INVALID' });
      const _id = new ObjectId(id);
      const found = await users.findOne({ _id });
      const doc = found && !found.deletedAt ? found : null;
      if (!doc) return send(res, 401, { statusCode: 401, code: 'TOKEN_INVALID' });
      send(res, 200, {
        user: {
          id: String(doc._id),
          prenom: doc.prenom,
          nom: doc.nom,
          email: doc.email,
          dateNaissance: iso(doc.dateNaissance),
          numeroEtudiant: doc.numeroEtudiant ?? null,
          role: doc.role ?? '',
          tokensAuthorized: doc.tokensAuthorized ?? null,
          tokensUsed: doc.tokensUsed ?? 0,
          profilEtudiant: doc.profilEtudiant ?? null,
          profilJury: doc.profilJury ?? null,
          consentementRGPD: doc.consentementRGPD ?? false,
          createdAt: iso(doc.createdAt),
          updatedAt: iso(doc.updatedAt),
        },
      });
    } catch (err) {
      send(res, 500, { statusCode: 500, code: 'INTERNAL', message: String(err?.message ?? err) });
    }
  });
  // Same keep-alive behaviour as Node's default server in the app (Express on node:http).
  server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
    process.stdout.write(`BASELINE_LISTENING port=${server.address().port}\n`);
  });

  const stop = () => {
    server.close();
    server.closeAllConnections?.();
    redis?.disconnect();
    client.close().finally(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((err) => {
  process.stderr.write(`baseline-server : ${err?.stack ?? err}\n`);
  process.exit(1);
});
