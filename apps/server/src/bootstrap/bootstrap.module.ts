import { Module } from '@nestjs/common';
import { UsersModule } from '../users/users.module';
import { WorkspacesModule } from '../workspaces/workspaces.module';
import { FirstStartService } from './first-start.service';
import { TemplatesModule } from '../templates/templates.module';

@Module({
  imports: [UsersModule, WorkspacesModule, TemplatesModule],
  providers: [FirstStartService],
  exports: [FirstStartService],
})
export class BootstrapModule {}
