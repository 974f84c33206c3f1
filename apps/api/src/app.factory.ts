import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import type { LedgerModuleOptions } from '@asb/ledger';
import { AppModule } from './app.module';
import { validationPipe } from './http/validation';
import { jsonBodyMiddleware } from './http/input/json-body.middleware';

/** The HTTP application as main.ts and the e2e tests build it. */
export const createApp = async (ledger: LedgerModuleOptions, options: { logger?: boolean } = {}): Promise<INestApplication> => {
  const app = await NestFactory.create(AppModule.forRoot(ledger), { bodyParser: false, bufferLogs: true, logger: options.logger === false ? false : undefined });
  if (options.logger !== false) app.useLogger(app.get(Logger));
  // Our own JSON parser: limits, 413/415/400 instead of 500, and the body-wide input conventions.
  app.use(jsonBodyMiddleware());
  app.useGlobalPipes(validationPipe());
  app.enableShutdownHooks();
  const openApi = new DocumentBuilder()
    .setTitle('ASB ledger')
    .setDescription('System of record for the Afrekenbare Stoffenbalans: submissions, authorisations, scores, norms, levies and their audit trail.')
    .setVersion('0.1.0')
    .addBearerAuth()
    .build();
  SwaggerModule.setup('docs', app, () => SwaggerModule.createDocument(app, openApi));
  return app;
};
