import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AppError } from '../common/errors/app-error';
import { Workspace } from './workspace.entity';
import { WorkspaceMember, type WorkspaceRole } from './workspace-member.entity';

export interface WorkspaceMembership {
  workspace: { id: string; slug: string; name: string };
  role: WorkspaceRole;
}

@Injectable()
export class WorkspacesService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The caller's workspaces, oldest membership first (the default one at login). */
  async membershipsOf(userId: string): Promise<WorkspaceMembership[]> {
    const rows: { id: string; slug: string; name: string; role: WorkspaceRole }[] =
      await this.dataSource.query(
        `SELECT w.id, w.slug, w.name, m.role
         FROM workspace_member m JOIN workspace w ON w.id = m.workspace_id
        WHERE m.user_id = $1
        ORDER BY m.created_at, w.slug`,
        [userId],
      );
    return rows.map(({ role, ...workspace }) => ({ workspace, role }));
  }

  findBySlug(slug: string): Promise<Workspace | null> {
    return this.dataSource.getRepository(Workspace).findOneBy({ slug });
  }

  /** Creates a workspace and makes its creator an admin of it, in one transaction. */
  async create(input: { slug: string; name: string }, ownerId: string): Promise<Workspace> {
    return this.dataSource.transaction(async (manager) => {
      const workspace = await this.insertWorkspace(input, manager);
      await this.addMember(workspace.id, ownerId, 'admin', manager);
      return workspace;
    });
  }

  async insertWorkspace(input: { slug: string; name: string }, manager: EntityManager): Promise<Workspace> {
    const repository = manager.getRepository(Workspace);
    if (await repository.existsBy({ slug: input.slug }))
      throw new AppError('WORKSPACE_SLUG_TAKEN', { slug: input.slug });
    return repository.save(repository.create(input));
  }

  async addMember(
    workspaceId: string,
    userId: string,
    role: WorkspaceRole,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    await manager
      .getRepository(WorkspaceMember)
      .upsert({ workspaceId, userId, role }, { conflictPaths: ['workspaceId', 'userId'] });
  }
}
