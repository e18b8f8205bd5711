import { Controller, UseGuards } from '@nestjs/common';
import { ingestKeyCreated, ingestKeyRevoked, newIngestKeySchema } from '@mieruka/contracts';
import { Allow } from './access.decorator';
import { AccessGuard } from './access.guard';
import { credentialRoutes } from './credential.controller';
import { IngestKeysService } from './ingest-keys.service';

/**
 * Admins key the systems that post events (PBXs, dialers, order desks): an ingest key per
 * system and tenant, shown once, listed with its last use, revocable at once.
 */
@Controller('api/v1/ingest-keys')
@UseGuards(AccessGuard)
@Allow('admin')
export class IngestKeysController extends credentialRoutes({
  service: IngestKeysService,
  newSchema: newIngestKeySchema,
  summaries: {
    create: 'Creates an ingest key for one system of one tenant, shown this once',
    list: 'The ingest keys that have not expired, with their last use (never the keys)',
    revoke: 'Revokes an ingest key: its next request is refused',
  },
  created: ingestKeyCreated,
  revoked: ingestKeyRevoked,
}) {}
