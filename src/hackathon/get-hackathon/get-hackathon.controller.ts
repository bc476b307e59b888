import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, AuthUser, CurrentUser, ParseObjectIdPipe } from '../../../libs/http';
import { GetHackathonUseCase } from './get-hackathon.usecase';
import { HackathonResponse } from '../hackathon.response';
import { HackathonErrors } from '../hackathon.errors';

@ApiTags('hackathons')
@ApiBearerAuth()
@Controller('hackathons')
export class GetHackathonController {
  constructor(private readonly getHackathon: GetHackathonUseCase) {}

  @Get(':id')
  @ApiOperation({
    operationId: 'hackathons.get',
    summary: 'Un hackathon ; 404 HACKATHON_NOT_FOUND, id mal formé 400 INVALID_ID',
  })
  @ApiErrors(HackathonErrors.notFound())
  async get(@Param('id', ParseObjectIdPipe) id: string, @CurrentUser() caller: AuthUser): Promise<HackathonResponse> {
    return { hackathon: await this.getHackathon.execute(id, caller) };
  }
}
