import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Actor } from '@asb/event-store';

export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => ctx.switchToHttp().getRequest().actor);
