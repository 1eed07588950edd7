import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { ReportsModule } from '../reports/reports.module';
import { WorkspacesController } from './workspaces.controller';
import { WorkspacesModule } from './workspaces.module';

@Module({ imports: [AuthModule, WorkspacesModule, ReportsModule], controllers: [WorkspacesController] })
export class WorkspacesApiModule {}
