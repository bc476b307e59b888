// The benchmark's baseline: a bare `node:http` server on the `mongodb` driver that does, per
// request, the same database work as `GET /api/v1/auth/me` in the app:
//   1. the auth lookup      users.findOne({_id}, projection {email, role, deletedAt})
//   2. the profile read     users.findOne({_id, deletedAt: null})
// then answers the user as JSON without its secrets. No framework, no JWT check, no logging,
// no metrics, no rate limiter: what is left between it and the app is the app's own cost.
//
// Started by tools/bench/run.mjs as its own process (so it competes for the CPU exactly as the
// app does). The caller names the user in the `x-user-id` header.
//
// Env: MONGODB_URI, MONGODB_DB, PORT (0: a free port). Prints `BASELINE_LISTENING port=<n>`.
import http from 'node:http';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { MongoClient, ObjectId } = require('mongodb');

const OBJECT_ID = /^[0-9a-fA-F]{24}$/;
const iso = (d) => (d instanceof Date ? d.toISOString() : d ? new Date(d).toISOString() : null);

function send(res, status, body) {
  const json = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(json) });
  res.end(json);
}

async function main() {
  const uri = process.env.MONGODB_URI;
  const dbName = process.env.MONGODB_DB;
  if (!uri || !dbName) throw new Error('MONGODB_URI et MONGODB_DB sont requis');
  // Same pool and connection options as the app's Mongoose connection (libs/database).
  const client = new MongoClient(uri, { maxPoolSize: 10, serverSelectionTimeoutMS: 5000, socketTimeoutMS: 45000, family: 4 });
  await client.connect();
  const users = client.db(dbName).collection('users');

  const server = http.createServer(async (req, res) => {
    try {
      if (req.method === 'GET' && req.url === '/health') return send(res, 200, { status: 'ok' });
      if (req.method !== 'GET' || req.url !== '/me') return send(res, 404, { statusCode: 404, code: 'NOT_FOUND' });
      const id = req.headers['x-user-id'];
      if (typeof id !== 'string' || !OBJECT_ID.test(id)) return send(res, 401, { statusCode: 401, code: 'TOKEN_INVALID' });
      const _id = new ObjectId(id);
      const auth = await users.findOne({ _id }, { projection: { email: 1, role: 1, deletedAt: 1 } });
      if (!auth || auth.deletedAt) return send(res, 401, { statusCode: 401, code: 'TOKEN_INVALID' });
      const doc = await users.findOne({ _id, deletedAt: null });
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
    client.close().finally(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((err) => {
  process.stderr.write(`baseline-server : ${err?.stack ?? err}\n`);
  process.exit(1);
});
