import { NotFoundException } from '@nestjs/common';
import { AllExceptionsFilter } from './all-exceptions.filter';

describe('AllExceptionsFilter.toBody', () => {
  const filter = new AllExceptionsFilter();

  it('maps a Mongo duplicate key (11000) to 409 DUPLICATE_KEY naming the field, in French', () => {
    const { body } = filter.toBody({ code: 11000, keyPattern: { email: 1 }, message: 'E11000 duplicate key' });
    expect(body).toEqual({
      statusCode: 409,
      code: 'DUPLICATE_KEY',
      message: 'email déjà utilisé',
      details: [{ field: 'email' }],
    });
  });

  it('finds the field in a FerretDB-style message without keyPattern', () => {
    const { body } = filter.toBody({
      code: 11000,
      message: 'E11000 duplicate key error collection: db.users index: email_1',
    });
    expect(body.code).toBe('DUPLICATE_KEY');
    expect(body.message).toBe('email déjà utilisé');
  });

  it('maps a Mongoose ValidationError to 400 VALIDATION_FAILED with the seed messages', () => {
    const { body } = filter.toBody({
      name: 'ValidationError',
      errors: { note: { message: 'La note doit être au minimum de 1' } },
    });
    expect(body.statusCode).toBe(400);
    expect(body.code).toBe('VALIDATION_FAILED');
    expect(body.message).toBe('La note doit être au minimum de 1');
  });

  it('maps body-parser errors', () => {
    expect(filter.toBody({ type: 'entity.parse.failed', status: 400 }).body.code).toBe('INVALID_JSON');
    expect(filter.toBody({ type: 'entity.too.large', status: 413 }).body.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('maps an unmatched route to 404 ROUTE_NOT_FOUND', () => {
    const { body } = filter.toBody(new NotFoundException('Cannot GET /api/v1/x'), {
      method: 'GET',
      path: '/api/v1/x',
    } as any);
    expect(body).toEqual({ statusCode: 404, code: 'ROUTE_NOT_FOUND', message: 'Route introuvable : GET /api/v1/x' });
  });

  it('hides anything unknown behind a 500 with an error id', () => {
    const { body } = filter.toBody(new Error('boom: secret detail'));
    expect(body.statusCode).toBe(500);
    expect(body.code).toBe('INTERNAL_ERROR');
    expect(body.message).not.toContain('secret');
    expect(body.errorId).toMatch(/^[0-9a-f-]{36}$/);
  });
});
