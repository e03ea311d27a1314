import { resolve } from 'node:path';
import type { Command } from '../types';
import { Exit } from '../types';
import { promptHidden } from '../prompt';
import { readTextFile, stringOption } from './cli-input';
import { storeOptions, withStore, writeNewFile } from './cli-store';
import { attachPartnerCertificate, createIdentity, exportCertificate, exportIdentityPkcs12, identityOverview, pinDistrictCertificate } from '../../services/identity-service';
import { certificateView } from '../../services/identity-store';
import { StewardError } from '../../../shared/api/result';
import type { CertificateView } from '../../../shared/api/packages-api';

/** A certificate in a few lines, the fingerprint on its own line in groups of four, for reading aloud. */
function certText(title: string, c: CertificateView): string {
  const flag = c.expiry === 'valid' ? '' : c.expiry === 'expiring-soon' ? `  ** EXPIRES ${c.notAfter.slice(0, 10)}: replace it within 30 days **` : `  ** ${c.expiry.toUpperCase()} **`;
  return [
    `${title}: ${c.subject}`,
    `  valid ${c.notBefore.slice(0, 10)} to ${c.notAfter.slice(0, 10)}, RSA-${c.keyBits ?? '?'}, ${c.keyUsage.join(', ')}${flag}`,
    '  SHA-256 fingerprint:',
    `    ${c.fingerprint.slice(0, 39)}`,
    `    ${c.fingerprint.slice(40)}`,
  ].join('\n') + '\n';
}

const kindOption = { archive: { type: 'boolean' as const, description: 'The district archive identity (a second recipient of every package) instead of the signing identity' } };
const kindOf = (o: Record<string, unknown>) => (o.archive ? 'archive' : 'signing') as 'signing' | 'archive';

export const identityCommands: Command[] = [
  {
    path: ['identity', 'create'],
    summary: 'Create the district signing identity (or, with --partner, the partner workspace identity): RSA-3072 + X.509',
    store: 'none',
    options: { ...storeOptions, ...kindOption, organization: { type: 'string', description: 'Organisation name in the certificate (district default: the district\'s name)' }, replace: { type: 'boolean', description: 'Replace the current identity (partners must then confirm the new fingerprint)' } },
    help: 'The private key stays in the encrypted store (as encrypted PKCS#8). Give the other party the certificate (identity export-cert) and read them the fingerprint by phone.',
    run: ({ options, io }) => withStore(io, options, undefined, (ctx) => {
      const view = createIdentity(ctx, { kind: kindOf(options), organization: stringOption(options, 'organization'), replace: options.replace === true });
      io.out(certText('Created', view));
      return Exit.ok;
    }),
  },
  {
    path: ['identity', 'show'],
    summary: 'Show this store\'s identity and the other parties\' certificates, with fingerprints and expiry warnings',
    store: 'none',
    options: storeOptions,
    run: ({ options, io }) => withStore(io, options, undefined, (ctx) => {
      const o = identityOverview(ctx);
      if (o.mode === 'partner') {
        io.out(o.identity ? certText('This workspace', o.identity) : 'This workspace has no identity yet: steward identity create --partner --organization NAME\n');
        io.out(o.districts.length ? o.districts.map((d) => certText('Trusted district', d)).join('') : 'No district certificate is trusted yet: steward identity import-cert --partner --in district.pem --fingerprint HEX\n');
        return Exit.ok;
      }
      io.out(o.signing ? certText('District signing', o.signing) : 'No district signing identity yet: steward identity create\n');
      if (o.archive) io.out(certText('District archive', o.archive));
      for (const p of o.partners) io.out(certText(`Partner ${p.partnerName} (${p.partnerId})`, p));
      if (o.partnersWithout.length) io.out(`Partners without a certificate: ${o.partnersWithout.map((p) => `${p.partnerName} (${p.partnerId})`).join(', ')}\n`);
      return Exit.ok;
    }),
  },
  {
    path: ['identity', 'export-cert'],
    summary: 'Write this store\'s certificate (PEM, never the key) to send to the other party',
    store: 'none',
    options: { ...storeOptions, ...kindOption, out: { type: 'string', description: 'File to write (default: print it)' } },
    run: ({ options, io }) => withStore(io, options, undefined, (ctx) => {
      const cert = exportCertificate(ctx, { kind: kindOf(options) });
      const out = stringOption(options, 'out');
      if (!out) {
        io.out(cert.pem);
        return Exit.ok;
      }
      writeNewFile(resolve(io.cwd, out), cert.pem);
      io.out(`Wrote ${resolve(io.cwd, out)}\nSHA-256 fingerprint (read it to the other party by phone):\n  ${cert.fingerprint}\n`);
      return Exit.ok;
    }),
  },
  {
    path: ['identity', 'import-cert'],
    summary: 'Attach a partner\'s certificate (district) or trust the district\'s (--partner), after confirming the fingerprint by phone',
    store: 'none',
    options: {
      ...storeOptions,
      in: { type: 'string', description: 'The certificate file (PEM) you received' },
      fingerprint: { type: 'string', description: 'The SHA-256 fingerprint the other party read aloud from their screen (spaces optional)' },
      'partner-id': { type: 'string', description: 'District: the partner the certificate belongs to' },
    },
    help: 'Without --fingerprint the command only shows the certificate\'s fingerprint and attaches nothing: compare it with the one the other party reads aloud, then run it again with --fingerprint.',
    run: ({ options, io }) => withStore(io, options, undefined, (ctx) => {
      const file = readTextFile(io, stringOption(options, 'in', true));
      const fingerprint = stringOption(options, 'fingerprint');
      if (!fingerprint) {
        io.out(certText('Certificate in the file', certificateView(file.text, ctx.now())));
        io.err('Nothing was attached. Ask the other party to read their fingerprint aloud; if every group matches, run again with --fingerprint "<the 16 groups>".\n');
        return Exit.usage;
      }
      if (ctx.mode === 'partner') {
        io.out(certText('Now trusted to sign packages', pinDistrictCertificate(ctx, { certPem: file.text, fingerprint })));
        return Exit.ok;
      }
      const partnerId = stringOption(options, 'partner-id');
      if (!partnerId) throw new StewardError('BAD_INPUT', '--partner-id is required: the partner this certificate belongs to (steward partner list).', { field: 'partner-id' });
      const attached = attachPartnerCertificate(ctx, { partnerId, certPem: file.text, fingerprint });
      io.out(certText(`Attached to ${attached.partnerName}`, attached));
      return Exit.ok;
    }),
  },
  {
    path: ['identity', 'export-p12'],
    summary: 'Write this store\'s identity (key and certificate) as a passphrase-protected PKCS#12 (.p12) file',
    store: 'none',
    options: { ...storeOptions, ...kindOption, out: { type: 'string', description: 'The .p12 file to write' } },
    help: 'The .p12 passphrase comes from STEWARD_P12_PASSPHRASE or a prompt (at least 8 characters). Keep the file offline: it holds the private key.',
    run: ({ options, io }) => withStore(io, options, undefined, async (ctx) => {
      const out = resolve(io.cwd, stringOption(options, 'out', true));
      const fromEnv = io.env.STEWARD_P12_PASSPHRASE;
      if (!fromEnv && !process.stdin.isTTY) throw new StewardError('BAD_INPUT', 'A passphrase for the .p12 file is needed: set STEWARD_P12_PASSPHRASE, or run the command in a terminal to be asked for it.');
      const pass = fromEnv ?? (await promptHidden(`Passphrase to protect ${out}: `));
      writeNewFile(out, exportIdentityPkcs12(ctx, { kind: kindOf(options), passphrase: pass }), 0o600);
      io.out(`Wrote ${out} (PKCS#12, AES-256, opens with: openssl pkcs12 -in ${out} -nodes)\n`);
      return Exit.ok;
    }),
  },
];
