import { Module } from '@nestjs/common';
import { UsersModule } from '../users/users.module';
import { WorkspacesModule } from '../workspaces/workspaces.module';
import { FirstStartService } from './first-start.service';

@Module({
  imports: [UsersModule, WorkspacesModule],
  providers: [FirstStartService],
  exports: [FirstStartService],
})
export class BootstrapModule {}
