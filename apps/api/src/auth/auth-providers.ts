import type { Provider } from '@nestjs/common';
import type { Env } from '@mieruka/contracts';
import { ENV } from '../config/tokens';
import { AuthService } from './auth.service';
import { CredentialState } from './credential-state';
import { DisplayTokensService } from './display-tokens.service';
import { IngestKeysService } from './ingest-keys.service';
import { SessionSigner } from './session-tokens';
import { SessionsService } from './sessions.service';
import { TokenIssuer } from './token-issuer';
import { UsersService } from './users.service';

/** The credential services, one job each, around the state and the signing key they share. */
export const authProviders: Provider[] = [
  // One signer for the instance: without MIERUKA_SESSION_SECRET its key is random, and the
  // service that signs sessions and the one that verifies them must hold the same.
  {
    provide: SessionSigner,
    useFactory: (env: Env) => new SessionSigner(env.MIERUKA_SESSION_SECRET),
    inject: [ENV],
  },
  CredentialState,
  AuthService,
  UsersService,
  SessionsService,
  TokenIssuer,
  DisplayTokensService,
  IngestKeysService,
];
