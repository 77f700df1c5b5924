/** `netlab ca`: NetLab's own certificate authority (export, fingerprint, regenerate, delete). */
import { writeFileSync } from 'node:fs';
import { ensureDataDir, resolveDataDir } from '../../config/data-dir';
import { CertificateAuthority } from '../../proxy/ca/certificate-authority';
import { formatPin } from '../../proxy/ca/describe-certificate';
import { parseOptions } from '../args';
import { UsageError, type CliCommand } from '../command';

const FORMATS = ['pem', 'der', 'p12'] as const;

export const caCommand: CliCommand = {
  name: 'ca',
  summary: 'Export, inspect, regenerate or delete NetLab\u2019s certificate authority',
  usage: [
    'Usage: netlab ca export --format pem|der|p12 --out FILE [--password P] [--data-dir DIR]',
    '       netlab ca fingerprint [--data-dir DIR]',
    '       netlab ca regenerate [--data-dir DIR]',
    '       netlab ca delete [--data-dir DIR]',
    '',
    'The CA is made on first use and stays on this machine (its key never leaves the data folder).',
    'export writes the certificate only: PEM for Linux and Firefox, DER (.cer) for Windows and',
    'Android, PKCS#12 (.p12, optional password) for tools that want a bundle.',
    'regenerate makes a new CA: every client must trust the new one (and should forget the old).',
    'delete removes the CA files; remove the trust from your clients too.',
  ].join('\n'),
  async run(argv) {
    const [action, ...rest] = argv;
    const { values } = parseOptions(rest, {
      format: { type: 'string' },
      out: { type: 'string' },
      password: { type: 'string' },
      'data-dir': { type: 'string' },
    });
    const dataDir = ensureDataDir(resolveDataDir(values['data-dir']));
    switch (action) {
      case 'export': {
        const format = values.format as (typeof FORMATS)[number] | undefined;
        if (!format || !FORMATS.includes(format)) throw new UsageError('--format must be pem, der or p12.');
        if (!values.out) throw new UsageError('--out FILE is required.');
        const ca = CertificateAuthority.loadOrCreate(dataDir);
        writeFileSync(values.out, ca.export(format, values.password));
        process.stdout.write(`Wrote NetLab's CA certificate (${format}) to ${values.out}\n`);
        return 0;
      }
      case 'fingerprint': {
        const ca = CertificateAuthority.loadOrCreate(dataDir);
        const info = ca.describe();
        process.stdout.write(
          `SHA-256 fingerprint: ${info.fingerprintSha256}\n` +
            `Public-key pin:      ${formatPin(info.spkiSha256)}\n` +
            `Subject:             ${info.subject}\n` +
            `Valid:               ${new Date(info.notBefore).toISOString()} to ${new Date(info.notAfter).toISOString()}\n` +
            `Certificate file:    ${ca.paths.certificatePath}\n`,
        );
        return 0;
      }
      case 'regenerate': {
        const ca = CertificateAuthority.generate(dataDir);
        process.stdout.write(
          `Made a new CA (SHA-256 ${ca.x509.fingerprint256}). Trust it again on your clients and remove the old one.\n`,
        );
        return 0;
      }
      case 'delete': {
        CertificateAuthority.delete(dataDir);
        process.stdout.write(
          'Deleted the CA files. Remove "NetLab CA" from the trust stores where you added it.\n',
        );
        return 0;
      }
      default:
        throw new UsageError(
          `Unknown ca action ${JSON.stringify(action ?? '')}: use export, fingerprint, regenerate or delete.`,
        );
    }
  },
};
