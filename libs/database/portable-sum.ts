import type { Model } from 'mongoose';

/**
 * Sums several fields over the documents matching `match`.
 *
 * FerretDB v1.24 computes only the first accumulator of a `$group` correctly (with
 * `{a: {$sum: '$a'}, b: {$sum: '$b'}}` it returned a=2, b=0 where b should have been 140),
 * so each field gets its own single-accumulator `$group`, run in parallel. Same answer on
 * MongoDB, where one stage would do.
 */
export async function sumFields<F extends string>(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any collection's model
  model: Model<any>,
  match: Record<string, unknown>,
  fields: readonly F[],
): Promise<Record<F, number>> {
  const sums = await Promise.all(
    fields.map(async (field) => {
      const [row] = await model.aggregate<{ total: number }>([
        { $match: match },
        { $group: { _id: null, total: { $sum: `$${field}` } } },
      ]);
      return [field, row?.total ?? 0] as const;
    }),
  );
  return Object.fromEntries(sums) as Record<F, number>;
}
