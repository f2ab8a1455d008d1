'use client';

import { useState } from 'react';
import { fieldSentence, inputClass } from '@/components/ui/field';

interface Person {
  id: string;
  name: string;
  email: string;
}

/** Checkboxes for the invitees, with a filter: a long list stays usable by keyboard. */
export function AttendeePicker({
  people,
  chosen,
  error,
}: {
  people: Person[];
  chosen: readonly string[];
  error: string | undefined;
}) {
  const [filter, setFilter] = useState('');
  const [picked, setPicked] = useState(() => new Set(chosen));
  const needle = filter.trim().toLowerCase();
  const visible = (person: Person) =>
    !needle ||
    picked.has(person.id) ||
    person.name.toLowerCase().includes(needle) ||
    person.email.toLowerCase().includes(needle);

  function toggle(id: string, on: boolean) {
    const next = new Set(picked);
    if (on) {
      next.add(id);
    } else {
      next.delete(id);
    }
    setPicked(next);
  }

  return (
    <fieldset className="space-y-2" aria-describedby={error ? 'attendees-error' : 'attendees-hint'}>
      <legend className="text-tremor-default font-medium text-tremor-content-strong dark:text-dark-tremor-content-strong">
        Attendees ({picked.size} invited)
      </legend>
      <label htmlFor="attendee-filter" className="sr-only">
        Filter people
      </label>
      <input
        id="attendee-filter"
        type="search"
        placeholder="Filter by name or email"
        value={filter}
        onChange={(event) => setFilter(event.target.value)}
        className={inputClass}
      />
      <div className="max-h-64 space-y-1 overflow-y-auto rounded-tremor-default border border-tremor-border p-2 dark:border-dark-tremor-border">
        {people.map((person) => (
          <label
            key={person.id}
            className={`flex items-center gap-2 rounded-tremor-small px-2 py-1 text-tremor-default text-tremor-content-emphasis hover:bg-tremor-background-muted dark:text-dark-tremor-content-emphasis dark:hover:bg-dark-tremor-background-muted ${visible(person) ? '' : 'hidden'}`}
          >
            <input
              type="checkbox"
              name="attendeeIds"
              value={person.id}
              checked={picked.has(person.id)}
              onChange={(event) => toggle(person.id, event.target.checked)}
              className="rounded border-tremor-border text-tremor-brand focus:ring-tremor-brand-muted dark:border-dark-tremor-border dark:bg-dark-tremor-background dark:checked:bg-dark-tremor-brand"
            />
            <span>{person.name}</span>
            <span className="truncate text-tremor-label text-tremor-content dark:text-dark-tremor-content">
              {person.email}
            </span>
          </label>
        ))}
      </div>
      {error ? (
        <p id="attendees-error" className="text-tremor-label text-red-600 dark:text-red-400">
          {fieldSentence('Attendees', error)}
        </p>
      ) : (
        <p
          id="attendees-hint"
          className="text-tremor-label text-tremor-content dark:text-dark-tremor-content"
        >
          The organizer takes a seat too; everyone must fit the room.
        </p>
      )}
    </fieldset>
  );
}
