import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AiModelCatalog } from '../../../libs/ai-providers';

@ApiTags('conversations')
@ApiBearerAuth()
@Controller('ai')
export class AiModelsController {
  constructor(private readonly catalog: AiModelCatalog) {}

  @Get('models')
  @ApiOperation({
    summary: 'Modèles proposés, plages de temperature et maxTokens ; `fake: true` quand le faux LLM local répond',
  })
  models() {
    return {
      models: this.catalog.models.map((m) => ({ name: m.name, provider: m.provider, description: m.description })),
      temperature: { ...this.catalog.ranges.temperature },
      maxTokens: { ...this.catalog.ranges.maxTokens },
      fake: this.catalog.fake,
    };
  }
}
