import type { ChannelName } from './contract';
import type { StoreMode } from './store-api';

/**
 * Which store mode answers which channel. Default deny: a channel not listed below is for the
 * district store only, so a new district channel can never be reached from a partner workspace
 * by forgetting to list it. main/ipc/dispatch.ts refuses a channel in the wrong mode before
 * its handler runs; the shell offers only the screens of the open store's mode.
 */

/** Channels a partner workspace answers as well as the district store. */
const bothModes = [
  'store-info',
  'identity-get', 'identity-create', 'identity-export-cert',
  'packages-list',
  'audit-list', 'audit-facets', 'audit-verify',
] as const satisfies readonly ChannelName[];

/** Channels only a partner workspace answers (received packages, their records, their destruction). */
const partnerOnly = [
  'district-certificate-pin',
  'package-verify', 'package-import',
  'partner-records-list', 'partner-dictionary-get',
  'destruction-certificate-create', 'destructions-list', 'destruction-certificate-save',
] as const satisfies readonly ChannelName[];

const byChannel = new Map<string, readonly StoreMode[]>([
  ...bothModes.map((c) => [c, ['district', 'partner']] as const),
  ...partnerOnly.map((c) => [c, ['partner']] as const),
]);

/** The modes that answer `channel` (district only unless listed above). */
export function channelModes(channel: ChannelName): readonly StoreMode[] {
  return byChannel.get(channel) ?? ['district'];
}
