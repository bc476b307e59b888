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
import { HackathonRepository } from './hackathon.repository';
import {
  Hackathon,
  HackathonExaminer,
  HackathonExaminerSchema,
  HackathonSchema,
  HackathonTransition,
  HackathonTransitionSchema,
} from './hackathon.schema';
import { ListHackathonsController } from './list-hackathons/list-hackathons.controller';
import { ListHackathonsUseCase } from './list-hackathons/list-hackathons.usecase';
import { SetJuryController } from './set-jury/set-jury.controller';
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
  ],
  providers: [
    HackathonRepository,
    ActiveHackathonsCache,
    CreateHackathonUseCase,
    ListHackathonsUseCase,
    ActiveHackathonsUseCase,
    GetHackathonUseCase,
    UpdateHackathonUseCase,
    ChangeStatusUseCase,
    SetJuryUseCase,
    HackathonCatalog,
  ],
  exports: [HackathonCatalog],
})
export class HackathonModule {}
