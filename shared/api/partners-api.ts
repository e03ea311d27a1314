import { z } from 'zod';
import { channel } from './channel';

/** Kinds of partner organisation (the generator's partners.csv uses the same words). */
export const partnerKinds = ['tutoring', 'mentoring', 'meals', 'clinic', 'case-management', 'victim-services', 'research', 'evaluation', 'other'] as const;
export type PartnerKind = (typeof partnerKinds)[number];

const optionalText = (max: number) => z.string().trim().max(max).nullable().default(null).transform((s) => (s ? s : null));

/** A partner to create. Certificates come with the package issue. */
export const PartnerInput = z.object({
  name: z.string().trim().min(1, 'give the partner a name').max(200),
  kind: z.enum(partnerKinds),
  contactName: optionalText(200),
  contactEmail: optionalText(200),
  contactPhone: optionalText(50),
  /** The partner passes data to commercial subprocessors (feeds the COPPA hint for under-13 scopes). */
  commercialSubprocessors: z.boolean().default(false),
});
export type PartnerInput = z.input<typeof PartnerInput>;

export interface Partner {
  id: string;
  name: string;
  kind: string;
  contactName: string | null;
  contactEmail: string | null;
  contactPhone: string | null;
  commercialSubprocessors: boolean;
  createdAt: string;
  updatedAt: string;
  programCount: number;
  agreementCount: number;
}

export const partnersApi = {
  /** Every partner, by name, with how many programs and agreements each has. */
  'partners-list': channel('Every partner with its program and agreement counts.', z.object({})).returns<Partner[]>(),
  /** One partner. NOT_FOUND for an unknown id. */
  'partner-get': channel('One partner by id.', z.object({ partnerId: z.string().min(1).max(200) })).returns<Partner>(),
  /** Creates a partner and its pseudonym key; CONFLICT when the name is taken. Audited. */
  'partner-create': channel('Create a partner (and its pseudonym key).', PartnerInput).returns<Partner>(),
  /** Changes a partner's name, kind or contacts. Audited. */
  'partner-update': channel('Update a partner\'s details.', PartnerInput.extend({ partnerId: z.string().min(1).max(200) })).returns<Partner>(),
};
