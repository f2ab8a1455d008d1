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
         * @description Books the room for [startsAt, endsAt) and invites the attendees, each `pending`. The organizer takes a seat but is not listed among the attendees. 409 when the room is taken in an overlapping range; 422 when the room does not exist, a person is unknown or suspended, the room is too small, or the meeting lasts longer than `maxMeetingMinutes` (live config; naming `endsAt`). With an `Idempotency-Key`, a retry with the same body answers with the first result, even while the first request is still running; the same key with another body is refused with 422.
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
        /**
         * Create a room
         * @description Room names are unique, compared case-insensitively (409 naming `name`). With an `Idempotency-Key`, a retry with the same body answers with the first result, even while the first request is still running; the same key with another body is refused with 422.
         */
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
            /**
             * @description Bumped on every change, responses included; the ETag carries it.
             * @example 1
             */
            version: number;
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
        /** @description A stale `If-Match`, with the current ETag. */
        PreconditionFailedProblem: components["schemas"]["Problem"] & ({
            /**
             * @description The ETag the resource has now; read it again before retrying.
             * @example "ord_01J9Z7Q4V0M8X6N2C5B3A1D0EF.v2"
             */
            currentEtag?: string;
        } & {
            [key: string]: unknown;
        });
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
        /** @description A call refused by a flow or hot-parameter rule, naming the resource. */
        RateLimitedProblem: components["schemas"]["Problem"] & ({
            /**
             * @description The kind of rule that refused the call.
             * @example flow
             * @enum {string}
             */
            reason?: "flow" | "hot-param";
            /**
             * @description The guarded resource that refused the call: `METHOD /template` of this route.
             * @example POST /v1/orders
             */
            resource?: string;
        } & {
            [key: string]: unknown;
        });
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
        /** @description A call refused by an open breaker or load shedding, naming the resource, or one whose dependency cannot be reached. */
        UnavailableProblem: components["schemas"]["Problem"] & ({
            /**
             * @description Why it was refused: `breaker` (circuit open), `system` (load shedding), `bulkhead` (a dependency's calls in flight are at their limit), or a dependency's flow rule.
             * @example breaker
             * @enum {string}
             */
            reason?: "flow" | "hot-param" | "breaker" | "system" | "bulkhead";
            /**
             * @description The guarded resource that refused the call: this route, or a dependency as `service → METHOD /template`.
             * @example users → GET /v1/users/{id}
             */
            resource?: string;
        } & {
            [key: string]: unknown;
        });
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
            /** @description Flow-limited: a flow or hot-parameter rule of this route refused the call; retry after `Retry-After` seconds. */
            429: {
                headers: {
                    /** @description The refusing policy with nothing left of it, as `"flow";r=0;t=<seconds>`. */
                    RateLimit?: string;
                    /** @description The refusing quota: `q` calls per `w` seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:trellis:problem:rate-limited",
                     *       "title": "Too many requests",
                     *       "status": 429,
                     *       "detail": "Flow-limited: a flow or hot-parameter rule of this route refused the call; retry after `Retry-After` seconds.",
                     *       "errors": [],
                     *       "traceId": "4bf92f3577b34da6a3ce929d0e0e4736"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["RateLimitedProblem"];
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
            /** @description Unavailable: this route's circuit breaker is open, the service is shedding load, or a dependency it needs cannot be reached; retry after `Retry-After` seconds. */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:trellis:problem:dependency-unavailable",
                     *       "title": "Service unavailable",
                     *       "status": 503,
                     *       "detail": "Unavailable: this route's circuit breaker is open, the service is shedding load, or a dependency it needs cannot be reached; retry after `Retry-After` seconds.",
                     *       "errors": [],
                     *       "traceId": "4bf92f3577b34da6a3ce929d0e0e4736"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["UnavailableProblem"];
                };
            };
        };
    };
    "meetings.create": {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes the request safe to retry: the same key with the same body returns the first result. */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateMeeting"];
            };
        };
        responses: {
            /** @description The meeting was scheduled, or this is a replay of it. */
            201: {
                headers: {
                    /** @description `true` when this answer replays an earlier request with the same key. */
                    "Idempotent-Replayed"?: string;
                    /** @description Path of the created resource. */
                    Location?: string;
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
                    "application/problem+json": components["schemas"]["Problem"] & ({
                        /**
                         * @description Room id.
                         * @example room_0193a5b2c4d87e1f9a0b1c2d3e4f5a6b
                         */
                        roomId?: string;
                    } & {
                        [key: string]: unknown;
                    });
                };
            };
            /** @description The request body is larger than the service accepts. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:trellis:problem:payload-too-large",
                     *       "title": "Payload too large",
                     *       "status": 413,
                     *       "detail": "The request body is larger than the service accepts.",
                     *       "errors": [],
                     *       "traceId": "4bf92f3577b34da6a3ce929d0e0e4736"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request body is not sent as `application/json`. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:trellis:problem:unsupported-media-type",
                     *       "title": "Unsupported media type",
                     *       "status": 415,
                     *       "detail": "The request body is not sent as `application/json`.",
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
                    "application/problem+json": components["schemas"]["Problem"] & ({
                        /**
                         * @description How many the room seats (`CapacityExceeded`).
                         * @example 8
                         */
                        capacity?: number;
                        /**
                         * @description The longest a meeting may last now, in minutes (live config; `MeetingTooLong`).
                         * @example 480
                         */
                        maxMeetingMinutes?: number;
                        /** @description Invited users that do not exist (`IneligibleParticipants`). */
                        missing?: string[];
                        /**
                         * @description How many the organizer and attendees are (`CapacityExceeded`).
                         * @example 9
                         */
                        participants?: number;
                        /** @description Invited users that are suspended (`IneligibleParticipants`). */
                        suspended?: string[];
                    } & {
                        [key: string]: unknown;
                    });
                };
            };
            /** @description Flow-limited: a flow or hot-parameter rule of this route refused the call; retry after `Retry-After` seconds. */
            429: {
                headers: {
                    /** @description The refusing policy with nothing left of it, as `"flow";r=0;t=<seconds>`. */
                    RateLimit?: string;
                    /** @description The refusing quota: `q` calls per `w` seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:trellis:problem:rate-limited",
                     *       "title": "Too many requests",
                     *       "status": 429,
                     *       "detail": "Flow-limited: a flow or hot-parameter rule of this route refused the call; retry after `Retry-After` seconds.",
                     *       "errors": [],
                     *       "traceId": "4bf92f3577b34da6a3ce929d0e0e4736"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["RateLimitedProblem"];
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
            /** @description Unavailable: this route's circuit breaker is open, the service is shedding load, or a dependency it needs cannot be reached; retry after `Retry-After` seconds. */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:trellis:problem:dependency-unavailable",
                     *       "title": "Service unavailable",
                     *       "status": 503,
                     *       "detail": "Unavailable: this route's circuit breaker is open, the service is shedding load, or a dependency it needs cannot be reached; retry after `Retry-After` seconds.",
                     *       "errors": [],
                     *       "traceId": "4bf92f3577b34da6a3ce929d0e0e4736"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["UnavailableProblem"];
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
            /** @description The meeting; the ETag header carries its version. */
            200: {
                headers: {
                    /** @description Its version tag, for `If-Match`. */
                    ETag?: string;
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
            /** @description Flow-limited: a flow or hot-parameter rule of this route refused the call; retry after `Retry-After` seconds. */
            429: {
                headers: {
                    /** @description The refusing policy with nothing left of it, as `"flow";r=0;t=<seconds>`. */
                    RateLimit?: string;
                    /** @description The refusing quota: `q` calls per `w` seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:trellis:problem:rate-limited",
                     *       "title": "Too many requests",
                     *       "status": 429,
                     *       "detail": "Flow-limited: a flow or hot-parameter rule of this route refused the call; retry after `Retry-After` seconds.",
                     *       "errors": [],
                     *       "traceId": "4bf92f3577b34da6a3ce929d0e0e4736"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["RateLimitedProblem"];
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
            /** @description Unavailable: this route's circuit breaker is open, the service is shedding load, or a dependency it needs cannot be reached; retry after `Retry-After` seconds. */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:trellis:problem:dependency-unavailable",
                     *       "title": "Service unavailable",
                     *       "status": 503,
                     *       "detail": "Unavailable: this route's circuit breaker is open, the service is shedding load, or a dependency it needs cannot be reached; retry after `Retry-After` seconds.",
                     *       "errors": [],
                     *       "traceId": "4bf92f3577b34da6a3ce929d0e0e4736"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["UnavailableProblem"];
                };
            };
        };
    };
    "meetings.cancel": {
        parameters: {
            query?: never;
            header?: {
                /** @description ETag from a previous read; the change is refused with 412 if the resource changed since. Without it the change applies to whatever version is current. */
                "if-match"?: string;
            };
            path: {
                /** @description Meeting id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The cancelled meeting; the ETag header carries its version. */
            200: {
                headers: {
                    /** @description Its version tag, for `If-Match`. */
                    ETag?: string;
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
                    "application/problem+json": components["schemas"]["Problem"] & ({
                        currentStatus?: components["schemas"]["MeetingStatus"];
                    } & {
                        [key: string]: unknown;
                    });
                };
            };
            /** @description The `If-Match` precondition failed: the resource changed since it was read. */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:trellis:problem:precondition-failed",
                     *       "title": "Precondition failed",
                     *       "status": 412,
                     *       "detail": "The `If-Match` precondition failed: the resource changed since it was read.",
                     *       "errors": [],
                     *       "traceId": "4bf92f3577b34da6a3ce929d0e0e4736"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["PreconditionFailedProblem"];
                };
            };
            /** @description Flow-limited: a flow or hot-parameter rule of this route refused the call; retry after `Retry-After` seconds. */
            429: {
                headers: {
                    /** @description The refusing policy with nothing left of it, as `"flow";r=0;t=<seconds>`. */
                    RateLimit?: string;
                    /** @description The refusing quota: `q` calls per `w` seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:trellis:problem:rate-limited",
                     *       "title": "Too many requests",
                     *       "status": 429,
                     *       "detail": "Flow-limited: a flow or hot-parameter rule of this route refused the call; retry after `Retry-After` seconds.",
                     *       "errors": [],
                     *       "traceId": "4bf92f3577b34da6a3ce929d0e0e4736"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["RateLimitedProblem"];
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
            /** @description Unavailable: this route's circuit breaker is open, the service is shedding load, or a dependency it needs cannot be reached; retry after `Retry-After` seconds. */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:trellis:problem:dependency-unavailable",
                     *       "title": "Service unavailable",
                     *       "status": 503,
                     *       "detail": "Unavailable: this route's circuit breaker is open, the service is shedding load, or a dependency it needs cannot be reached; retry after `Retry-After` seconds.",
                     *       "errors": [],
                     *       "traceId": "4bf92f3577b34da6a3ce929d0e0e4736"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["UnavailableProblem"];
                };
            };
        };
    };
    "meetings.rsvp": {
        parameters: {
            query?: never;
            header?: {
                /** @description ETag from a previous read; the change is refused with 412 if the resource changed since. Without it the change applies to whatever version is current. */
                "if-match"?: string;
            };
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
            /** @description The meeting with the response recorded, and its ETag. */
            200: {
                headers: {
                    /** @description Its version tag, for `If-Match`. */
                    ETag?: string;
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
                    "application/problem+json": components["schemas"]["Problem"] & ({
                        currentStatus?: components["schemas"]["MeetingStatus"];
                    } & {
                        [key: string]: unknown;
                    });
                };
            };
            /** @description The `If-Match` precondition failed: the resource changed since it was read. */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:trellis:problem:precondition-failed",
                     *       "title": "Precondition failed",
                     *       "status": 412,
                     *       "detail": "The `If-Match` precondition failed: the resource changed since it was read.",
                     *       "errors": [],
                     *       "traceId": "4bf92f3577b34da6a3ce929d0e0e4736"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["PreconditionFailedProblem"];
                };
            };
            /** @description The request body is larger than the service accepts. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:trellis:problem:payload-too-large",
                     *       "title": "Payload too large",
                     *       "status": 413,
                     *       "detail": "The request body is larger than the service accepts.",
                     *       "errors": [],
                     *       "traceId": "4bf92f3577b34da6a3ce929d0e0e4736"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request body is not sent as `application/json`. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:trellis:problem:unsupported-media-type",
                     *       "title": "Unsupported media type",
                     *       "status": 415,
                     *       "detail": "The request body is not sent as `application/json`.",
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
            /** @description Flow-limited: a flow or hot-parameter rule of this route refused the call; retry after `Retry-After` seconds. */
            429: {
                headers: {
                    /** @description The refusing policy with nothing left of it, as `"flow";r=0;t=<seconds>`. */
                    RateLimit?: string;
                    /** @description The refusing quota: `q` calls per `w` seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:trellis:problem:rate-limited",
                     *       "title": "Too many requests",
                     *       "status": 429,
                     *       "detail": "Flow-limited: a flow or hot-parameter rule of this route refused the call; retry after `Retry-After` seconds.",
                     *       "errors": [],
                     *       "traceId": "4bf92f3577b34da6a3ce929d0e0e4736"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["RateLimitedProblem"];
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
            /** @description Unavailable: this route's circuit breaker is open, the service is shedding load, or a dependency it needs cannot be reached; retry after `Retry-After` seconds. */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:trellis:problem:dependency-unavailable",
                     *       "title": "Service unavailable",
                     *       "status": 503,
                     *       "detail": "Unavailable: this route's circuit breaker is open, the service is shedding load, or a dependency it needs cannot be reached; retry after `Retry-After` seconds.",
                     *       "errors": [],
                     *       "traceId": "4bf92f3577b34da6a3ce929d0e0e4736"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["UnavailableProblem"];
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
            /** @description Flow-limited: a flow or hot-parameter rule of this route refused the call; retry after `Retry-After` seconds. */
            429: {
                headers: {
                    /** @description The refusing policy with nothing left of it, as `"flow";r=0;t=<seconds>`. */
                    RateLimit?: string;
                    /** @description The refusing quota: `q` calls per `w` seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:trellis:problem:rate-limited",
                     *       "title": "Too many requests",
                     *       "status": 429,
                     *       "detail": "Flow-limited: a flow or hot-parameter rule of this route refused the call; retry after `Retry-After` seconds.",
                     *       "errors": [],
                     *       "traceId": "4bf92f3577b34da6a3ce929d0e0e4736"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["RateLimitedProblem"];
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
            /** @description Unavailable: this route's circuit breaker is open, the service is shedding load, or a dependency it needs cannot be reached; retry after `Retry-After` seconds. */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:trellis:problem:dependency-unavailable",
                     *       "title": "Service unavailable",
                     *       "status": 503,
                     *       "detail": "Unavailable: this route's circuit breaker is open, the service is shedding load, or a dependency it needs cannot be reached; retry after `Retry-After` seconds.",
                     *       "errors": [],
                     *       "traceId": "4bf92f3577b34da6a3ce929d0e0e4736"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["UnavailableProblem"];
                };
            };
        };
    };
    "rooms.create": {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes the request safe to retry: the same key with the same body returns the first result. */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateRoom"];
            };
        };
        responses: {
            /** @description The room was created, or this is a replay of it. */
            201: {
                headers: {
                    /** @description `true` when this answer replays an earlier request with the same key. */
                    "Idempotent-Replayed"?: string;
                    /** @description Path of the created resource. */
                    Location?: string;
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
            /** @description The request body is larger than the service accepts. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:trellis:problem:payload-too-large",
                     *       "title": "Payload too large",
                     *       "status": 413,
                     *       "detail": "The request body is larger than the service accepts.",
                     *       "errors": [],
                     *       "traceId": "4bf92f3577b34da6a3ce929d0e0e4736"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request body is not sent as `application/json`. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:trellis:problem:unsupported-media-type",
                     *       "title": "Unsupported media type",
                     *       "status": 415,
                     *       "detail": "The request body is not sent as `application/json`.",
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
            /** @description Flow-limited: a flow or hot-parameter rule of this route refused the call; retry after `Retry-After` seconds. */
            429: {
                headers: {
                    /** @description The refusing policy with nothing left of it, as `"flow";r=0;t=<seconds>`. */
                    RateLimit?: string;
                    /** @description The refusing quota: `q` calls per `w` seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:trellis:problem:rate-limited",
                     *       "title": "Too many requests",
                     *       "status": 429,
                     *       "detail": "Flow-limited: a flow or hot-parameter rule of this route refused the call; retry after `Retry-After` seconds.",
                     *       "errors": [],
                     *       "traceId": "4bf92f3577b34da6a3ce929d0e0e4736"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["RateLimitedProblem"];
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
            /** @description Unavailable: this route's circuit breaker is open, the service is shedding load, or a dependency it needs cannot be reached; retry after `Retry-After` seconds. */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:trellis:problem:dependency-unavailable",
                     *       "title": "Service unavailable",
                     *       "status": 503,
                     *       "detail": "Unavailable: this route's circuit breaker is open, the service is shedding load, or a dependency it needs cannot be reached; retry after `Retry-After` seconds.",
                     *       "errors": [],
                     *       "traceId": "4bf92f3577b34da6a3ce929d0e0e4736"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["UnavailableProblem"];
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
            /** @description Flow-limited: a flow or hot-parameter rule of this route refused the call; retry after `Retry-After` seconds. */
            429: {
                headers: {
                    /** @description The refusing policy with nothing left of it, as `"flow";r=0;t=<seconds>`. */
                    RateLimit?: string;
                    /** @description The refusing quota: `q` calls per `w` seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:trellis:problem:rate-limited",
                     *       "title": "Too many requests",
                     *       "status": 429,
                     *       "detail": "Flow-limited: a flow or hot-parameter rule of this route refused the call; retry after `Retry-After` seconds.",
                     *       "errors": [],
                     *       "traceId": "4bf92f3577b34da6a3ce929d0e0e4736"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["RateLimitedProblem"];
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
            /** @description Unavailable: this route's circuit breaker is open, the service is shedding load, or a dependency it needs cannot be reached; retry after `Retry-After` seconds. */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:trellis:problem:dependency-unavailable",
                     *       "title": "Service unavailable",
                     *       "status": 503,
                     *       "detail": "Unavailable: this route's circuit breaker is open, the service is shedding load, or a dependency it needs cannot be reached; retry after `Retry-After` seconds.",
                     *       "errors": [],
                     *       "traceId": "4bf92f3577b34da6a3ce929d0e0e4736"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["UnavailableProblem"];
                };
            };
        };
    };
}
