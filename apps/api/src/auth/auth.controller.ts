import { Body, Controller, HttpCode, Inject, Post, Req } from '@nestjs/common';
import type { Request } from 'express';
import { loginRequestSchema, refreshRequestSchema, type SessionAnswer } from '@mieruka/contracts';
import { Doc } from '../http/openapi';
import { parseBody } from '../http/parse-input';
import { LoginThrottle } from '../limits/login-throttle';
import { SessionsService } from './sessions.service';

/** Sign in with a username and password; renew with the refresh token; sign out. */
@Controller('api/v1/auth')
export class AuthController {
  constructor(
    @Inject(SessionsService) private readonly sessions: SessionsService,
    @Inject(LoginThrottle) private readonly throttle: LoginThrottle,
  ) {}

  @Post('login')
  @HttpCode(200)
  @Doc({
    summary: 'Sign in: a short-lived access token and a single-use refresh token',
    body: loginRequestSchema,
  })
  async login(@Body() body: unknown, @Req() request: Request): Promise<SessionAnswer> {
    const { username, password } = parseBody(loginRequestSchema, body);
    // Failures in a row per username and address are limited (429): guessing stays slow.
    return this.throttle.attempt(username, request.ip, () =>
      this.sessions.login(username, password),
    );
  }

  @Post('refresh')
  @HttpCode(200)
  @Doc({
    summary: 'A new session for a refresh token (used up; a replay ends every session of the user)',
    body: refreshRequestSchema,
  })
  async refresh(@Body() body: unknown): Promise<SessionAnswer> {
    const { refreshToken } = parseBody(refreshRequestSchema, body);
    return this.sessions.refresh(refreshToken);
  }

  @Post('logout')
  @HttpCode(204)
  @Doc({ summary: 'Sign out: revokes the refresh token', body: refreshRequestSchema, status: 204 })
  async logout(@Body() body: unknown): Promise<void> {
    const { refreshToken } = parseBody(refreshRequestSchema, body);
    await this.sessions.logout(refreshToken);
  }
}
