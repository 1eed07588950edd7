import { Module } from '@nestjs/common';
import { PeopleModule } from '../people/people.module';
import { DepartmentsController } from './departments.controller';
import { DepartmentsService } from './departments.service';

/** The workspace's organisation: departments in a tree (docs/api.md §Departments). */
@Module({
  imports: [PeopleModule],
  controllers: [DepartmentsController],
  providers: [DepartmentsService],
  exports: [DepartmentsService],
})
export class DepartmentsModule {}
