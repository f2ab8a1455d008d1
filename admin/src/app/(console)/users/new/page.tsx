import { Card } from '@tremor/react';
import type { Metadata } from 'next';
import { PageHeader } from '@/components/ui/page-header';
import { UserCreateForm } from '@/components/users/user-create-form';
import { requireSession } from '@/lib/auth';
import { may } from '@/lib/permissions';

export const metadata: Metadata = { title: 'New user' };

export default async function NewUserPage() {
  const session = await requireSession();
  return (
    <>
      <PageHeader title="New user" description="The users service checks the email is free." />
      <Card className="max-w-2xl">
        <UserCreateForm mayGrantRoles={may(session.role, 'users.grantRoles')} />
      </Card>
    </>
  );
}
