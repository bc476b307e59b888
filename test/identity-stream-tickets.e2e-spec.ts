import { Controller, Get, Module, Param, Post } from '@nestjs/common';
import { getConnectionToken } from '@nestjs/mongoose';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Connection } from 'mongoose';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { validateEnv } from '../config/env.schema';
import { Clock } from '../libs/clock';
import { AuthUser, CurrentUser, Roles, StreamTicketAuth } from '../libs/http';
import { RedisService } from '../libs/redis';
import { configureHttp } from '../src/bootstrap';
import { AppModule } from '../src/app.module';
import { IdentityModule, StreamTickets } from '../src/identity';
import { FakeClock } from './support/builders';
import { createUser, TestUser } from './support/auth';
import { testEnv } from './support/test-app';

/**
 * A stand-in for a context's stream routes, wired exactly as the conversation and dashboard
 * streams are meant to be: the owner's POST issues a ticket after its own checks, the stream
 * route is marked `@StreamTicketAuth()`.
 */
@Controller('probe')
class ProbeStreamController {
  constructor(private readonly tickets: StreamTickets) {}

  @Post(':id/stream-ticket')
  issue(@Param('id') id: string, @CurrentUser() caller: AuthUser) {
    return this.tickets.issue(caller, 'probe', id);
  }

  @StreamTicketAuth('probe')
  @Get(':id/stream')
  stream(@Param('id') id: string, @CurrentUser() caller: AuthUser) {
    return { id, userId: caller.id, role: caller.role };
  }

  @Roles('admin')
  @StreamTicketAuth('probe')
  @Get(':id/admin-stream')
  adminStream(@Param('id') id: string) {
    return { id };
  }
}

@Module({ imports: [IdentityModule], controllers: [ProbeStreamController] })
class ProbeModule {}

describe('stream tickets (EventSource without an Authorization header)', () => {
  let app: NestExpressApplication;
  let http: () => request.Agent;
  let student: TestUser;
  let other: TestUser;
  let redisPrefix: string;
  const clock = new FakeClock();
  const A = '0123456789abcdef01234567';
  const B = '76543210fedcba9876543210';

  beforeAll(async () => {
    const config = validateEnv(testEnv({ BCRYPT_ROUNDS: '4' }));
    redisPrefix = config.REDIS_PREFIX;
    const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot(config), ProbeModule] })
      .overrideProvider(Clock)
      .useValue(clock)
      .compile();
    app = moduleRef.createNestApplication<NestExpressApplication>({ bodyParser: false, logger: false });
    configureHttp(app, config);
    await app.init();
    http = () => request.agent(app.getHttpServer());
    const t = { app } as never;
    student = await createUser(t, 'student');
    other = await createUser(t, 'student');
  });
  afterAll(async () => {
    await app?.get<Connection>(getConnectionToken()).dropDatabase();
    await app?.close();
  });
  afterEach(() => clock.reset());

  const ticketFor = async (who: TestUser, id: string) =>
    (await http().post(`/api/v1/probe/${id}/stream-ticket`).set('Authorization', who.bearer).expect(201)).body as {
      ticket: string;
      expiresAt: string;
    };
  const open = (id: string, ticket: unknown, path = 'stream') =>
    http().get(`/api/v1/probe/${id}/${path}`).query({ ticket });

  it('opens the stream once with ?ticket=, as its owner; a second use is 401 STREAM_TICKET_INVALID', async () => {
    const { ticket, expiresAt } = await ticketFor(student, A);
    expect(ticket).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const ttl = Date.parse(expiresAt) - Date.now();
    expect(ttl).toBeGreaterThan(50_000);
    expect(ttl).toBeLessThanOrEqual(60_000);
    const first = await open(A, ticket).expect(200);
    expect(first.body).toEqual({ id: A, userId: student.id, role: 'student' });
    const second = await open(A, ticket);
    expect(second.status).toBe(401);
    expect(second.body.code).toBe('STREAM_TICKET_INVALID');
  });

  it('refuses a ticket for another resource (and spends it)', async () => {
    const { ticket } = await ticketFor(student, A);
    const wrong = await open(B, ticket);
    expect(wrong.status).toBe(401);
    expect(wrong.body.code).toBe('STREAM_TICKET_INVALID');
    expect((await open(A, ticket)).status).toBe(401);
  });

  it('refuses an expired ticket (61 seconds later)', async () => {
    const { ticket } = await ticketFor(student, A);
    clock.advance(61_000);
    const late = await open(A, ticket);
    expect(late.status).toBe(401);
    expect(late.body.code).toBe('STREAM_TICKET_INVALID');
  });

  it('refuses a made-up ticket, a ticket that is not a string, and no ticket at all', async () => {
    expect((await open(A, 'A'.repeat(43))).body.code).toBe('STREAM_TICKET_INVALID');
    expect((await http().get(`/api/v1/probe/${A}/stream?ticket[$ne]=x`)).status).toBe(401);
    const none = await http().get(`/api/v1/probe/${A}/stream`);
    expect(none.status).toBe(401);
    expect(none.body.code).toBe('UNAUTHORIZED');
  });

  it('binds the ticket to its user: the stream sees who asked for it, and roles still apply', async () => {
    const mine = await ticketFor(other, A);
    expect((await open(A, mine.ticket).expect(200)).body.userId).toBe(other.id);
    const refused = await open(A, (await ticketFor(student, A)).ticket, 'admin-stream');
    expect(refused.status).toBe(403);
  });

  it('dies with the session it was issued in', async () => {
    const u = await createUser({ app } as never, 'student');
    const { ticket } = await ticketFor(u, A);
    await http()
      .post('/api/v1/auth/logout')
      .set('Authorization', u.bearer)
      .send({ refreshToken: u.refreshToken })
      .expect(204);
    const res = await open(A, ticket);
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('SESSION_ENDED');
  });

  it('keeps only a hash of the ticket in Redis, with ids only', async () => {
    const { ticket } = await ticketFor(student, B);
    const redis = app.get(RedisService).client;
    const keys = await redis.keys(`${redisPrefix}:stream-ticket:*`);
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) {
      expect(key).not.toContain(ticket);
      const value = (await redis.get(key)) ?? '';
      expect(value).not.toContain(ticket);
      expect(value).not.toContain('@');
    }
  });
});
