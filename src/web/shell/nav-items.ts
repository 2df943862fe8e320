import {
  BellRing,
  CalendarClock,
  FileText,
  Handshake,
  History,
  LayoutDashboard,
  ListChecks,
  type LucideIcon,
  MessageSquareWarning,
  Settings,
  TriangleAlert,
  Upload,
  Users,
} from 'lucide-react';

export interface NavItem {
  /** i18n key under `nav.` */
  key: string;
  path: string;
  icon: LucideIcon;
  /** Entries still to come are shown, greyed out, so users see where the product goes. */
  isReady: boolean;
}

export const NAV_ITEMS: readonly NavItem[] = [
  { key: 'dashboard', path: '/', icon: LayoutDashboard, isReady: true },
  { key: 'customers', path: '/customers', icon: Users, isReady: true },
  { key: 'dueDates', path: '/due-dates', icon: CalendarClock, isReady: true },
  { key: 'reminders', path: '/dunning', icon: BellRing, isReady: true },
  { key: 'alerts', path: '/alerts', icon: TriangleAlert, isReady: true },
  { key: 'activities', path: '/activities', icon: ListChecks, isReady: true },
  { key: 'import', path: '/import', icon: Upload, isReady: true },
  { key: 'invoiceDocuments', path: '/invoice-documents', icon: FileText, isReady: true },
  { key: 'syncs', path: '/syncs', icon: History, isReady: true },
  { key: 'promises', path: '/promises', icon: Handshake, isReady: false },
  { key: 'disputes', path: '/disputes', icon: MessageSquareWarning, isReady: false },
  { key: 'settings', path: '/settings', icon: Settings, isReady: true },
];

/** Whether a nav entry is the current page (the dashboard only on `/` exactly). */
export function isActive(item: NavItem, pathname: string): boolean {
  return item.path === '/'
    ? pathname === '/'
    : pathname === item.path || pathname.startsWith(`${item.path}/`);
}
