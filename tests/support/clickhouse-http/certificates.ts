import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/** PEM files of a private CA, a server certificate for 127.0.0.1 and a client certificate. */
export interface TestCertificates {
  readonly caFile: string;
  readonly serverKeyFile: string;
  readonly serverCertFile: string;
  /** CN = the client's user name (ClickHouse's certificate authentication). */
  readonly clientKeyFile: string;
  readonly clientCertFile: string;
}

/** Made with Debian's openssl into `dir`: a CA nobody else trusts, and two leaves it signed. */
export function makeCertificates(dir: string, clientUser: string): TestCertificates {
  const file = (name: string) => join(dir, name);
  const issue = (subject: string, key: string, cert: string, extra: string[]) =>
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        ...['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'],
        ...['-keyout', file(key), '-out', file(cert), '-days', '30', '-subj', subject],
        ...extra,
      ],
      { stdio: 'pipe' },
    );
  issue('/CN=Mieruka test CA', 'ca.key', 'ca.pem', []);
  const leaf = [
    '-addext',
    'basicConstraints=critical,CA:FALSE',
    '-CA',
    file('ca.pem'),
    '-CAkey',
    file('ca.key'),
  ];
  issue('/CN=127.0.0.1', 'server.key', 'server.pem', [
    '-addext',
    'subjectAltName=IP:127.0.0.1',
    ...leaf,
  ]);
  issue(`/CN=${clientUser}`, 'client.key', 'client.pem', leaf);
  return {
    caFile: file('ca.pem'),
    serverKeyFile: file('server.key'),
    serverCertFile: file('server.pem'),
    clientKeyFile: file('client.key'),
    clientCertFile: file('client.pem'),
  };
}
