import { Body, Controller, Delete, Get, HttpCode, Ip, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { type AuthContext, CurrentAuth, RequireWorkspaceRole } from '../auth/auth-context';
import { AppError } from '../common/errors/app-error';
import { PeopleService } from '../people/people.service';
import { CreateDepartmentDto, UpdateDepartmentDto } from './dto/department.dto';
import { DepartmentsService } from './departments.service';

/** The workspace's departments: every member reads them (pickers show names), admins change them. */
@ApiTags('departments')
@ApiBearerAuth()
@Controller('departments')
export class DepartmentsController {
  constructor(
    private readonly departments: DepartmentsService,
    private readonly people: PeopleService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /** The tree, for every member of the company; someone outside it (an external role) does not browse it. */
  @Get()
  async list(@CurrentAuth() auth: AuthContext) {
    if (await this.people.isExternal(this.dataSource.manager, auth)) throw new AppError('FORBIDDEN');
    return this.departments.list(auth.workspaceId);
  }

  @Post()
  @RequireWorkspaceRole('admin')
  create(@CurrentAuth() auth: AuthContext, @Body() body: CreateDepartmentDto, @Ip() ip: string) {
    return this.departments.create({ userId: auth.userId, workspaceId: auth.workspaceId, ip }, body);
  }

  @Patch(':key')
  @RequireWorkspaceRole('admin')
  update(
    @CurrentAuth() auth: AuthContext,
    @Param('key') key: string,
    @Body() body: UpdateDepartmentDto,
    @Ip() ip: string,
  ) {
    return this.departments.update({ userId: auth.userId, workspaceId: auth.workspaceId, ip }, key, body);
  }

  @Delete(':key')
  @HttpCode(204)
  @RequireWorkspaceRole('admin')
  async remove(@CurrentAuth() auth: AuthContext, @Param('key') key: string, @Ip() ip: string) {
    await this.departments.remove({ userId: auth.userId, workspaceId: auth.workspaceId, ip }, key);
  }
}
