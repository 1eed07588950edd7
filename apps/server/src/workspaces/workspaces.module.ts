import { Module } from '@nestjs/common';
import { WorkspacesService } from './workspaces.service';

/** The controller lives in WorkspacesApiModule: it needs AuthService, which itself needs this service. */
@Module({ providers: [WorkspacesService], exports: [WorkspacesService] })
export class WorkspacesModule {}
