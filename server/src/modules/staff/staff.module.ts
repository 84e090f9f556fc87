import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { AuthModule } from '../auth/auth.module';
import { UsersModule } from '../users/users.module';
import { StaffController } from './staff.controller';
import { StaffPolicy } from './staff.policy';
import { StaffService } from './staff.service';

@Module({
  imports: [UsersModule, AuthModule, AuditModule],
  controllers: [StaffController],
  providers: [StaffService, StaffPolicy],
  exports: [StaffService],
})
export class StaffModule {}
