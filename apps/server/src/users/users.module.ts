import { Module } from '@nestjs/common';
import { PeopleModule } from '../people/people.module';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

@Module({
  imports: [PeopleModule],
  controllers: [UsersController],
  providers: [UsersService],
  exports: [UsersService],
})
export class UsersModule {}
