import { Module } from '@nestjs/common';
import { UsersModule } from '../users/users.module';
import { MembersController } from './members.controller';
import { MemberAttributesService } from './services/member-attributes.service';
import { MembersService } from './services/members.service';

@Module({
  imports: [UsersModule],
  controllers: [MembersController],
  providers: [MembersService, MemberAttributesService],
})
export class MembersModule {}
