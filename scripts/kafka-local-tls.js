// Certificates for the local broker's TLS listeners (scripts/kafka-local.js), made with the JDK's
// `keytool` so nothing beyond the Java that runs Kafka is needed: a throwaway CA, the broker's
// keystore and truststore (PKCS12), and a client certificate with its key as PEM for mutual TLS.
'use strict';
const { execFile } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

// Not a secret: it guards keystores of a CA made for one local broker and trusted nowhere
// else. The broker's server.properties has to name it anyway.
const STORE_PASSWORD = 'mieruka-local-store';

/** Runs keytool commands (arrays of arguments) in one JVM (KafkaLocalTls.java says why). */
function keytool(commands) {
  const input = commands
    .map((args) => [...args, ...(args[0] === '-exportkey' ? [] : ['-noprompt'])].join('\t'))
    .join('\n');
  return new Promise((resolve, reject) => {
    const child = execFile(
      'java',
      [
        // A short-lived tool: the quick compiler and the simple collector start fastest.
        ...['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC'],
        ...['--add-exports', 'java.base/sun.security.tools.keytool=ALL-UNNAMED'],
        path.join(__dirname, 'KafkaLocalTls.java'),
      ],
      { maxBuffer: 4 << 20 },
      (error, stdout, stderr) => {
        if (!error) return resolve();
        if (error.code === 'ENOENT') return reject(new Error('java (the JDK) is needed for TLS'));
        // keytool names its error on stdout ("keytool error: …").
        const said = `${stdout}\n${stderr}`.split('\n').find((l) => /error|exception/i.test(l));
        reject(new Error(`keytool failed: ${(said ?? error.message).trim()}`));
      },
    );
    child.stdin.end(input);
  });
}

const storeArgs = (store) => [
  '-keystore',
  store,
  '-storetype',
  'PKCS12',
  '-storepass',
  STORE_PASSWORD,
];

// EC P-256: keys are made in milliseconds (RSA takes seconds) and both Java and Node speak it.
const keyPair = (store, alias, dname, extra = []) => [
  '-genkeypair',
  ...storeArgs(store),
  ...['-alias', alias, '-dname', dname, '-keyalg', 'EC', '-groupname', 'secp256r1'],
  ...['-validity', '3650', ...extra],
];

/** Commands for a self-signed CA in `<dir>/<name>.p12`, its certificate as PEM in `<name>.pem`. */
function caCommands(dir, name) {
  const store = path.join(dir, `${name}.p12`);
  const pem = path.join(dir, `${name}.pem`);
  const commands = [
    keyPair(store, 'ca', `CN=mieruka local ${name}`, ['-ext', 'bc:c']),
    ['-exportcert', ...storeArgs(store), '-alias', 'ca', '-rfc', '-file', pem],
  ];
  return { ca: { store, pem }, commands };
}

/** Commands for a key in `store` whose certificate (PEM in `cert`) the CA signs for 127.0.0.1. */
function signedKeyCommands(ca, store, cert, cn, usage) {
  const csr = `${store}.csr`;
  return [
    keyPair(store, 'key', `CN=${cn}`),
    ['-certreq', ...storeArgs(store), '-alias', 'key', '-file', csr],
    [
      '-gencert',
      ...storeArgs(ca.store),
      ...['-alias', 'ca', '-infile', csr, '-outfile', cert, '-rfc', '-validity', '3650'],
      ...['-ext', 'san=ip:127.0.0.1,dns:localhost', '-ext', `eku=${usage}`],
    ],
    // The signed certificate replaces the self-signed one once its issuer is in the store.
    ['-importcert', ...storeArgs(store), '-alias', 'ca', '-file', ca.pem],
    ['-importcert', ...storeArgs(store), '-alias', 'key', '-file', cert],
  ];
}

/** A self-signed CA nobody else trusts (`<dir>/<name>.pem`), e.g. for a client that must fail. */
async function makeCa(dir, name = 'ca') {
  fs.mkdirSync(dir, { recursive: true });
  const { ca, commands } = caCommands(dir, name);
  await keytool(commands);
  return ca;
}

/** The files a TLS-enabled local broker and its clients use, all under `dir`. */
function tlsFiles(dir) {
  return {
    dir,
    storePassword: STORE_PASSWORD,
    caFile: path.join(dir, 'ca.pem'),
    keystore: path.join(dir, 'broker.p12'),
    truststore: path.join(dir, 'truststore.p12'),
    clientCertFile: path.join(dir, 'client.pem'),
    clientKeyFile: path.join(dir, 'client.key'),
  };
}

/** Makes the CA, broker and client material in `dir` unless a complete set is already there. */
async function ensureTls(dir, log = () => {}) {
  const files = tlsFiles(dir);
  const done = path.join(dir, 'complete');
  if (fs.existsSync(done)) return files;
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const started = performance.now();
  const { ca, commands } = caCommands(dir, 'ca');
  const clientStore = path.join(dir, 'client.p12');
  await keytool([
    ...commands,
    ...signedKeyCommands(
      ca,
      files.keystore,
      path.join(dir, 'broker.pem'),
      'localhost',
      'serverAuth',
    ),
    ['-importcert', ...storeArgs(files.truststore), '-alias', 'ca', '-file', ca.pem],
    ...signedKeyCommands(ca, clientStore, files.clientCertFile, 'mieruka-client', 'clientAuth'),
    ['-exportkey', clientStore, STORE_PASSWORD, 'key', files.clientKeyFile],
  ]);
  fs.chmodSync(files.clientKeyFile, 0o600);
  for (const csr of fs.readdirSync(dir).filter((f) => f.endsWith('.csr'))) {
    fs.rmSync(path.join(dir, csr));
  }
  fs.writeFileSync(done, '');
  log(`TLS material made with keytool in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return files;
}

module.exports = { makeCa, ensureTls, tlsFiles };
