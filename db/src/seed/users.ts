import type { NewUserRow, UserRow } from '../schema/users.ts';
import type { Random } from './random.ts';
import { addMs, day, minute } from './time.ts';

export type Role = UserRow['roles'][number];

export interface DemoLogin {
  email: string;
  password: string;
  name: string;
  roles: Role[];
}

/** The accounts printed by `npm start` and listed in the README; the only ones with passwords. */
export const demoLogins = {
  admin: {
    email: 'admin@trellis.local',
    password: 'trellis-admin',
    name: 'Trellis Admin',
    roles: ['member', 'admin'],
  },
  operator: {
    email: 'operator@trellis.local',
    password: 'trellis-operator',
    name: 'Trellis Operator',
    roles: ['member', 'operator'],
  },
  member: {
    email: 'member@trellis.local',
    password: 'trellis-member',
    name: 'Trellis Member',
    roles: ['member'],
  },
} as const satisfies Record<string, DemoLogin>;

const firstNames = `
  Amara Kenji Sofia Mateo Priya Liam Aisha Noah Yuki Elena Omar Chloé Tomasz Fatima Lucas
  Ingrid Diego Mei Kwame Hannah Arjun Zoë Rafael Leila Björn Camille Tariq Nadia Jonas Ana
  Sipho Freya Hiroshi Lucía Emeka Astrid Ravi Isabela Malik Saoirse Dmitri Aaliyah Pedro
  Hana Gabriel Nkechi Oskar Valentina Farid Elif
`
  .trim()
  .split(/\s+/);

const lastNames = `
  Okafor Tanaka García Rossi Sharma O'Brien Haddad Müller Nakamura Petrov Mensah Dubois
  Kowalski Hassan Silva Lindqvist Fernández Chen Boateng Schmidt Patel Moreau Costa Karimi
  Andersson Nguyen Adeyemi Novak Santos Yılmaz Murphy Ito Herrera Eze Johansson Kumar
  Oliveira Rahman Walsh Kim López Fischer Mwangi Jensen Reyes Bakker Sato Ortiz
`
  .trim()
  .split(/\s+/);

const domains = [
  'example.com',
  'example.com',
  'example.com',
  'example.org',
  'example.net',
  'acme.example',
  'northwind.example',
];

const otherUserCount = 47;
const operatorCount = 2;
const suspendedCount = 4;

/** Lower-case ASCII for the local part of an email: `Zoë O'Brien` → `zoe.obrien`. */
function emailPart(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace('ı', 'i')
    .toLowerCase()
    .replace(/[^a-z-]/g, '');
}

export type SeedUser = Omit<NewUserRow, 'id'> & {
  email: string;
  status: UserRow['status'];
  createdAt: Date;
};

/** About fifty accounts: the three demo logins plus people with varied names and a few suspended. */
export function buildUsers(random: Random, now: Date, passwordHashes: Map<string, string>) {
  const founded = addMs(now, -120 * day);
  const logins: SeedUser[] = Object.values(demoLogins).map((login, index) => ({
    email: login.email,
    name: login.name,
    passwordHash: passwordHashes.get(login.email) ?? null,
    roles: [...login.roles],
    status: 'active',
    version: 1,
    createdAt: addMs(founded, index * 7 * minute),
    updatedAt: addMs(founded, index * 7 * minute),
  }));

  const people = random.sample(firstNames, otherUserCount).map((first, index): SeedUser => {
    const last = random.pick(lastNames);
    const createdAt = addMs(now, -random.int(1, 110) * day - random.int(0, 600) * minute);
    return {
      email: `${emailPart(first)}.${emailPart(last)}@${random.pick(domains)}`,
      name: `${first} ${last}`,
      passwordHash: null,
      roles: index < operatorCount ? ['member', 'operator'] : ['member'],
      status: 'active',
      version: 1,
      createdAt,
      updatedAt: createdAt,
    };
  });
  for (const person of random.sample(people.slice(operatorCount), suspendedCount)) {
    const ageDays = Math.floor((now.getTime() - person.createdAt.getTime()) / day);
    person.status = 'suspended';
    person.version = 2;
    person.updatedAt = addMs(person.createdAt, random.int(0, ageDays) * day + 3 * minute);
  }
  return [...logins, ...people];
}
