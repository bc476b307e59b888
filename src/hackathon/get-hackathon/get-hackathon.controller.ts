import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, ParseObjectIdPipe } from '../../../libs/http';
import { GetHackathonUseCase } from './get-hackathon.usecase';

@ApiTags('hackathons')
@ApiBearerAuth()
@Controller('hackathons')
export class GetHackathonController {
  constructor(private readonly getHackathon: GetHackathonUseCase) {}

  @Get(':id')
  @ApiOperation({ summary: 'Un hackathon ; 404 HACKATHON_NOT_FOUND, id mal formé 400 INVALID_ID' })
  async get(@Param('id', ParseObjectIdPipe) id: string, @CurrentUser() caller: AuthUser) {
    return { hackathon: await this.getHackathon.execute(id, caller) };
  }
}
