import { defineStateMachine } from '@trellis/kit/state-machine';

/**
 * The meeting lifecycle, the one definition of a meeting's statuses, the action that moves it and
 * the answers its attendees give: the contract's enums, the console and the domain rules all read
 * it, and a test holds the database's `meeting_status` and `rsvp_response` enums to it. It imports
 * only the dependency-free kit state machine, so the console can take it without the service.
 */

/** Every status a meeting can be in, the first being the one it is booked in. */
export const meetingStatuses = ['scheduled', 'cancelled'] as const;

export type MeetingStatus = (typeof meetingStatuses)[number];

export const initialMeetingStatus = meetingStatuses[0];

export const meetingLifecycle = defineStateMachine(meetingStatuses, {
  cancel: { from: 'scheduled', to: 'cancelled' },
});

export const { actions: meetingActions, actionsFrom: meetingActionsFrom } = meetingLifecycle;

export type MeetingAction = (typeof meetingActions)[number];

/** Attendees answer only while the meeting still holds its room. */
export function takesResponses(status: MeetingStatus): boolean {
  return status === 'scheduled';
}

/** An attendee's response, the first being where every invitation starts. */
export const rsvpResponses = ['pending', 'accepted', 'declined'] as const;

export type RsvpResponse = (typeof rsvpResponses)[number];

/** The answers an attendee can give are every response but the one invitations start in. */
export const [initialRsvpResponse, ...rsvpAnswers] = rsvpResponses;
