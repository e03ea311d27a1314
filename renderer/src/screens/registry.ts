import type { ScreenDef } from './types';

/**
 * Every screen of the app, in navigation order. To add one: write `screens/<name>/<Name>Screen.tsx`
 * with a default-exported component taking ScreenProps, then add ONE line here.
 * Heading, window title, navigation entry, focus on arrival and code splitting come from the shell.
 * A screen is the district store's unless `modes` says otherwise; the partner workspace's screens
 * (what partner staff may do with the packages they received) are listed after the district's.
 */
export const screens: ScreenDef[] = [
  { path: '', title: 'Home', group: 'Overview', load: () => import('./home/HomeScreen') },
  { path: 'students', title: 'Students', group: 'District data', load: () => import('./students/StudentsScreen') },
  { path: 'partners', title: 'Partners', group: 'Sharing', load: () => import('./partners/PartnersScreen') },
  { path: 'agreements', title: 'Agreements', group: 'Sharing', load: () => import('./agreements/AgreementsScreen') },
  { path: 'agreement-document', title: 'Agreement document', group: 'Sharing', inNav: false, load: () => import('./agreements/AgreementDocumentScreen') },
  { path: 'preview', title: 'Role preview', group: 'Sharing', load: () => import('./preview/PreviewScreen') },
  { path: 'identity', title: 'Identity and certificates', group: 'Sharing', load: () => import('./packages/IdentityScreen') },
  { path: 'package-export', title: 'Send a package', group: 'Sharing', load: () => import('./packages/ExportScreen') },
  { path: 'consents', title: 'Consents', group: 'Sharing', load: () => import('./consents/ConsentsScreen') },
  { path: 'consent-coverage', title: 'Consent coverage', group: 'Sharing', load: () => import('./consents/CoverageScreen') },
  { path: 'directory', title: 'Directory information', group: 'Sharing', load: () => import('./consents/DirectoryScreen') },
  { path: 'audit', title: 'Audit log', group: 'Records', load: () => import('./audit/AuditScreen') },
  { path: 'disclosures', title: 'Disclosures', group: 'Records', load: () => import('./audit/DisclosuresScreen') },
  { path: 'transparency', title: 'Transparency report', group: 'Records', load: () => import('./audit/TransparencyScreen') },

  { path: '', title: 'Home', group: 'Overview', modes: ['partner'], load: () => import('./home/PartnerHomeScreen') },
  { path: 'packages-received', title: 'Received packages', group: 'Packages', modes: ['partner'], load: () => import('./packages/ReceivedScreen') },
  { path: 'partner-records', title: 'Received records', group: 'Packages', modes: ['partner'], load: () => import('./packages/PartnerRecordsScreen') },
  { path: 'destructions', title: 'Destruction certificates', group: 'Packages', modes: ['partner'], load: () => import('./packages/DestructionsScreen') },
  { path: 'identity', title: 'Identity and certificates', group: 'Packages', modes: ['partner'], load: () => import('./packages/IdentityScreen') },
  { path: 'audit', title: 'Audit log', group: 'Records', modes: ['partner'], load: () => import('./audit/AuditScreen') },
];
