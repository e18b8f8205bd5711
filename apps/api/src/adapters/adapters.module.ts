import { Module, type MiddlewareConsumer, type NestModule, type Provider } from '@nestjs/common';
import { AdapterSettingsStore, type StoreClient } from '@mieruka/store';
import { STORE_CLIENT } from '../store/store.module';
import { AdapterHealth } from './adapter-health';
import { AdapterRunners } from './adapter-runners';
import { AdapterSettings } from './adapter-settings.service';
import { AdapterSink } from './adapter-sink';
import { AmazonConnectController } from './amazon-connect.controller';
import { RawBodyMiddleware } from './raw-body.middleware';
import { ShopifyController } from './shopify.controller';
import { TwilioController } from './twilio.controller';
import { WebhookController } from './webhook.controller';

const adapterSettingsStore: Provider = {
  provide: AdapterSettingsStore,
  inject: [STORE_CLIENT],
  useFactory: (store: StoreClient) => new AdapterSettingsStore(store),
};

/**
 * The CTI ingest adapters' transports: HTTP routes (signed webhook, Twilio, Amazon Connect,
 * Shopify),
 * TCP clients (Asterisk AMI, FreeSWITCH ESL) and the queue_log tailer. Each is off until its
 * settings enable it (the environment's, or an admin's through /api/v1/adapters); all feed
 * the pure mappings of libs/adapters into the Ingestor, and report to health.
 */
@Module({
  controllers: [WebhookController, TwilioController, AmazonConnectController, ShopifyController],
  providers: [AdapterHealth, AdapterSink, adapterSettingsStore, AdapterSettings, AdapterRunners],
  exports: [AdapterHealth, AdapterSettings],
})
export class AdaptersModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer
      .apply(RawBodyMiddleware)
      .forRoutes(WebhookController, TwilioController, AmazonConnectController, ShopifyController);
  }
}
