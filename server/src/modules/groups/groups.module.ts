import { Module } from '@nestjs/common';
import { TransactionalRepositoriesModule } from '../../database/transactional-repositories.module';
import { AuditModule } from '../audit/audit.module';
import { FilesModule } from '../files/files.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { UnitsModule } from '../units/units.module';
import { UsersModule } from '../users/users.module';
import { GroupCodesService } from './group-codes.service';
import { GroupEntryService } from './group-entry.service';
import { GroupTasksService } from './group-tasks.service';
import {
  GroupCodeEntity,
  GroupRemovalEntity,
  GroupRevealEntity,
  GroupTodoEntity,
  WechatGroupEntity,
} from './group.entity';
import { GroupsController } from './groups.controller';
import { GroupsPolicy } from './groups.policy';
import { GroupsService } from './groups.service';

@Module({
  imports: [
    TransactionalRepositoriesModule.forFeature([
      WechatGroupEntity,
      GroupCodeEntity,
      GroupRevealEntity,
      GroupTodoEntity,
      GroupRemovalEntity,
    ]),
    AuditModule,
    FilesModule,
    NotificationsModule,
    UnitsModule,
    UsersModule,
  ],
  controllers: [GroupsController],
  providers: [GroupsService, GroupCodesService, GroupEntryService, GroupTasksService, GroupsPolicy],
})
export class GroupsModule {}
