import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AllowNoRole, ApiErrors, AuthUser, CurrentUser } from '../../../libs/http';
import { ExportMyDataUseCase } from './export-my-data.usecase';
import { MyDataExport } from '../admin.response';
import { AdminErrors } from '../admin.errors';

@ApiTags('rgpd')
@ApiBearerAuth()
@Controller()
export class ExportMyDataController {
  constructor(private readonly exportMyData: ExportMyDataUseCase) {}

  @AllowNoRole()
  @Get('users/me/export')
  @ApiOperation({
    operationId: 'users.exportMyData',
    summary: 'RGPD : toutes les données de l’utilisateur connecté (JSON)',
  })
  @ApiErrors(AdminErrors.userNotFound())
  export(@CurrentUser() caller: AuthUser): Promise<MyDataExport> {
    return this.exportMyData.execute(caller.id);
  }
}
