import type { ScreenProps } from '../types';
import { PartnerList } from './PartnerList';
import { PartnerDetail } from './PartnerDetail';
import '../sharing/sharing.css';

/**
 * Partners: `#/partners` lists them and adds one; `#/partners/<id>` shows one partner with its
 * programs, enrolment import and agreements.
 */
export default function PartnersScreen({ params, navigate }: ScreenProps) {
  const partnerId = params[0];
  return <div className="sharing">{partnerId ? <PartnerDetail partnerId={partnerId} navigate={navigate} /> : <PartnerList navigate={navigate} />}</div>;
}
