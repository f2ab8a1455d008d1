'use client';

import { useActionState } from 'react';
import { createMeeting } from '@/actions/meetings';
import { SelectField, TextField } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { idleForm } from '@/lib/form-state';
import { AttendeePicker } from './attendee-picker';

interface MeetingCreateFormProps {
  rooms: { id: string; name: string; capacity: number }[];
  people: { id: string; name: string; email: string }[];
  defaults: { roomId?: string | undefined; date: string; organizerId?: string | undefined };
}

export function MeetingCreateForm({ rooms, people, defaults }: MeetingCreateFormProps) {
  const [state, action] = useActionState(createMeeting, idleForm);
  const values = state.values ?? {};
  const errors = state.fieldErrors ?? {};
  return (
    <form action={action} key={JSON.stringify(values)}>
      <div className="space-y-5">
        <FormMessage state={state} />
        <TextField
          name="title"
          label="Title"
          required
          defaultValue={values.title}
          error={errors.title}
        />
        <div className="grid gap-4 md:grid-cols-2">
          <SelectField
            name="roomId"
            label="Room"
            defaultValue={values.roomId ?? defaults.roomId ?? ''}
            error={errors.roomId}
            options={[
              { value: '', label: 'Pick a room…' },
              ...rooms.map((room) => ({
                value: room.id,
                label: `${room.name} (seats ${room.capacity})`,
              })),
            ]}
          />
          <SelectField
            name="organizerId"
            label="Organizer"
            defaultValue={values.organizerId ?? defaults.organizerId ?? ''}
            error={errors.organizerId}
            options={[
              { value: '', label: 'Pick the organizer…' },
              ...people.map((person) => ({
                value: person.id,
                label: `${person.name} (${person.email})`,
              })),
            ]}
          />
        </div>
        <div className="grid gap-4 sm:grid-cols-3">
          <TextField
            name="date"
            label="Day"
            type="date"
            defaultValue={values.date ?? defaults.date}
            error={errors.date}
          />
          <TextField
            name="start"
            label="Starts (UTC)"
            type="time"
            step="300"
            defaultValue={values.start ?? '10:00'}
            error={errors.start}
          />
          <TextField
            name="end"
            label="Ends (UTC)"
            type="time"
            step="300"
            defaultValue={values.end ?? '11:00'}
            error={errors.end}
          />
        </div>
        <AttendeePicker
          people={people}
          chosen={values.attendeeIds ? values.attendeeIds.split(',').filter(Boolean) : []}
          error={errors.attendeeIds}
        />
        <SubmitButton>Book the room</SubmitButton>
      </div>
    </form>
  );
}
