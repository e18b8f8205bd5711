// `npm run kafka:local -- fetch|start|stop|status`: a real single-node Apache Kafka (KRaft) on
// 127.0.0.1 for development and tests, without Docker. Maven Central is the one place this
// machine downloads from, so the broker is Kafka's own jars resolved there (cached per version)
// and run with the system's Java 17. The test helper (tests/support/kafka.ts) calls the exported
// functions directly.
'use strict';
const { execFileSync, spawn } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const { parseArgs } = require('node:util');
const { ensureTls, tlsFiles } = require('./kafka-local-tls');

const root = path.join(__dirname, '..');
// The newest 3.9 release on Maven Central, the last line before 4.0 removed old protocol
// versions (kafkajs 2.2.4 passed our checks on 4.x too: docs/kafka.md).
const DEFAULT_VERSION = '3.9.2';

/** Settings from (in order) the caller, the environment, the defaults. */
function options(given = {}) {
  const env = process.env;
  const port = Number(given.port ?? env.MIERUKA_KAFKA_PORT ?? 9092);
  if (!Number.isInteger(port) || port <= 0) throw new Error(`not a port: ${given.port}`);
  const cacheHome = env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return {
    version: given.version ?? env.MIERUKA_KAFKA_VERSION ?? DEFAULT_VERSION,
    port,
    controllerPort: Number(given.controllerPort ?? env.MIERUKA_KAFKA_CONTROLLER_PORT ?? port + 1),
    dataDir: path.resolve(given.dataDir ?? env.MIERUKA_KAFKA_DIR ?? path.join(root, '.kafka')),
    cacheDir: path.resolve(
      given.cacheDir ?? env.MIERUKA_KAFKA_CACHE ?? path.join(cacheHome, 'mieruka', 'kafka'),
    ),
    // Modest: the machine has 2 cores and the tests run beside the broker.
    heap: given.heap ?? env.MIERUKA_KAFKA_HEAP ?? '512m',
    timeoutMs: Number(given.timeoutMs ?? env.MIERUKA_KAFKA_TIMEOUT_MS ?? 90_000),
    // Extra listeners, off unless asked for: SASL_SSL (PLAIN and SCRAM) and SSL with client
    // certificates (mutual TLS), as managed clusters offer them.
    saslSslPort: optionalPort(given.saslSslPort ?? env.MIERUKA_KAFKA_SASL_SSL_PORT),
    sslPort: optionalPort(given.sslPort ?? env.MIERUKA_KAFKA_SSL_PORT),
    saslUsers: saslUsers(given.saslUsers ?? DEFAULT_SASL_USERS),
    log: given.log ?? ((line) => process.stderr.write(`kafka-local: ${line}\n`)),
  };
}

/** The SASL_SSL listener's users when none are given (for development; printed at start). */
const DEFAULT_SASL_USERS = [{ name: 'mieruka', password: 'mieruka-local-secret' }];

function optionalPort(value) {
  if (value === undefined || value === '' || value === null) return undefined;
  const port = Number(value);
  if (!Number.isInteger(port) || port <= 0) throw new Error(`not a port: ${value}`);
  return port;
}

// Names and passwords go unquoted into JAAS and `--add-scram` syntax: only characters that
// need no escaping in either.
function saslUsers(users) {
  for (const { name, password } of users) {
    if (!/^[A-Za-z0-9._~-]{1,64}$/.test(name) || !/^[A-Za-z0-9._~-]{1,128}$/.test(password)) {
      throw new Error(`SASL user ${name}: names and passwords are A–Z a–z 0–9 . _ ~ - only`);
    }
  }
  return users;
}

const major = (version) => Number(version.split('.')[0]);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function pom(version) {
  // Kafka's pom leaves the slf4j binding to the distribution, so without one the broker logs
  // nothing; 3.x ships reload4j (log4j 1), 4.x log4j 2 (its log4j-core comes with kafka_2.13).
  const logging =
    major(version) >= 4
      ? [['org.apache.logging.log4j', 'log4j-slf4j-impl', '2.24.3']]
      : [
          ['org.slf4j', 'slf4j-reload4j', '1.7.36'],
          ['ch.qos.reload4j', 'reload4j', '1.2.25'],
        ];
  const deps = [['org.apache.kafka', 'kafka_2.13', version], ...logging]
    .map(
      ([g, a, v]) =>
        `    <dependency><groupId>${g}</groupId><artifactId>${a}</artifactId><version>${v}</version></dependency>`,
    )
    .join('\n');
  return `<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local.mieruka</groupId>
  <artifactId>kafka-local</artifactId>
  <version>${version}</version>
  <packaging>pom</packaging>
  <dependencies>
${deps}
  </dependencies>
</project>
`;
}

/** Kafka's jars (broker and runtime dependencies) in `<cache>/<version>/libs`, fetched once. */
function fetch(given = {}) {
  const o = options(given);
  const dir = path.join(o.cacheDir, o.version);
  const libs = path.join(dir, 'libs');
  if (fs.existsSync(libs)) return libs;
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'pom.xml'), pom(o.version));
  o.log(`resolving org.apache.kafka:kafka_2.13:${o.version} from Maven Central…`);
  const started = Date.now();
  // Copied into a private folder and renamed at the end, so a broken or concurrent fetch never
  // leaves a half-filled libs/ that would count as cached.
  const partial = path.join(dir, `libs.partial-${process.pid}`);
  try {
    execFileSync(
      'mvn',
      [
        '-q',
        '-B',
        '-Dstyle.color=never',
        '-f',
        path.join(dir, 'pom.xml'),
        'org.apache.maven.plugins:maven-dependency-plugin:3.6.1:copy-dependencies',
        '-DincludeScope=runtime',
        `-DoutputDirectory=${partial}`,
      ],
      // Quiet Maven prints only its errors (on stdout): kept for the message below.
      { stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 16 << 20 },
    );
    fs.renameSync(partial, libs);
  } catch (error) {
    fs.rmSync(partial, { recursive: true, force: true });
    if (fs.existsSync(libs)) return libs; // another process finished first
    if (error.code === 'ENOENT') throw new Error('Maven (mvn) is needed: apt-get install maven');
    // The first [ERROR] line says what failed; the rest is Maven's advice on flags.
    const output = `${error.stdout ?? ''}\n${error.stderr ?? ''}`.replace(/\x1b\[[0-9;]*m/g, '');
    const reason = output.split('\n').find((line) => line.startsWith('[ERROR]')) ?? error.message;
    throw new Error(`could not fetch Kafka ${o.version} from Maven Central: ${reason}`);
  }
  const jars = fs.readdirSync(libs);
  const mb = jars.reduce((sum, jar) => sum + fs.statSync(path.join(libs, jar)).size, 0) / 1e6;
  o.log(`${jars.length} jars, ${mb.toFixed(0)} MB in ${seconds(started)} → ${libs}`);
  return libs;
}

function seconds(since) {
  return `${((Date.now() - since) / 1000).toFixed(1)} s`;
}

function serverProperties(o, tls) {
  const secure = secureListeners(o, tls);
  return `# Written by scripts/kafka-local.js on every start; edit the script, not this file.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:${o.controllerPort}
listeners=PLAINTEXT://127.0.0.1:${o.port},CONTROLLER://127.0.0.1:${o.controllerPort}${secure.listeners}
advertised.listeners=PLAINTEXT://127.0.0.1:${o.port}${secure.listeners}
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT${secure.protocols}
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
log.dirs=${path.join(o.dataDir, 'logs')}
# One broker: the internal topics cannot have more replicas than that.
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
${major(o.version) >= 4 ? 'share.coordinator.state.topic.replication.factor=1\n' : ''}# Tests join and leave groups all the time; the 3 s default only slows every first join.
group.initial.rebalance.delay.ms=0
# As in production, topics are created on purpose with their partition count: auto-creation
# would quietly make a 1-partition topic on a typo or on a consumer's first metadata request.
auto.create.topics.enable=false
# Fewer threads than the defaults (3 network, 8 I/O): two cores, one client machine.
num.network.threads=2
num.io.threads=4
# Messages carry their producer's clock, which may be far off (tests set theirs weeks away,
# npm run test:at): keep them all, whatever their timestamps, until the folder is removed.
log.retention.ms=-1
log.message.timestamp.before.max.ms=9223372036854775807
log.message.timestamp.after.max.ms=9223372036854775807
${secure.settings}`;
}

/** The SASL_SSL and SSL listeners' parts of server.properties (empty strings when off). */
function secureListeners(o, tls) {
  const listeners = [];
  const protocols = [];
  const settings = [];
  if (o.saslSslPort) {
    listeners.push(`SASL_SSL://127.0.0.1:${o.saslSslPort}`);
    protocols.push('SASL_SSL:SASL_SSL');
    const plainUsers = o.saslUsers.map((u) => `user_${u.name}="${u.password}"`).join(' ');
    settings.push(
      '# SASL_SSL: PLAIN checks the users listed here; SCRAM checks the credentials stored in the',
      '# cluster metadata when the data dir was formatted (kafka-storage format --add-scram).',
      'listener.name.sasl_ssl.sasl.enabled.mechanisms=PLAIN,SCRAM-SHA-256,SCRAM-SHA-512',
      `listener.name.sasl_ssl.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required ${plainUsers};`,
      'listener.name.sasl_ssl.scram-sha-256.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;',
      'listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;',
    );
  }
  if (o.sslPort) {
    listeners.push(`SSL://127.0.0.1:${o.sslPort}`);
    protocols.push('SSL:SSL');
    settings.push('# SSL: mutual TLS, a client certificate signed by the local CA is required.');
    settings.push('listener.name.ssl.ssl.client.auth=required');
  }
  if (tls) {
    settings.push(
      '# Certificates made with keytool by scripts/kafka-local-tls.js.',
      'ssl.keystore.type=PKCS12',
      `ssl.keystore.location=${tls.keystore}`,
      `ssl.keystore.password=${tls.storePassword}`,
      'ssl.truststore.type=PKCS12',
      `ssl.truststore.location=${tls.truststore}`,
      `ssl.truststore.password=${tls.storePassword}`,
    );
  }
  const joined = (list) => list.map((item) => `,${item}`).join('');
  return {
    listeners: joined(listeners),
    protocols: joined(protocols),
    settings: settings.length > 0 ? `${settings.join('\n')}\n` : '',
  };
}

// Quiet: warnings and errors, plus the line that says the server started.
const log4j1 = `log4j.rootLogger=WARN, out
log4j.appender.out=org.apache.log4j.ConsoleAppender
log4j.appender.out.layout=org.apache.log4j.PatternLayout
log4j.appender.out.layout.ConversionPattern=[%d] %p %m (%c)%n
log4j.logger.kafka.server.KafkaRaftServer=INFO
`;
const log4j2 = `status = warn
shutdownHook = disable
appender.out.type = Console
appender.out.name = out
appender.out.layout.type = PatternLayout
appender.out.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = warn
rootLogger.appenderRef.out.ref = out
logger.server.name = kafka.server.KafkaRaftServer
logger.server.level = info
`;

function files(o) {
  return {
    props: path.join(o.dataDir, 'server.properties'),
    logConfig: path.join(
      o.dataDir,
      major(o.version) >= 4 ? 'log4j2.properties' : 'log4j.properties',
    ),
    log: path.join(o.dataDir, 'broker.log'),
    pid: path.join(o.dataDir, 'kafka.pid'),
    version: path.join(o.dataDir, 'version'),
    tls: path.join(o.dataDir, 'tls'),
    scramUsers: path.join(o.dataDir, 'scram-users'),
  };
}

function jvm(o, heap) {
  const f = files(o);
  const logging =
    major(o.version) >= 4
      ? `-Dlog4j2.configurationFile=${f.logConfig}`
      : `-Dlog4j.configuration=file:${f.logConfig}`;
  return [`-Xmx${heap}`, '-XX:+ExitOnOutOfMemoryError', '-Djava.awt.headless=true', logging];
}

/** The broker's pid when the pid file names a live `kafka.Kafka` process, else null. */
function runningPid(o) {
  const file = files(o).pid;
  if (!fs.existsSync(file)) return null;
  const pid = Number(fs.readFileSync(file, 'utf8').trim());
  try {
    // Pids are reused: check it is still our broker, not whatever got the number since.
    const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    if (cmdline.includes('kafka.Kafka')) return pid;
  } catch {
    // gone
  }
  return null;
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function tail(file, lines = 40) {
  if (!fs.existsSync(file)) return '(no broker log)';
  return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
}

function portOpen(port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.setTimeout(1000);
    const done = (open) => {
      socket.destroy();
      resolve(open);
    };
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
    socket.once('timeout', () => done(false));
  });
}

/** True once a Kafka client can list topics: the broker has joined the metadata quorum. */
async function answers(brokers) {
  const { Kafka, logLevel } = require('kafkajs');
  const admin = new Kafka({
    clientId: 'kafka-local',
    brokers,
    logLevel: logLevel.NOTHING,
    connectionTimeout: 2000,
    retry: { retries: 0 },
  }).admin();
  try {
    await admin.connect();
    await admin.listTopics();
    return true;
  } catch {
    return false;
  } finally {
    await admin.disconnect().catch(() => {});
  }
}

/** Starts the broker (fetching and formatting first if needed) and waits until it answers. */
async function start(given = {}) {
  const o = options(given);
  const f = files(o);
  const brokers = [`127.0.0.1:${o.port}`];
  const running = runningPid(o);
  if (running) {
    o.log(`already running (pid ${running}) on ${brokers.join(',')}`);
    return { brokers, pid: running, version: o.version, dataDir: o.dataDir, ...secured(o) };
  }
  for (const [what, port] of listenerPorts(o)) {
    if (await portOpen(port)) throw new Error(`${what} ${port} is taken by another process`);
  }
  const libs = fetch(o);
  const classpath = path.join(libs, '*');
  fs.mkdirSync(o.dataDir, { recursive: true });
  // A log dir written by one Kafka version may not open in another (never in an older one).
  const formattedBy = fs.existsSync(f.version) ? fs.readFileSync(f.version, 'utf8').trim() : null;
  if (formattedBy && formattedBy !== o.version) {
    throw new Error(
      `${o.dataDir} holds Kafka ${formattedBy} data; remove it or choose another data dir for ${o.version}`,
    );
  }
  const tls = o.saslSslPort || o.sslPort ? await ensureTls(f.tls, o.log) : undefined;
  fs.writeFileSync(f.props, serverProperties(o, tls));
  fs.writeFileSync(f.logConfig, major(o.version) >= 4 ? log4j2 : log4j1);
  const started = Date.now();
  if (!formattedBy) {
    o.log(`formatting ${path.join(o.dataDir, 'logs')}…`);
    // The cluster id is 16 random bytes in base64url, what `kafka-storage random-uuid` prints —
    // and, like Kafka's own, never starting with '-', which the tool would read as an option
    // (it did: one start in 64 failed with "argument --cluster-id: expected one argument").
    let clusterId;
    do clusterId = crypto.randomBytes(16).toString('base64url');
    while (clusterId.startsWith('-'));
    execFileSync(
      'java',
      [
        ...jvm(o, '256m'),
        '-cp',
        classpath,
        'kafka.tools.StorageTool',
        'format',
        `--cluster-id=${clusterId}`,
        '-c',
        f.props,
        '--ignore-formatted',
        ...scramArguments(o),
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    fs.writeFileSync(f.version, `${o.version}\n`);
    if (o.saslSslPort) fs.writeFileSync(f.scramUsers, `${userNames(o)}\n`);
  } else if (o.saslSslPort && readOr(f.scramUsers, '') !== userNames(o)) {
    // Only a fresh format stores SCRAM credentials; PLAIN reads its users on every start.
    o.log(`SCRAM users are those stored at the first format (${readOr(f.scramUsers, 'none')})`);
  }
  o.log(`starting Kafka ${o.version} on ${brokers.join(',')} (log: ${f.log})…`);
  const out = fs.openSync(f.log, 'a');
  const child = spawn('java', [...jvm(o, o.heap), '-cp', classpath, 'kafka.Kafka', f.props], {
    detached: true,
    stdio: ['ignore', out, out],
  });
  fs.closeSync(out);
  child.unref();
  if (child.pid === undefined) throw new Error('could not start java');
  fs.writeFileSync(f.pid, `${child.pid}\n`);
  const deadline = Date.now() + o.timeoutMs;
  for (;;) {
    if (!alive(child.pid)) {
      fs.rmSync(f.pid, { force: true });
      throw new Error(`Kafka exited during start-up; the end of ${f.log}:\n${tail(f.log)}`);
    }
    if ((await portOpen(o.port)) && (await answers(brokers)) && (await secureOpen(o))) break;
    if (Date.now() > deadline) {
      await stop(o);
      throw new Error(
        `Kafka was not ready within ${o.timeoutMs / 1000} s; the end of ${f.log}:\n${tail(f.log)}`,
      );
    }
    await sleep(250);
  }
  o.log(
    `Kafka ${o.version} ready on ${brokers.join(',')} in ${seconds(started)} (pid ${child.pid})`,
  );
  return { brokers, pid: child.pid, version: o.version, dataDir: o.dataDir, ...secured(o) };
}

function listenerPorts(o) {
  return [
    ['port', o.port],
    ['controller port', o.controllerPort],
    ['SASL_SSL port', o.saslSslPort],
    ['SSL port', o.sslPort],
  ].filter(([, port]) => port);
}

async function secureOpen(o) {
  for (const port of [o.saslSslPort, o.sslPort]) if (port && !(await portOpen(port))) return false;
  return true;
}

const userNames = (o) => o.saslUsers.map((u) => u.name).join(',');
const readOr = (file, otherwise) =>
  fs.existsSync(file) ? fs.readFileSync(file, 'utf8').trim() : otherwise;

/** SCRAM credentials live in the cluster metadata: KRaft takes them when the storage is formatted. */
function scramArguments(o) {
  if (!o.saslSslPort) return [];
  return o.saslUsers.flatMap(({ name, password }) =>
    ['SCRAM-SHA-256', 'SCRAM-SHA-512'].flatMap((mechanism) => [
      '--add-scram',
      `${mechanism}=[name=${name},password=${password}]`,
    ]),
  );
}

/** Where clients reach the SASL_SSL and SSL listeners, and the files they need to. */
function secured(o) {
  if (!o.saslSslPort && !o.sslPort) return {};
  const { caFile, clientCertFile, clientKeyFile } = tlsFiles(files(o).tls);
  return {
    tls: {
      saslSsl: o.saslSslPort ? [`127.0.0.1:${o.saslSslPort}`] : [],
      ssl: o.sslPort ? [`127.0.0.1:${o.sslPort}`] : [],
      caFile,
      clientCertFile,
      clientKeyFile,
      users: o.saslSslPort ? o.saslUsers : [],
    },
  };
}

/** SIGTERM (a clean, controlled shutdown), then SIGKILL if it has not exited within the bound. */
async function stop(given = {}, graceMs = 30_000) {
  const o = options(given);
  const f = files(o);
  const pid = runningPid(o);
  if (!pid) {
    fs.rmSync(f.pid, { force: true });
    o.log('not running');
    return false;
  }
  const started = Date.now();
  process.kill(pid, 'SIGTERM');
  while (alive(pid) && Date.now() - started < graceMs) await sleep(100);
  if (alive(pid)) {
    o.log(`still running after ${graceMs / 1000} s: SIGKILL`);
    process.kill(pid, 'SIGKILL');
    while (alive(pid)) await sleep(50);
  }
  fs.rmSync(f.pid, { force: true });
  o.log(`stopped (pid ${pid}) in ${seconds(started)}`);
  return true;
}

/** Whether the broker in the data dir runs, and whether it answers clients. */
async function status(given = {}) {
  const o = options(given);
  const pid = runningPid(o);
  let port = o.port;
  const props = files(o).props;
  if (fs.existsSync(props)) {
    const match = /PLAINTEXT:\/\/127\.0\.0\.1:(\d+)/.exec(fs.readFileSync(props, 'utf8'));
    if (match) port = Number(match[1]);
  }
  const brokers = [`127.0.0.1:${port}`];
  const ready = pid !== null && (await answers(brokers));
  return { running: pid !== null, ready, pid, brokers, dataDir: o.dataDir };
}

/** The settings that put Mieruka on the SASL_SSL and SSL listeners, as comments to copy. */
function describeTls(tls) {
  const lines = [];
  for (const { name, password } of tls.users) {
    lines.push(
      `# SASL_SSL as ${name} (PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512):`,
      `#   MIERUKA_KAFKA_BROKERS=${tls.saslSsl.join(',')} MIERUKA_KAFKA_SSL=on`,
      `#   MIERUKA_KAFKA_SSL_CA_FILE=${tls.caFile}`,
      `#   MIERUKA_KAFKA_SASL_MECHANISM=scram-sha-512 MIERUKA_KAFKA_SASL_USERNAME=${name} MIERUKA_KAFKA_SASL_PASSWORD=${password}`,
    );
  }
  if (tls.ssl.length > 0) {
    lines.push(
      '# SSL with a client certificate (mutual TLS):',
      `#   MIERUKA_KAFKA_BROKERS=${tls.ssl.join(',')} MIERUKA_KAFKA_SSL=on`,
      `#   MIERUKA_KAFKA_SSL_CA_FILE=${tls.caFile}`,
      `#   MIERUKA_KAFKA_SSL_CERT_FILE=${tls.clientCertFile} MIERUKA_KAFKA_SSL_KEY_FILE=${tls.clientKeyFile}`,
    );
  }
  return lines.map((line) => `${line}\n`).join('');
}

async function main() {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      version: { type: 'string' },
      port: { type: 'string' },
      'controller-port': { type: 'string' },
      'data-dir': { type: 'string' },
      'sasl-ssl-port': { type: 'string' },
      'ssl-port': { type: 'string' },
      'sasl-user': { type: 'string', multiple: true },
    },
  });
  const given = {
    version: values.version,
    port: values.port,
    controllerPort: values['controller-port'],
    dataDir: values['data-dir'],
    saslSslPort: values['sasl-ssl-port'],
    sslPort: values['ssl-port'],
    saslUsers: values['sasl-user']?.map((entry) => {
      const at = entry.indexOf(':');
      if (at < 1) throw new Error(`--sasl-user ${entry}: expected name:password`);
      return { name: entry.slice(0, at), password: entry.slice(at + 1) };
    }),
  };
  const command = positionals[0];
  if (command === 'fetch') {
    const libs = fetch(given);
    process.stdout.write(`${libs}\n`);
  } else if (command === 'start') {
    const { brokers, tls } = await start(given);
    process.stdout.write(`MIERUKA_KAFKA_BROKERS=${brokers.join(',')}\n`);
    if (tls) process.stdout.write(describeTls(tls));
  } else if (command === 'stop') {
    await stop(given);
  } else if (command === 'status') {
    const s = await status(given);
    const state = s.running
      ? `running (pid ${s.pid}), ${s.ready ? 'ready' : 'not answering'}`
      : 'stopped';
    process.stdout.write(`${state}: ${s.brokers.join(',')}, data in ${s.dataDir}\n`);
    if (!s.ready) process.exitCode = 1;
  } else {
    process.stderr.write(
      'usage: npm run kafka:local -- fetch|start|stop|status [--version 3.9.2] [--port 9092]\n' +
        '       [--controller-port 9093] [--data-dir .kafka] [--sasl-ssl-port 9094]\n' +
        '       [--sasl-user name:password]… [--ssl-port 9095]   (see docs/kafka.md)\n',
    );
    process.exitCode = 2;
  }
}

if (require.main === module) {
  main().catch((error) => {
    process.stderr.write(`kafka-local: ${error.message}\n`);
    process.exit(1);
  });
}

module.exports = { DEFAULT_VERSION, options, fetch, start, stop, status };
