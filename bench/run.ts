import { cliBench } from './cli.bench';
import { fanoutBench } from './fanout.bench';
import { historyBench } from './history.bench';
import { ingestBench } from './ingest.bench';
import { intakeBench } from './intake.bench';
import { kafkaBench } from './kafka.bench';
import { kafkaCodecsBench } from './kafka-codecs.bench';
import { kpiBench } from './kpi.bench';
import { printReport, type Row } from './report';
import { restartBench } from './restart.bench';

/** `npm run bench [-- ingest|kpi|cli|history|fanout|kafka|intake|codecs|restart]`: runs the suites asked for (all by default). */
const suites: Record<string, { title: string; run: () => Promise<Row[]> }> = {
  ingest: { title: 'Ingest path', run: ingestBench },
  kpi: { title: 'KPI engine', run: kpiBench },
  cli: { title: 'mieruka kpi', run: async () => Promise.resolve(cliBench()) },
  history: { title: 'SQL history over 30 days (about 30M events)', run: historyBench },
  fanout: { title: 'Live fan-out: 2,000 clients, 1,000 events/s', run: fanoutBench },
  kafka: { title: 'Kafka → ClickHouse pipeline (chDB)', run: kafkaBench },
  intake: { title: 'Heavy ingest requests against /ready', run: intakeBench },
  codecs: { title: 'Kafka codecs: decompressing one 4 MiB fetch', run: kafkaCodecsBench },
  restart: {
    title: 'Restart after a 1M-event day: with and without a checkpoint',
    run: restartBench,
  },
};

async function main(): Promise<void> {
  const asked = process.argv.slice(2);
  const names = asked.length > 0 ? asked : Object.keys(suites);
  for (const name of names) {
    const suite = suites[name];
    if (!suite)
      throw new Error(`unknown suite "${name}" (have: ${Object.keys(suites).join(', ')})`);
    printReport(suite.title, await suite.run());
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
