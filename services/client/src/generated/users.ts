// Generated from services/users/openapi.json by `npm run contracts`. Do not edit.

export interface paths {
    "/v1/sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sign in with email and password */
        post: operations["sessions.create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List and search users, newest first */
        get: operations["users.list"];
        put?: never;
        /**
         * Create a user
         * @description While the live config `requireStrongPasswords` is on, a password shorter than 12 characters or made only of letters is refused with 422 naming `password`. With an `Idempotency-Key`, a retry with the same body answers with the first result, even while the first request is still running; the same key with another body is refused with 422.
         */
        post: operations["users.create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/users/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a user */
        get: operations["users.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change a user's name, email or roles */
        patch: operations["users.update"];
        trace?: never;
    };
    "/v1/users/{id}/reactivate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Reactivate a suspended user */
        post: operations["users.reactivate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/users/{id}/suspend": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Suspend a user: they can no longer sign in or order */
        post: operations["users.suspend"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/users/lookup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Fetch up to 100 users by id in one call */
        post: operations["users.lookup"];
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
        CreateSession: {
            /**
             * Format: email
             * @description The account's email.
             * @example admin@trellis.local
             */
            email: string;
            /**
             * @description The account's password.
             * @example trellis-admin
             */
            password: string;
        };
        CreateUser: {
            /**
             * Format: email
             * @description Unique email.
             * @example ada@example.com
             */
            email: string;
            /**
             * @description Display name.
             * @example Ada Lovelace
             */
            name: string;
            /**
             * @description Sign-in password, 8 to 200 characters. Never returned.
             * @example correct horse battery
             */
            password?: string;
            /**
             * @description Defaults to member.
             * @example [
             *       "member"
             *     ]
             */
            roles?: components["schemas"]["Role"][];
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
        LookupUsers: {
            /**
             * @description 1 to 100 user ids.
             * @example [
             *       "usr_0193a5b2c4d87e1f9a0b1c2d3e4f5a6b"
             *     ]
             */
            ids: string[];
        };
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
        /**
         * @description What the user may do in Trellis.
         * @example member
         * @enum {string}
         */
        Role: "member" | "operator" | "admin";
        Session: {
            /**
             * @description HS256 JWT naming the user and roles.
             * @example eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.e30.sig
             */
            accessToken: string;
            /**
             * @description Seconds until the token expires.
             * @example 900
             */
            expiresIn: number;
            /**
             * @description Send as `Authorization: Bearer <token>`.
             * @example Bearer
             * @enum {string}
             */
            tokenType: "Bearer";
            user: components["schemas"]["User"];
        };
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
        UpdateUser: {
            /**
             * Format: email
             * @description New email.
             * @example ada@example.org
             */
            email?: string;
            /**
             * @description New display name.
             * @example Ada King
             */
            name?: string;
            /**
             * @description Replaces the roles.
             * @example [
             *       "member",
             *       "operator"
             *     ]
             */
            roles?: components["schemas"]["Role"][];
        };
        User: {
            /**
             * Format: date-time
             * @description When the user was created (UTC).
             * @example 2026-11-26T09:30:00.000Z
             */
            createdAt: string;
            /**
             * Format: email
             * @description Unique, compared case-insensitively.
             * @example ada@example.com
             */
            email: string;
            /**
             * @description User id.
             * @example usr_0193a5b2c4d87e1f9a0b1c2d3e4f5a6b
             */
            id: string;
            /**
             * @description Display name.
             * @example Ada Lovelace
             */
            name: string;
            /**
             * @description Granted roles.
             * @example [
             *       "member"
             *     ]
             */
            roles: components["schemas"]["Role"][];
            status: components["schemas"]["UserStatus"];
            /**
             * Format: date-time
             * @description When the user last changed (UTC).
             * @example 2026-11-26T09:30:00.000Z
             */
            updatedAt: string;
            /**
             * @description Bumped on every change; the ETag carries it.
             * @example 1
             */
            version: number;
        };
        UserLookupResult: {
            /** @description The users found, in the order asked. */
            items: components["schemas"]["User"][];
            /**
             * @description Ids with no user.
             * @example []
             */
            missing: string[];
        };
        UserPage: {
            /** @description The users on this page, newest first. */
            items: components["schemas"]["User"][];
            /**
             * @description Cursor of the next page; null on the last.
             * @example null
             */
            nextCursor: string | null;
        };
        /**
         * @description Suspended users cannot sign in or order.
         * @example active
         * @enum {string}
         */
        UserStatus: "active" | "suspended";
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    "sessions.create": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateSession"];
            };
        };
        responses: {
            /** @description Signed in: an access token for the user. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Session"];
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
            /** @description Authentication is missing or invalid. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:trellis:problem:unauthorized",
                     *       "title": "Unauthorized",
                     *       "status": 401,
                     *       "detail": "Authentication is missing or invalid.",
                     *       "errors": [],
                     *       "traceId": "4bf92f3577b34da6a3ce929d0e0e4736"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:trellis:problem:forbidden",
                     *       "title": "Forbidden",
                     *       "status": 403,
                     *       "detail": "The caller may not do this.",
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
    "users.list": {
        parameters: {
            query?: {
                /** @description Opaque cursor from the previous page's `nextCursor`. */
                cursor?: string;
                /** @description Page size, 1 to 100. */
                limit?: number;
                /** @description Matches name or email, case-insensitively. */
                q?: string;
                /** @description Suspended users cannot sign in or order. */
                status?: components["schemas"]["UserStatus"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of users. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserPage"];
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
    "users.create": {
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
                "application/json": components["schemas"]["CreateUser"];
            };
        };
        responses: {
            /** @description The user was created, or this is a replay of it. */
            201: {
                headers: {
                    /** @description `true` when this answer replays an earlier request with the same key. */
                    "Idempotent-Replayed"?: string;
                    /** @description Path of the created resource. */
                    Location?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
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
    "users.get": {
        parameters: {
            query?: never;
            header?: {
                /** @description ETag from a previous read; 304 if unchanged. */
                "if-none-match"?: string;
            };
            path: {
                /** @description User id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The user; the ETag header carries its version. */
            200: {
                headers: {
                    /** @description Its version tag, for `If-Match`. */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
                };
            };
            /** @description Unchanged since the ETag in If-None-Match. */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
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
    "users.update": {
        parameters: {
            query?: never;
            header?: {
                /** @description ETag from a previous read; the change is refused with 412 if the resource changed since. Without it the change applies to whatever version is current. */
                "if-match"?: string;
            };
            path: {
                /** @description User id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateUser"];
            };
        };
        responses: {
            /** @description The updated user. */
            200: {
                headers: {
                    /** @description Its version tag, for `If-Match`. */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
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
    "users.reactivate": {
        parameters: {
            query?: never;
            header?: {
                /** @description ETag from a previous read; the change is refused with 412 if the resource changed since. Without it the change applies to whatever version is current. */
                "if-match"?: string;
            };
            path: {
                /** @description User id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The user in its new status. */
            200: {
                headers: {
                    /** @description Its version tag, for `If-Match`. */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
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
                        currentStatus?: components["schemas"]["UserStatus"];
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
    "users.suspend": {
        parameters: {
            query?: never;
            header?: {
                /** @description ETag from a previous read; the change is refused with 412 if the resource changed since. Without it the change applies to whatever version is current. */
                "if-match"?: string;
            };
            path: {
                /** @description User id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The user in its new status. */
            200: {
                headers: {
                    /** @description Its version tag, for `If-Match`. */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
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
                        currentStatus?: components["schemas"]["UserStatus"];
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
    "users.lookup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LookupUsers"];
            };
        };
        responses: {
            /** @description The users found and the ids that were not. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserLookupResult"];
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
