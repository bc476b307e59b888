import { Body, Controller, Get, Injectable, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsMongoId } from 'class-validator';
import { Clock } from '../../../libs/clock';
import { AuthUser, CurrentUser, ParseObjectIdPipe, Roles } from '../../../libs/http';
import { DocumentLock } from '../../../libs/redis';
import { HackathonCatalog } from '../../hackathon';
import { UserDirectory } from '../../identity';
import { AssignmentRepository } from '../assignment.repository';
import { EvaluationErrors } from '../evaluation.errors';

export class ReplaceJuryDto {
  @ApiProperty({
    type: [String],
    description: 'Ids des examinateurs du jury (la liste complète ; [] détache tout le monde)',
    example: ['665f1c0d2a4b8e0012345678'],
  })
  @IsArray()
  @ArrayMaxSize(500)
  @IsMongoId({ each: true, message: 'identifiant d’examinateur invalide' })
  examinerIds: string[];
}

export interface JuryMember {
  id: string;
  prenom: string;
  nom: string;
  email: string;
}

/**
 * The jury of a hackathon: which examiners the assignments job may use. `PUT` replaces the
 * whole list (idempotent); an examiner taken off loses their pending assignments there (their
 * evaluations stay), and the next assignments run fills the gaps.
 */
@Injectable()
export class JuryUseCase {
  constructor(
    private readonly hackathons: HackathonCatalog,
    private readonly assignments: AssignmentRepository,
    private readonly users: UserDirectory,
    private readonly lock: DocumentLock,
    private readonly clock: Clock,
  ) {}

  async list(hackathonId: string): Promise<JuryMember[]> {
    await this.hackathons.getForParticipation(hackathonId);
    return this.members(await this.assignments.examinerIdsOf(hackathonId));
  }

  async replace(hackathonId: string, examinerIds: string[], caller: AuthUser): Promise<JuryMember[]> {
    await this.hackathons.getForParticipation(hackathonId);
    const wanted = [...new Set(examinerIds.map((id) => id.toLowerCase()))];
    const found = new Map((await this.users.findManyByIds(wanted)).map((u) => [u.id, u]));
    const refused = wanted.filter((id) => found.get(id)?.role !== 'examiner');
    if (refused.length) throw EvaluationErrors.notExaminers(refused);
    return this.lock.run(`jury:${hackathonId}`, async () => {
      const current = await this.assignments.examinerIdsOf(hackathonId);
      const now = this.clock.now();
      for (const id of wanted.filter((id) => !current.includes(id)))
        await this.assignments.attach(hackathonId, id, caller.id, now);
      await this.assignments.detach(
        hackathonId,
        current.filter((id) => !wanted.includes(id)),
      );
      return this.members(await this.assignments.examinerIdsOf(hackathonId));
    });
  }

  private async members(ids: string[]): Promise<JuryMember[]> {
    const users = new Map((await this.users.findManyByIds(ids)).map((u) => [u.id, u]));
    return ids
      .filter((id) => users.has(id))
      .map((id) => {
        const u = users.get(id)!;
        return { id: u.id, prenom: u.prenom, nom: u.nom, email: u.email };
      });
  }
}

@ApiTags('evaluations')
@ApiBearerAuth()
@Controller('hackathons')
export class AttachExaminersController {
  constructor(private readonly jury: JuryUseCase) {}

  @Roles('admin')
  @Get(':id/examiners')
  @ApiOperation({ summary: 'Le jury du hackathon : les examinateurs rattachés (admin)' })
  async list(@Param('id', ParseObjectIdPipe) id: string) {
    return { examiners: await this.jury.list(id) };
  }

  @Roles('admin')
  @Put(':id/examiners')
  @ApiOperation({
    summary: 'Remplace le jury du hackathon (admin) : {examinerIds} = la liste complète',
    description:
      'Idempotent. Seuls des utilisateurs de rôle examinateur sont acceptés (sinon 400 VALIDATION_FAILED avec les ids refusés). ' +
      'Un examinateur retiré perd ses attributions en attente dans ce hackathon ; ses évaluations restent. 404 HACKATHON_NOT_FOUND.',
  })
  async replace(
    @Param('id', ParseObjectIdPipe) id: string,
    @Body() dto: ReplaceJuryDto,
    @CurrentUser() caller: AuthUser,
  ) {
    return { examiners: await this.jury.replace(id, dto.examinerIds, caller) };
  }
}
