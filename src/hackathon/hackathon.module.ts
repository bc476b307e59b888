import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { IdentityModule } from '../identity';
import { ActiveHackathonsCache } from './active-hackathons.cache';
import { ActiveHackathonsController } from './active-hackathons/active-hackathons.controller';
import { ActiveHackathonsUseCase } from './active-hackathons/active-hackathons.usecase';
import { ChangeStatusController } from './change-status/change-status.controller';
import { ChangeStatusUseCase } from './change-status/change-status.usecase';
import { CreateHackathonController } from './create-hackathon/create-hackathon.controller';
import { CreateHackathonUseCase } from './create-hackathon/create-hackathon.usecase';
import { GetHackathonController } from './get-hackathon/get-hackathon.controller';
import { GetHackathonUseCase } from './get-hackathon/get-hackathon.usecase';
import { HackathonCatalog } from './hackathon-catalog.service';
import { HackathonRepository, HackathonWriteGeneration } from './hackathon.repository';
import { ParticipationReads } from './participation-reads';
import {
  Hackathon,
  HackathonExaminer,
  HackathonExaminerSchema,
  HackathonParticipant,
  HackathonParticipantSchema,
  HackathonSchema,
  HackathonTransition,
  HackathonTransitionSchema,
} from './hackathon.schema';
import { ListHackathonsController } from './list-hackathons/list-hackathons.controller';
import { ListHackathonsUseCase } from './list-hackathons/list-hackathons.usecase';
import { PublishResultsController } from './publish-results/publish-results.controller';
import { PublishResultsUseCase } from './publish-results/publish-results.usecase';
import { SetJuryController } from './set-jury/set-jury.controller';
import { SetParticipantsController } from './set-participants/set-participants.controller';
import { SetParticipantsUseCase } from './set-participants/set-participants.usecase';
import { SetStudentQuotaController } from './set-student-quota/set-student-quota.controller';
import { SetStudentQuotaUseCase } from './set-student-quota/set-student-quota.usecase';
import { SetJuryUseCase } from './set-jury/set-jury.usecase';
import { UpdateHackathonController } from './update-hackathon/update-hackathon.controller';
import { UpdateHackathonUseCase } from './update-hackathon/update-hackathon.usecase';

/**
 * Hackathons: lifecycle (status machine), tasks, quota settings, active listing and search.
 * Other contexts use HackathonCatalog only.
 */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: Hackathon.name, schema: HackathonSchema },
      { name: HackathonTransition.name, schema: HackathonTransitionSchema },
      { name: HackathonExaminer.name, schema: HackathonExaminerSchema },
      { name: HackathonParticipant.name, schema: HackathonParticipantSchema },
    ]),
    IdentityModule,
  ],
  // Order matters: the static GET /hackathons/active before GET /hackathons/:id.
  controllers: [
    ActiveHackathonsController,
    ListHackathonsController,
    CreateHackathonController,
    GetHackathonController,
    UpdateHackathonController,
    ChangeStatusController,
    SetJuryController,
    SetParticipantsController,
    SetStudentQuotaController,
    PublishResultsController,
  ],
  providers: [
    HackathonRepository,
    ActiveHackathonsCache,
    { provide: HackathonWriteGeneration, useExisting: ActiveHackathonsCache },
    ParticipationReads,
    CreateHackathonUseCase,
    ListHackathonsUseCase,
    ActiveHackathonsUseCase,
    GetHackathonUseCase,
    UpdateHackathonUseCase,
    ChangeStatusUseCase,
    SetJuryUseCase,
    SetParticipantsUseCase,
    SetStudentQuotaUseCase,
    PublishResultsUseCase,
    HackathonCatalog,
  ],
  exports: [HackathonCatalog],
})
export class HackathonModule {}
