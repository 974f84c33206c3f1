import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import type { LedgerModuleOptions } from '@asb/ledger';
import { AppModule } from './app.module';
import { validationPipe } from './http/validation';

/** The HTTP application as main.ts and the e2e tests build it. */
export const createApp = async (ledger: LedgerModuleOptions, options: { logger?: boolean } = {}): Promise<INestApplication> => {
  const app = await NestFactory.create(AppModule.forRoot(ledger), { bufferLogs: true, logger: options.logger === false ? false : undefined });
  if (options.logger !== false) app.useLogger(app.get(Logger));
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
