import { parseEnv } from './env';

describe('Kafka settings', () => {
  it('are off by default, with the documented defaults', () => {
    expect(parseEnv({})).toMatchObject({
      MIERUKA_KAFKA_BROKERS: [],
      MIERUKA_KAFKA_TOPIC: 'mieruka.events',
      MIERUKA_KAFKA_DLQ_TOPIC: 'mieruka.events.dlq',
      MIERUKA_KAFKA_PARTITIONS: 6,
      MIERUKA_KAFKA_GROUP: 'mieruka-sink',
      MIERUKA_KAFKA_CONSUMER: true,
      MIERUKA_KAFKA_CONSUMERS: 2,
      MIERUKA_KAFKA_SESSION_TIMEOUT_MS: 30_000,
      MIERUKA_KAFKA_COMMIT_INTERVAL_MS: 1000,
    });
    expect(parseEnv({}).MIERUKA_KAFKA_REPLICATION).toBeUndefined();
  });

  it('reads a broker list and the rest', () => {
    expect(
      parseEnv({
        MIERUKA_KAFKA_BROKERS: ' kafka-1:9092, 10.0.0.2:9093 ',
        MIERUKA_KAFKA_PARTITIONS: '12',
        MIERUKA_KAFKA_REPLICATION: '3',
        MIERUKA_KAFKA_CONSUMER: 'off',
      }),
    ).toMatchObject({
      MIERUKA_KAFKA_BROKERS: ['kafka-1:9092', '10.0.0.2:9093'],
      MIERUKA_KAFKA_PARTITIONS: 12,
      MIERUKA_KAFKA_REPLICATION: 3,
      MIERUKA_KAFKA_CONSUMER: false,
    });
  });

  it('reports every problem at once', () => {
    let message = '';
    try {
      parseEnv({
        MIERUKA_KAFKA_BROKERS: 'kafka',
        MIERUKA_KAFKA_TOPIC: 'events',
        MIERUKA_KAFKA_DLQ_TOPIC: 'events',
        MIERUKA_KAFKA_PARTITIONS: '0',
        MIERUKA_KAFKA_SESSION_TIMEOUT_MS: '1000',
      });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message.split('\n').slice(1)).toEqual([
      '  MIERUKA_KAFKA_BROKERS.0: each entry must be HOST:PORT, such as kafka:9092',
      '  MIERUKA_KAFKA_PARTITIONS: must be at least 1',
      '  MIERUKA_KAFKA_SESSION_TIMEOUT_MS: must be at least 6000 (the broker refuses shorter sessions)',
      '  MIERUKA_KAFKA_DLQ_TOPIC: must differ from MIERUKA_KAFKA_TOPIC',
    ]);
  });

  it('refuses one topic for events and dead letters', () => {
    expect(() =>
      parseEnv({ MIERUKA_KAFKA_TOPIC: 'events', MIERUKA_KAFKA_DLQ_TOPIC: 'events' }),
    ).toThrow('MIERUKA_KAFKA_DLQ_TOPIC: must differ from MIERUKA_KAFKA_TOPIC');
  });
});
