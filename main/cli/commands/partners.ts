import type { Command } from '../types';
import { Exit } from '../types';
import { formatOption, formatRows } from '../format';
import { stringOption } from './cli-input';
import { createPartner, listPartners } from '../../services/partners-service';
import { partnerKinds, type PartnerKind } from '../../../shared/api/partners-api';
import { StewardError } from '../../../shared/api/result';

export const partnersCommands: Command[] = [
  {
    path: ['partner', 'add'],
    summary: 'Add a partner organisation (and its pseudonym key)',
    store: 'district',
    options: {
      name: { type: 'string', description: 'Organisation name (unique)' },
      kind: { type: 'string', description: `One of: ${partnerKinds.join(', ')}` },
      'contact-name': { type: 'string', description: 'Contact person' },
      'contact-email': { type: 'string', description: 'Contact e-mail' },
      'contact-phone': { type: 'string', description: 'Contact phone' },
      'commercial-subprocessors': { type: 'boolean', description: 'The partner passes data to commercial subprocessors (COPPA hint)' },
    },
    run({ options, io, ctx }) {
      const kind = stringOption(options, 'kind', true);
      if (!(partnerKinds as readonly string[]).includes(kind)) throw new StewardError('BAD_INPUT', `--kind must be one of: ${partnerKinds.join(', ')}.`, { field: 'kind' });
      const p = createPartner(ctx, {
        name: stringOption(options, 'name', true), kind: kind as PartnerKind,
        contactName: stringOption(options, 'contact-name') ?? null, contactEmail: stringOption(options, 'contact-email') ?? null,
        contactPhone: stringOption(options, 'contact-phone') ?? null, commercialSubprocessors: options['commercial-subprocessors'] === true,
      });
      io.out(`Added partner ${p.name} (id ${p.id}).\n`);
      return Exit.ok;
    },
  },
  {
    path: ['partner', 'list'],
    summary: 'List partners with their program and agreement counts',
    store: 'district',
    options: { ...formatOption },
    run({ options, io, ctx }) {
      const rows = listPartners(ctx);
      const columns = ['id', 'name', 'kind', 'contactName', 'contactEmail', 'commercialSubprocessors', 'programCount', 'agreementCount'];
      io.out(formatRows(String(options.format), columns, rows as unknown as Record<string, unknown>[], `${rows.length} partners`));
      return Exit.ok;
    },
  },
];
