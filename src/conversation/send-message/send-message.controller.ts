import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, ParseObjectIdPipe, Roles } from '../../../libs/http';
import { SendMessageDto } from './send-message.dto';
import { SendMessageUseCase } from './send-message.usecase';

@ApiTags('conversations')
@ApiBearerAuth()
@Controller('conversations')
export class SendMessageController {
  constructor(private readonly send: SendMessageUseCase) {}

  @Roles('student', 'admin')
  @Post(':id/messages')
  @HttpCode(202)
  @ApiOperation({
    summary:
      'Envoie un prompt ; la réponse arrive par un job (SSE /stream) ; 429 QUOTA_*_EXCEEDED, 409 HACKATHON_NOT_OPEN / ALREADY_SUBMITTED',
  })
  handle(@Param('id', ParseObjectIdPipe) id: string, @Body() dto: SendMessageDto, @CurrentUser() caller: AuthUser) {
    return this.send.execute(id, dto.content, caller);
  }
}
