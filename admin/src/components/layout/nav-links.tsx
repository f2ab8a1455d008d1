'use client';

import {
  RiCalendarLine,
  RiDashboardLine,
  RiFileShield2Line,
  RiKey2Line,
  RiMailSendLine,
  RiNodeTree,
  RiServerLine,
  RiSettings3Line,
  RiShieldFlashLine,
  RiShoppingBag3Line,
  RiTeamLine,
} from '@remixicon/react';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import type { ConsoleRole } from '@/lib/session-token';

/** The areas that exist; each later capability adds its own entry. */
const areas: readonly { href: string; label: string; icon: typeof RiKey2Line; adminOnly?: true }[] =
  [
    { href: '/', label: 'Overview', icon: RiDashboardLine },
    { href: '/services', label: 'Services', icon: RiServerLine },
    { href: '/registry', label: 'Instances', icon: RiNodeTree },
    { href: '/config', label: 'Config', icon: RiSettings3Line },
    { href: '/resilience', label: 'Resilience', icon: RiShieldFlashLine },
    { href: '/users', label: 'Users', icon: RiTeamLine },
    { href: '/orders', label: 'Orders', icon: RiShoppingBag3Line },
    { href: '/meetings', label: 'Meetings', icon: RiCalendarLine },
    { href: '/messaging', label: 'Messaging', icon: RiMailSendLine },
    { href: '/api-keys', label: 'API keys', icon: RiKey2Line, adminOnly: true },
    { href: '/audit', label: 'Audit trail', icon: RiFileShield2Line, adminOnly: true },
  ];

function isCurrent(pathname: string, href: string): boolean {
  return href === '/' ? pathname === '/' : pathname === href || pathname.startsWith(`${href}/`);
}

/** The areas this role may open: operators are not shown what only admins may use. */
export function NavLinks({ role }: { role: ConsoleRole }) {
  const pathname = usePathname();
  return (
    <ul className="flex flex-wrap gap-1 lg:flex-col">
      {areas
        .filter((area) => role === 'admin' || !area.adminOnly)
        .map(({ href, label, icon: Icon }) => {
          const current = isCurrent(pathname, href);
          return (
            <li key={href}>
              <Link
                href={href}
                aria-current={current ? 'page' : undefined}
                className={`flex items-center gap-2 rounded-tremor-default px-3 py-2 text-tremor-default font-medium focus:outline-none focus-visible:ring-2 focus-visible:ring-tremor-brand-muted ${
                  current
                    ? 'bg-tremor-brand-faint text-tremor-brand-emphasis dark:bg-dark-tremor-brand-faint dark:text-dark-tremor-brand-emphasis'
                    : 'text-tremor-content-emphasis hover:bg-tremor-background-subtle dark:text-dark-tremor-content-emphasis dark:hover:bg-dark-tremor-background-subtle'
                }`}
              >
                <Icon className="size-4 shrink-0" aria-hidden="true" />
                {label}
              </Link>
            </li>
          );
        })}
    </ul>
  );
}
