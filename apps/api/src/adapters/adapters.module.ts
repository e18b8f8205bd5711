import { Module, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { AdapterHealth } from './adapter-health';
import { AdapterSink } from './adapter-sink';
import { AmazonConnectController } from './amazon-connect.controller';
import { AmiService } from './ami.service';
import { EslService } from './esl.service';
import { QueueLogTailer } from './queue-log.tailer';
import { RawBodyMiddleware } from './raw-body.middleware';
import { TwilioController } from './twilio.controller';
import { WebhookController } from './webhook.controller';

/**
 * The CTI ingest adapters' transports: HTTP routes (signed webhook, Twilio, Amazon Connect),
 * TCP clients (Asterisk AMI, FreeSWITCH ESL) and the queue_log tailer. Each is off until its setting is
 * given; all feed the pure mappings of libs/adapters into the Ingestor, and report to health.
 */
@Module({
  controllers: [WebhookController, TwilioController, AmazonConnectController],
  providers: [AdapterHealth, AdapterSink, AmiService, EslService, QueueLogTailer],
  exports: [AdapterHealth],
})
export class AdaptersModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer
      .apply(RawBodyMiddleware)
      .forRoutes(WebhookController, TwilioController, AmazonConnectController);
  }
}
