import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { hashPassword } from '../auth/password';
import { AppError } from '../common/errors/app-error';
import { User } from './user.entity';

export interface NewUser {
  username: string;
  password: string;
  displayName?: string;
  email?: string;
  isSystemAdmin?: boolean;
}

@Injectable()
export class UsersService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  findByUsernameWithPassword(username: string): Promise<User | null> {
    return this.dataSource
      .getRepository(User)
      .createQueryBuilder('user')
      .addSelect('user.passwordHash')
      .where('lower(user.username) = lower(:username)', { username })
      .getOne();
  }

  findActiveById(id: string): Promise<User | null> {
    return this.dataSource.getRepository(User).findOneBy({ id, isActive: true });
  }

  async create(input: NewUser, manager: EntityManager = this.dataSource.manager): Promise<User> {
    const repository = manager.getRepository(User);
    const taken = await repository
      .createQueryBuilder('user')
      .where('lower(user.username) = lower(:username)', { username: input.username })
      .getExists();
    if (taken) throw new AppError('USERNAME_TAKEN', { username: input.username });
    const user = repository.create({
      username: input.username,
      displayName: input.displayName ?? input.username,
      email: input.email ?? null,
      passwordHash: await hashPassword(input.password),
      isSystemAdmin: input.isSystemAdmin ?? false,
    });
    return repository.save(user);
  }

  /**
   * Active members matching `search`; with `only`, that one member at most; with `appRoles`, those holding
   * one of them (a user field's `roles`: the butlers for a lease's 管家).
   */
  members(
    workspaceId: string,
    search: string,
    only?: string,
    appRoles?: string[],
  ): Promise<{ id: string; username: string; displayName: string }[]> {
    const pattern = `%${search.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
    return this.dataSource.query(
      `SELECT u.id, u.username, u.display_name AS "displayName"
         FROM workspace_member m JOIN app_user u ON u.id = m.user_id
        WHERE m.workspace_id = $1 AND u.is_active AND (u.username ILIKE $2 OR u.display_name ILIKE $2)
          AND ($3::uuid IS NULL OR u.id = $3) AND ($4::text[] IS NULL OR m.app_roles && $4::text[])
        ORDER BY u.display_name LIMIT 50`,
      [workspaceId, pattern, only ?? null, appRoles?.length ? appRoles : null],
    );
  }

  async setPassword(username: string, password: string): Promise<void> {
    const result = await this.dataSource
      .getRepository(User)
      .createQueryBuilder()
      .update()
      .set({ passwordHash: await hashPassword(password) })
      .where('lower(username) = lower(:username)', { username })
      .execute();
    if (!result.affected) throw new AppError('NOT_FOUND');
  }
}
