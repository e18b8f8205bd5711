import { Controller, UseGuards } from '@nestjs/common';
import {
  displayTokenCreated,
  displayTokenRevoked,
  newDisplayTokenSchema,
} from '@mieruka/contracts';
import { Allow } from './access.decorator';
import { AccessGuard } from './access.guard';
import { credentialRoutes } from './credential.controller';
import { DisplayTokensService } from './display-tokens.service';

/** Admins pair TVs: a display token per screen, shown once, listed without it, revocable. */
@Controller('api/v1/display-tokens')
@UseGuards(AccessGuard)
@Allow('admin')
export class DisplayTokensController extends credentialRoutes({
  service: DisplayTokensService,
  newSchema: newDisplayTokenSchema,
  summaries: {
    create: 'Pairs a TV: a display token for one tenant and wallboard, shown this once',
    list: 'The display tokens that have not expired (never the secrets)',
    // Revoked at once: screens using it are disconnected, on every instance.
    revoke: 'Revokes a display token; its screens are disconnected at once',
  },
  created: displayTokenCreated,
  revoked: displayTokenRevoked,
}) {}
