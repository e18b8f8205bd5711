import { Injectable, type ExecutionContext } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerLimitDetail } from '@nestjs/throttler';
import { tooManyRequests } from './too-many';
import { kindOf } from './trackers';

/**
 * The library's guard with Mieruka's answer: a 429 problem JSON saying which limit was hit,
 * with a plain `Retry-After` (the library would name it `Retry-After-<throttler>`).
 * HTTP only: socket messages are bounded by the gateway itself (rooms per connection).
 */
@Injectable()
export class LimitsGuard extends ThrottlerGuard {
  protected override shouldSkip(context: ExecutionContext): Promise<boolean> {
    return Promise.resolve(context.getType() !== 'http');
  }

  protected override throwThrottlingException(
    _context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    throw tooManyRequests(
      kindOf(detail.tracker),
      detail.limit,
      detail.ttl,
      detail.timeToBlockExpire * 1000,
    );
  }
}
