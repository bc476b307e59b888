import { AppError } from './app-error';
import { ParseObjectIdPipe } from './object-id.pipe';

describe('ParseObjectIdPipe', () => {
  const pipe = new ParseObjectIdPipe();

  it('accepts a 24-hex id (normalised to lower case)', () => {
    expect(pipe.transform('0123456789ABCDEF01234567')).toBe('0123456789abcdef01234567');
  });

  it.each(['123', 'zzzzzzzzzzzzzzzzzzzzzzzz', 'twelve chars', '0123456789abcdef012345678', undefined, { $ne: 1 }])(
    'refuses %p with 400 INVALID_ID',
    (value) => {
      try {
        pipe.transform(value);
        throw new Error('accepted');
      } catch (err) {
        expect(err).toBeInstanceOf(AppError);
        expect((err as AppError).status).toBe(400);
        expect((err as AppError).code).toBe('INVALID_ID');
      }
    },
  );
});
