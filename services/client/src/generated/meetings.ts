// Generated from services/meetings/openapi.json by `npm run contracts`. Do not edit.

export interface paths {
    "/v1/meetings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List meetings by start time, filtered by room, person and time window */
        get: operations["meetings.list"];
        put?: never;
        /**
         * Schedule a meeting in a room
         * @description Books the room for [startsAt, endsAt) and invites the attendees, each `pending`. The organizer takes a seat but is not listed among the attendees. 409 when the room is taken in an overlapping range; 422 when the room does not exist, a person is unknown or suspended, the room is too small, or the meeting lasts longer than `maxMeetingMinutes` (live config; naming `endsAt`).
         */
        post: operations["meetings.create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/meetings/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a meeting with its attendees and their responses */
        get: operations["meetings.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/meetings/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Cancel a meeting, freeing its room */
        post: operations["meetings.cancel"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/meetings/{id}/rsvp": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Record an attendee's response
         * @description Only invited attendees respond (the organizer does not): 422 for anyone else, 409 when the meeting is cancelled. Responding again replaces the earlier answer.
         */
        post: operations["meetings.rsvp"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/rooms": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List rooms by name */
        get: operations["rooms.list"];
        put?: never;
        /** Create a room */
        post: operations["rooms.create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/rooms/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a room */
        get: operations["rooms.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/rooms/bookings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Count the bookings of each room on a day
         * @description Scheduled meetings overlapping the UTC day, counted per room by the service, however many there are. Cancelled meetings do not count; a meeting running over midnight counts on both days.
         */
        get: operations["rooms.bookings"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** @description An invited person; the organizer is never one. */
        Attendee: {
            /**
             * Format: date-time
             * @description When the attendee last responded (UTC); null while pending.
             * @example null
             */
            respondedAt: string | null;
            response: components["schemas"]["RsvpResponse"];
            /**
             * @description User id.
             * @example usr_0193a5b2c4d87e1f9a0b1c2d3e4f5a6b
             */
            userId: string;
        };
        CreateMeeting: {
            /**
             * @description Up to 100 active users to invite; duplicates and the organizer are ignored. Organizer plus attendees must fit the room.
             * @default []
             * @example [
             *       "usr_0193a5b2c4d87e1f9a0b1c2d3e4f5a6c"
             *     ]
             */
            attendeeIds: string[];
            /**
             * Format: date-time
             * @description End, exclusive (UTC); must be after startsAt.
             * @example 2026-12-01T10:00:00Z
             */
            endsAt: string;
            /**
             * @description An active user who calls the meeting.
             * @example usr_0193a5b2c4d87e1f9a0b1c2d3e4f5a6b
             */
            organizerId: string;
            /**
             * @description The room to book; an unknown room is a 422 naming roomId.
             * @example room_0193a5b2c4d87e1f9a0b1c2d3e4f5a6b
             */
            roomId: string;
            /**
             * Format: date-time
             * @description Start, inclusive (UTC).
             * @example 2026-12-01T09:00:00Z
             */
            startsAt: string;
            /**
             * @description What the meeting is about, 1 to 200 characters.
             * @example Roadmap
             */
            title: string;
        };
        CreateRoom: {
            /**
             * @description Seats, the organizer included; at least 1.
             * @example 8
             */
            capacity: number;
            /**
             * @description Where the room is, free text.
             * @example Floor 2
             */
            location?: string;
            /**
             * @description Unique name, 1 to 120 characters.
             * @example Orchard
             */
            name: string;
        };
        FieldError: {
            /**
             * @description Where the offending field is.
             * @example body
             * @enum {string}
             */
            in?: "body" | "query" | "path" | "header";
            /**
             * @description What is wrong with it.
             * @example is required
             */
            message: string;
            /**
             * @description The field, as `items[0].quantity`.
             * @example email
             */
            path: string;
        };
        Meeting: {
            /**
             * @description Invited people other than the organizer, by user id.
             * @example [
             *       {
             *         "userId": "usr_0193a5b2c4d87e1f9a0b1c2d3e4f5a6c",
             *         "response": "pending",
             *         "respondedAt": null
             *       }
             *     ]
             */
            attendees: components["schemas"]["Attendee"][];
            /**
             * Format: date-time
             * @description When the meeting was cancelled (UTC); null while scheduled.
             * @example null
             */
            cancelledAt: string | null;
            /**
             * Format: date-time
             * @description When the meeting was scheduled (UTC).
             * @example 2026-11-26T09:30:00.000Z
             */
            createdAt: string;
            /**
             * Format: date-time
             * @description End, exclusive (UTC): a meeting may start when the previous one ends.
             * @example 2026-12-01T10:00:00.000Z
             */
            endsAt: string;
            /**
             * @description Meeting id.
             * @example mtg_0193a5b2c4d87e1f9a0b1c2d3e4f5a6b
             */
            id: string;
            /**
             * @description Who called the meeting; attends without responding and takes a seat.
             * @example usr_0193a5b2c4d87e1f9a0b1c2d3e4f5a6b
             */
            organizerId: string;
            /**
             * @description Room id.
             * @example room_0193a5b2c4d87e1f9a0b1c2d3e4f5a6b
             */
            roomId: string;
            /**
             * Format: date-time
             * @description Start, inclusive (UTC).
             * @example 2026-12-01T09:00:00.000Z
             */
            startsAt: string;
            status: components["schemas"]["MeetingStatus"];
            /**
             * @description What the meeting is about.
             * @example Roadmap
             */
            title: string;
            /**
             * Format: date-time
             * @description When the meeting or a response last changed (UTC).
             * @example 2026-11-26T09:30:00.000Z
             */
            updatedAt: string;
        };
        MeetingPage: {
            /** @description Meetings by start time, then id. */
            items: components["schemas"]["Meeting"][];
            /**
             * @description Cursor of the next page; null on the last.
             * @example null
             */
            nextCursor: string | null;
        };
        /**
         * @description A cancelled meeting no longer holds its room and takes no responses.
         * @example scheduled
         * @enum {string}
         */
        MeetingStatus: "scheduled" | "cancelled";
        /** @description An RFC 9457 problem document. */
        Problem: {
            /**
             * @description What went wrong in this occurrence.
             * @example The request body is invalid: email.
             */
            detail: string;
            /** @description Field-level errors, if any. */
            errors: components["schemas"]["FieldError"][];
            /**
             * @description The request path.
             * @example /v1/users
             */
            instance?: string;
            /**
             * @description The HTTP status.
             * @example 400
             */
            status: number;
            /**
             * @description Short summary of the kind.
             * @example Bad request
             */
            title: string;
            /**
             * @description W3C trace id of the request, for finding it in logs and traces.
             * @example 4bf92f3577b34da6a3ce929d0e0e4736
             */
            traceId?: string;
            /**
             * @description URI naming the kind of problem.
             * @example urn:trellis:problem:bad-request
             */
            type: string;
        } & {
            [key: string]: unknown;
        };
        RecordRsvp: {
            response: components["schemas"]["RsvpAnswer"];
            /**
             * @description The attendee responding; must be invited to the meeting.
             * @example usr_0193a5b2c4d87e1f9a0b1c2d3e4f5a6c
             */
            userId: string;
        };
        Room: {
            /**
             * @description How many people the room seats, the organizer included.
             * @example 8
             */
            capacity: number;
            /**
             * Format: date-time
             * @description When the room was created (UTC).
             * @example 2026-11-26T09:30:00.000Z
             */
            createdAt: string;
            /**
             * @description Room id.
             * @example room_0193a5b2c4d87e1f9a0b1c2d3e4f5a6b
             */
            id: string;
            /**
             * @description Where the room is; null when not given.
             * @example Floor 2
             */
            location: string | null;
            /**
             * @description Unique name, compared case-insensitively.
             * @example Orchard
             */
            name: string;
        };
        RoomBookingCount: {
            /**
             * @description Scheduled meetings in the room that overlap the day.
             * @example 6
             */
            bookings: number;
            /**
             * @description Room id.
             * @example room_0193a5b2c4d87e1f9a0b1c2d3e4f5a6b
             */
            roomId: string;
        };
        RoomBookings: {
            /**
             * @description A calendar day in UTC, as YYYY-MM-DD.
             * @example 2026-12-01
             */
            day: string;
            /** @description One entry per room with at least one booking that day, by room id. */
            rooms: components["schemas"]["RoomBookingCount"][];
            /**
             * @description Scheduled meetings overlapping the day, in every room.
             * @example 25
             */
            total: number;
        };
        RoomPage: {
            /** @description Rooms, by name. */
            items: components["schemas"]["Room"][];
            /**
             * @description Cursor of the next page; null on the last.
             * @example null
             */
            nextCursor: string | null;
        };
        /**
         * @description What an attendee may answer.
         * @example accepted
         * @enum {string}
         */
        RsvpAnswer: "accepted" | "declined";
        /**
         * @description An attendee's answer; pending until they respond.
         * @example pending
         * @enum {string}
         */
        RsvpResponse: "pending" | "accepted" | "declined";
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    "meetings.list": {
        parameters: {
            query?: {
                /** @description Only meetings this user organizes or is invited to. */
                attendeeId?: string;
                /** @description Opaque cursor from the previous page's `nextCursor`. */
                cursor?: string;
                /** @description Only meetings still running at or after this instant (those ending after it). */
                from?: string;
                /** @description Page size, 1 to 100. */
                limit?: number;
                /** @description Only meetings in this room. */
                roomId?: string;
                /** @description A cancelled meeting no longer holds its room and takes no responses. */
                status?: components["schemas"]["MeetingStatus"];
                /** @description Only meetings starting before this instant; must be after from. */
                to?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of meetings. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MeetingPage"];
                };
            };
            /** @description The request is malformed: a field is missing, has the wrong type or is out of range. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:trellis:problem:bad-request",
                     *       "title": "Bad request",
                     *       "status": 400,
                     *       "detail": "The request is malformed: a field is missing, has the wrong type or is out of range.",
                     *       "errors": [],
                     *       "traceId": "4bf92f3577b34da6a3ce929d0e0e4736"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An unexpected error; the `traceId` identifies it in the logs. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:trellis:problem:internal",
                     *       "title": "Internal server error",
                     *       "status": 500,
                     *       "detail": "An unexpected error; the `traceId` identifies it in the logs.",
                     *       "errors": [],
                     *       "traceId": "4bf92f3577b34da6a3ce929d0e0e4736"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "meetings.create": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateMeeting"];
            };
        };
        responses: {
            /** @description The meeting was scheduled. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Meeting"];
                };
            };
            /** @description The request is malformed: a field is missing, has the wrong type or is out of range. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:trellis:problem:bad-request",
                     *       "title": "Bad request",
                     *       "status": 400,
                     *       "detail": "The request is malformed: a field is missing, has the wrong type or is out of range.",
                     *       "errors": [],
                     *       "traceId": "4bf92f3577b34da6a3ce929d0e0e4736"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request conflicts with the current state of the resource. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:trellis:problem:conflict",
                     *       "title": "Conflict",
                     *       "status": 409,
                     *       "detail": "The request conflicts with the current state of the resource.",
                     *       "errors": [],
                     *       "traceId": "4bf92f3577b34da6a3ce929d0e0e4736"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request is well-formed but breaks a business rule. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:trellis:problem:unprocessable",
                     *       "title": "Unprocessable content",
                     *       "status": 422,
                     *       "detail": "The request is well-formed but breaks a business rule.",
                     *       "errors": [],
                     *       "traceId": "4bf92f3577b34da6a3ce929d0e0e4736"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An unexpected error; the `traceId` identifies it in the logs. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:trellis:problem:internal",
                     *       "title": "Internal server error",
                     *       "status": 500,
                     *       "detail": "An unexpected error; the `traceId` identifies it in the logs.",
                     *       "errors": [],
                     *       "traceId": "4bf92f3577b34da6a3ce929d0e0e4736"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable or a circuit is open. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:trellis:problem:dependency-unavailable",
                     *       "title": "Service unavailable",
                     *       "status": 503,
                     *       "detail": "A dependency is unavailable or a circuit is open.",
                     *       "errors": [],
                     *       "traceId": "4bf92f3577b34da6a3ce929d0e0e4736"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "meetings.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Meeting id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The meeting. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Meeting"];
                };
            };
            /** @description The request is malformed: a field is missing, has the wrong type or is out of range. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:trellis:problem:bad-request",
                     *       "title": "Bad request",
                     *       "status": 400,
                     *       "detail": "The request is malformed: a field is missing, has the wrong type or is out of range.",
                     *       "errors": [],
                     *       "traceId": "4bf92f3577b34da6a3ce929d0e0e4736"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The resource does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:trellis:problem:not-found",
                     *       "title": "Not found",
                     *       "status": 404,
                     *       "detail": "The resource does not exist.",
                     *       "errors": [],
                     *       "traceId": "4bf92f3577b34da6a3ce929d0e0e4736"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An unexpected error; the `traceId` identifies it in the logs. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:trellis:problem:internal",
                     *       "title": "Internal server error",
                     *       "status": 500,
                     *       "detail": "An unexpected error; the `traceId` identifies it in the logs.",
                     *       "errors": [],
                     *       "traceId": "4bf92f3577b34da6a3ce929d0e0e4736"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "meetings.cancel": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Meeting id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The cancelled meeting. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Meeting"];
                };
            };
            /** @description The request is malformed: a field is missing, has the wrong type or is out of range. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:trellis:problem:bad-request",
                     *       "title": "Bad request",
                     *       "status": 400,
                     *       "detail": "The request is malformed: a field is missing, has the wrong type or is out of range.",
                     *       "errors": [],
                     *       "traceId": "4bf92f3577b34da6a3ce929d0e0e4736"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The resource does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:trellis:problem:not-found",
                     *       "title": "Not found",
                     *       "status": 404,
                     *       "detail": "The resource does not exist.",
                     *       "errors": [],
                     *       "traceId": "4bf92f3577b34da6a3ce929d0e0e4736"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request conflicts with the current state of the resource. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:trellis:problem:conflict",
                     *       "title": "Conflict",
                     *       "status": 409,
                     *       "detail": "The request conflicts with the current state of the resource.",
                     *       "errors": [],
                     *       "traceId": "4bf92f3577b34da6a3ce929d0e0e4736"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An unexpected error; the `traceId` identifies it in the logs. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:trellis:problem:internal",
                     *       "title": "Internal server error",
                     *       "status": 500,
                     *       "detail": "An unexpected error; the `traceId` identifies it in the logs.",
                     *       "errors": [],
                     *       "traceId": "4bf92f3577b34da6a3ce929d0e0e4736"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "meetings.rsvp": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Meeting id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RecordRsvp"];
            };
        };
        responses: {
            /** @description The meeting with the response recorded. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Meeting"];
                };
            };
            /** @description The request is malformed: a field is missing, has the wrong type or is out of range. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:trellis:problem:bad-request",
                     *       "title": "Bad request",
                     *       "status": 400,
                     *       "detail": "The request is malformed: a field is missing, has the wrong type or is out of range.",
                     *       "errors": [],
                     *       "traceId": "4bf92f3577b34da6a3ce929d0e0e4736"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The resource does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:trellis:problem:not-found",
                     *       "title": "Not found",
                     *       "status": 404,
                     *       "detail": "The resource does not exist.",
                     *       "errors": [],
                     *       "traceId": "4bf92f3577b34da6a3ce929d0e0e4736"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request conflicts with the current state of the resource. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:trellis:problem:conflict",
                     *       "title": "Conflict",
                     *       "status": 409,
                     *       "detail": "The request conflicts with the current state of the resource.",
                     *       "errors": [],
                     *       "traceId": "4bf92f3577b34da6a3ce929d0e0e4736"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request is well-formed but breaks a business rule. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:trellis:problem:unprocessable",
                     *       "title": "Unprocessable content",
                     *       "status": 422,
                     *       "detail": "The request is well-formed but breaks a business rule.",
                     *       "errors": [],
                     *       "traceId": "4bf92f3577b34da6a3ce929d0e0e4736"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An unexpected error; the `traceId` identifies it in the logs. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:trellis:problem:internal",
                     *       "title": "Internal server error",
                     *       "status": 500,
                     *       "detail": "An unexpected error; the `traceId` identifies it in the logs.",
                     *       "errors": [],
                     *       "traceId": "4bf92f3577b34da6a3ce929d0e0e4736"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "rooms.list": {
        parameters: {
            query?: {
                /** @description Opaque cursor from the previous page's `nextCursor`. */
                cursor?: string;
                /** @description Page size, 1 to 100. */
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of rooms. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RoomPage"];
                };
            };
            /** @description The request is malformed: a field is missing, has the wrong type or is out of range. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:trellis:problem:bad-request",
                     *       "title": "Bad request",
                     *       "status": 400,
                     *       "detail": "The request is malformed: a field is missing, has the wrong type or is out of range.",
                     *       "errors": [],
                     *       "traceId": "4bf92f3577b34da6a3ce929d0e0e4736"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An unexpected error; the `traceId` identifies it in the logs. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:trellis:problem:internal",
                     *       "title": "Internal server error",
                     *       "status": 500,
                     *       "detail": "An unexpected error; the `traceId` identifies it in the logs.",
                     *       "errors": [],
                     *       "traceId": "4bf92f3577b34da6a3ce929d0e0e4736"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "rooms.create": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateRoom"];
            };
        };
        responses: {
            /** @description The room was created. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Room"];
                };
            };
            /** @description The request is malformed: a field is missing, has the wrong type or is out of range. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:trellis:problem:bad-request",
                     *       "title": "Bad request",
                     *       "status": 400,
                     *       "detail": "The request is malformed: a field is missing, has the wrong type or is out of range.",
                     *       "errors": [],
                     *       "traceId": "4bf92f3577b34da6a3ce929d0e0e4736"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request conflicts with the current state of the resource. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:trellis:problem:conflict",
                     *       "title": "Conflict",
                     *       "status": 409,
                     *       "detail": "The request conflicts with the current state of the resource.",
                     *       "errors": [],
                     *       "traceId": "4bf92f3577b34da6a3ce929d0e0e4736"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An unexpected error; the `traceId` identifies it in the logs. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:trellis:problem:internal",
                     *       "title": "Internal server error",
                     *       "status": 500,
                     *       "detail": "An unexpected error; the `traceId` identifies it in the logs.",
                     *       "errors": [],
                     *       "traceId": "4bf92f3577b34da6a3ce929d0e0e4736"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "rooms.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Room id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The room. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Room"];
                };
            };
            /** @description The request is malformed: a field is missing, has the wrong type or is out of range. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:trellis:problem:bad-request",
                     *       "title": "Bad request",
                     *       "status": 400,
                     *       "detail": "The request is malformed: a field is missing, has the wrong type or is out of range.",
                     *       "errors": [],
                     *       "traceId": "4bf92f3577b34da6a3ce929d0e0e4736"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The resource does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:trellis:problem:not-found",
                     *       "title": "Not found",
                     *       "status": 404,
                     *       "detail": "The resource does not exist.",
                     *       "errors": [],
                     *       "traceId": "4bf92f3577b34da6a3ce929d0e0e4736"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An unexpected error; the `traceId` identifies it in the logs. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:trellis:problem:internal",
                     *       "title": "Internal server error",
                     *       "status": 500,
                     *       "detail": "An unexpected error; the `traceId` identifies it in the logs.",
                     *       "errors": [],
                     *       "traceId": "4bf92f3577b34da6a3ce929d0e0e4736"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "rooms.bookings": {
        parameters: {
            query: {
                /** @description A calendar day in UTC, as YYYY-MM-DD. */
                day: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The bookings per room on that day. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RoomBookings"];
                };
            };
            /** @description The request is malformed: a field is missing, has the wrong type or is out of range. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:trellis:problem:bad-request",
                     *       "title": "Bad request",
                     *       "status": 400,
                     *       "detail": "The request is malformed: a field is missing, has the wrong type or is out of range.",
                     *       "errors": [],
                     *       "traceId": "4bf92f3577b34da6a3ce929d0e0e4736"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An unexpected error; the `traceId` identifies it in the logs. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:trellis:problem:internal",
                     *       "title": "Internal server error",
                     *       "status": 500,
                     *       "detail": "An unexpected error; the `traceId` identifies it in the logs.",
                     *       "errors": [],
                     *       "traceId": "4bf92f3577b34da6a3ce929d0e0e4736"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
}
