import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { BullBoardModule } from '@bull-board/nestjs';
import { Module } from '@nestjs/common';
import { API_PREFIX_FOR_BOARD, QUEUES_BOARD_ROUTE } from './queues-board.constants';
import { QueuesBoardAuth } from './queues-board.auth';
import { IdentityModule } from '../../identity';

@Module({ imports: [IdentityModule], providers: [QueuesBoardAuth], exports: [QueuesBoardAuth] })
export class QueuesBoardAuthModule {}

/**
 * Bull Board for the `ai`, `mail` and `admin` queues, served under the API prefix at
 * `/api/v1/admin/queues`, admins only (see QueuesBoardAuth).
 */
@Module({
  imports: [
    BullBoardModule.forRootAsync({
      imports: [QueuesBoardAuthModule],
      inject: [QueuesBoardAuth],
      useFactory: (auth: QueuesBoardAuth) => ({
        route: QUEUES_BOARD_ROUTE,
        adapter: ExpressAdapter,
        middleware: auth.middleware(`${API_PREFIX_FOR_BOARD}${QUEUES_BOARD_ROUTE}`),
        boardOptions: { uiConfig: { boardTitle: 'Prompt Challenge' } },
      }),
    }),
    BullBoardModule.forFeature(
      { name: 'ai', adapter: BullMQAdapter },
      { name: 'mail', adapter: BullMQAdapter },
      { name: 'admin', adapter: BullMQAdapter },
    ),
  ],
})
export class QueuesBoardModule {}
