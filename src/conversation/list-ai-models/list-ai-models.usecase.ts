import { Injectable } from '@nestjs/common';
import { AiModelCatalog } from '../../../libs/ai-providers';

/** The models a conversation may use and the parameter ranges (docs/data-model.md §4.5 and 4.6), from the configuration. */
@Injectable()
export class ListAiModelsUseCase {
  constructor(private readonly catalog: AiModelCatalog) {}

  execute() {
    return {
      models: this.catalog.models.map((m) => ({ name: m.name, provider: m.provider, description: m.description })),
      temperature: { ...this.catalog.ranges.temperature },
      maxTokens: { ...this.catalog.ranges.maxTokens },
      fake: this.catalog.fake,
    };
  }
}
