import { ArgumentMetadata } from '@nestjs/common';
import { aHackathon } from '../../test/support/builders/hackathon.builder';
import { AppError, createValidationPipe } from '../../libs/http';
import { ChangeStatusDto } from './change-status/change-status.dto';
import { CreateHackathonDto } from './create-hackathon/create-hackathon.dto';
import { ListHackathonsQuery } from './list-hackathons/list-hackathons.dto';
import { NewTacheDto } from './hackathon.dto';
import { UpdateHackathonDto } from './update-hackathon/update-hackathon.dto';

const pipe = createValidationPipe();
const asBody = (metatype: new () => object): ArgumentMetadata => ({ type: 'body', metatype });

async function fieldsRefused(metatype: new () => object, value: unknown): Promise<string[]> {
  try {
    await pipe.transform(value, asBody(metatype));
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('VALIDATION_FAILED');
    return ((err as AppError).details as { field: string }[]).map((d) => d.field);
  }
  throw new Error('expected VALIDATION_FAILED');
}

describe('CreateHackathonDto', () => {
  it('accepts the builder’s body, trims, and turns plain task titles into {titre}', async () => {
    const body = aHackathon().named('  Nom  ').withTaches(' Une ', { titre: 'Deux ' }).build();
    const dto = (await pipe.transform(body, asBody(CreateHackathonDto))) as CreateHackathonDto;
    expect(dto.nom).toBe('Nom');
    expect(dto.taches).toEqual([expect.any(NewTacheDto), expect.any(NewTacheDto)]);
    expect((dto.taches as NewTacheDto[]).map((t) => t.titre)).toEqual(['Une', 'Deux']);
  });

  it.each([
    ['missing nom', { nom: undefined }, 'nom'],
    ['blank nom', { nom: '   ' }, 'nom'],
    ['nom as an operator', { nom: { $ne: null } }, 'nom'],
    ['missing dates', { dates: undefined }, 'dates'],
    [
      'fin equal to debut',
      { dates: { debut: '2025-03-10T08:00:00.000Z', fin: '2025-03-10T08:00:00.000Z' } },
      'dates.fin',
    ],
    [
      'fin before debut',
      { dates: { debut: '2025-03-10T08:00:00.000Z', fin: '2025-03-09T08:00:00.000Z' } },
      'dates.fin',
    ],
    [
      'a date that is not one',
      { dates: { debut: '2025-02-30T08:00:00.000Z', fin: '2025-03-10T08:00:00.000Z' } },
      'dates.debut',
    ],
    [
      'archiveLe given',
      {
        dates: {
          debut: '2025-03-10T08:00:00.000Z',
          fin: '2025-03-11T08:00:00.000Z',
          archiveLe: '2025-03-12T08:00:00.000Z',
        },
      },
      'dates.archiveLe',
    ],
    [
      'negative prompts quota',
      { quotas: { promptsParEtudiant: -1, tokensParEtudiant: 100 } },
      'quotas.promptsParEtudiant',
    ],
    ['zero tokens quota', { quotas: { promptsParEtudiant: 1, tokensParEtudiant: 0 } }, 'quotas.tokensParEtudiant'],
    ['non-integer quota', { quotas: { promptsParEtudiant: 1.5, tokensParEtudiant: 100 } }, 'quotas.promptsParEtudiant'],
    [
      'quota as a string',
      { quotas: { promptsParEtudiant: '10', tokensParEtudiant: 100 } },
      'quotas.promptsParEtudiant',
    ],
    [
      'quota over the bound',
      { quotas: { promptsParEtudiant: 10, tokensParEtudiant: 10_000_001 } },
      'quotas.tokensParEtudiant',
    ],
    ['missing quotas', { quotas: undefined }, 'quotas'],
    ['a task that is a number', { taches: ['ok', 3] }, 'taches.1'],
    ['a task with an operator', { taches: [{ titre: { $ne: 1 } }] }, 'taches.0.titre'],
    ['a task with an id on creation', { taches: [{ id: 'a'.repeat(24), titre: 'x' }] }, 'taches.0.id'],
    ['statut on creation', { statut: 'En cours' }, 'statut'],
    ['an unknown field', { couleur: 'bleu' }, 'couleur'],
  ])('refuses %s', async (_label, overrides, field) => {
    expect(await fieldsRefused(CreateHackathonDto, aHackathon().with(overrides).build())).toContain(field);
  });
});

describe('UpdateHackathonDto', () => {
  it('accepts partial dates and quotas, and {id, titre} tasks', async () => {
    const dto = (await pipe.transform(
      {
        dates: { fin: '2030-01-01T00:00:00.000Z' },
        quotas: { promptsParEtudiant: 5 },
        taches: ['a', { id: 'a'.repeat(24), titre: 'b' }],
      },
      asBody(UpdateHackathonDto),
    )) as UpdateHackathonDto;
    expect(dto.quotas).toEqual({ promptsParEtudiant: 5 });
    expect(dto.taches).toHaveLength(2);
  });

  it.each([
    ['statut', { statut: 'Terminé' }, 'statut'],
    ['statut null', { statut: null }, 'statut'],
    ['archiveLe', { dates: { archiveLe: '2025-01-01T00:00:00.000Z' } }, 'dates.archiveLe'],
    [
      'fin before debut, both given',
      { dates: { debut: '2025-03-10T08:00:00.000Z', fin: '2025-03-01T00:00:00.000Z' } },
      'dates.fin',
    ],
    ['a negative quota', { quotas: { tokensParEtudiant: -5 } }, 'quotas.tokensParEtudiant'],
    ['a malformed task id', { taches: [{ id: 'xyz', titre: 'a' }] }, 'taches.0.id'],
    ['id', { id: 'a'.repeat(24) }, 'id'],
  ])('refuses %s', async (_label, body, field) => {
    expect(await fieldsRefused(UpdateHackathonDto, body)).toContain(field);
  });

  it('explains where the statut changes', async () => {
    await expect(pipe.transform({ statut: 'Terminé' }, asBody(UpdateHackathonDto))).rejects.toMatchObject({
      message: expect.stringContaining('/status'),
    });
  });
});

describe('ChangeStatusDto and ListHackathonsQuery', () => {
  it('read the statut leniently into its canonical spelling', async () => {
    await expect(pipe.transform({ statut: 'en_cours' }, asBody(ChangeStatusDto))).resolves.toEqual({
      statut: 'En cours',
    });
    const q = (await pipe.transform(
      { statut: 'TERMINE', q: '  x ' },
      { type: 'query', metatype: ListHackathonsQuery },
    )) as ListHackathonsQuery;
    expect(q).toMatchObject({ statut: 'Terminé', q: 'x', page: 1, limit: 20 });
  });

  it.each([[{ statut: 'Fini' }], [{}], [{ statut: 3 }], [{ statut: ['Test'] }]])('refuses statut %j', async (body) => {
    expect(await fieldsRefused(ChangeStatusDto, body)).toContain('statut');
  });
});
