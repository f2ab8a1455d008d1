// Generated from services/orders/openapi.json by `npm run contracts`. Do not edit.

export interface paths {
    "/v1/orders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List orders, newest first, by user and status */
        get: operations["orders.list"];
        put?: never;
        /**
         * Place an order
         * @description Totals are computed here from the lines. The user must exist and be active, and the order may hold at most `maxItemsPerOrder` lines (live config; 422 naming `items`). With an `Idempotency-Key`, a retry with the same body answers with the first result, even while the first request is still running; the same key with another body is refused with 422.
         */
        post: operations["orders.create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orders/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get an order with its lines */
        get: operations["orders.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orders/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Cancel an order that is not paid yet
         * @description Answers 409 with the current status in `currentStatus` when the order is not in a state this action applies to.
         */
        post: operations["orders.cancel"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orders/{id}/fulfill": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Mark a paid order as fulfilled
         * @description Answers 409 with the current status in `currentStatus` when the order is not in a state this action applies to.
         */
        post: operations["orders.fulfill"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orders/{id}/pay": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Mark a pending order as paid
         * @description Answers 409 with the current status in `currentStatus` when the order is not in a state this action applies to. An order not paid within `paymentTimeoutMinutes` of its creation (live config) is cancelled by the late payment, which answers 409 saying the payment window expired.
         */
        post: operations["orders.pay"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orders/{id}/refund": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Refund a paid order that is not fulfilled
         * @description Answers 409 with the current status in `currentStatus` when the order is not in a state this action applies to.
         */
        post: operations["orders.refund"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orders/stats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Orders and revenue per UTC day, and what awaits payment
         * @description Figures for dashboards: orders placed and revenue per day for the last `days` UTC days (today last), and the orders waiting for payment now. Revenue counts an order on the day it was paid, unless it was refunded since.
         */
        get: operations["orders.stats"];
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
        CreateOrder: {
            currency: components["schemas"]["Currency"];
            /**
             * @description 1 to 100 lines; totals are computed by the server.
             * @example [
             *       {
             *         "sku": "TEA-EARL-GREY-100G",
             *         "quantity": 2,
             *         "unitPriceCents": 1250
             *       }
             *     ]
             */
            items: components["schemas"]["NewOrderItem"][];
            /**
             * @description The user placing the order; must exist and be active.
             * @example usr_0193a5b2c4d87e1f9a0b1c2d3e4f5a6b
             */
            userId: string;
        };
        /**
         * @description ISO 4217 currency code; every amount of the order is in its minor unit.
         * @example EUR
         */
        Currency: string;
        /** @description A sum of money in one currency; amounts in different currencies never mix. */
        CurrencyAmount: {
            /**
             * @description The amount in minor units of the currency.
             * @example 125000
             */
            amountCents: number;
            currency: components["schemas"]["Currency"];
        };
        /** @description What happened to orders on one UTC day. */
        DailyOrderStats: {
            /**
             * Format: date
             * @description A calendar day in UTC.
             * @example 2026-11-26
             */
            date: string;
            /**
             * @description Orders placed that day, whatever became of them.
             * @example 7
             */
            orders: number;
            /**
             * @description Totals of the orders paid that day that are still paid or fulfilled (refunds are not revenue), per currency, by currency code; empty when nothing was paid.
             * @example [
             *       {
             *         "currency": "EUR",
             *         "amountCents": 125000
             *       }
             *     ]
             */
            revenue: components["schemas"]["CurrencyAmount"][];
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
        /** @description One line of a new order. */
        NewOrderItem: {
            /**
             * @description How many units, 1 to 10,000.
             * @example 2
             */
            quantity: number;
            /**
             * @description Stock keeping unit of the product.
             * @example TEA-EARL-GREY-100G
             */
            sku: string;
            /**
             * @description Price of one unit in minor units of the currency (cents), 0 to 10^9.
             * @example 1250
             */
            unitPriceCents: number;
        };
        Order: {
            /**
             * Format: date-time
             * @description When the order was cancelled (UTC); absent unless it was.
             * @example 2026-11-26T09:30:00.000Z
             */
            cancelledAt?: string;
            /**
             * Format: date-time
             * @description When the order was placed (UTC).
             * @example 2026-11-26T09:30:00.000Z
             */
            createdAt: string;
            currency: components["schemas"]["Currency"];
            /**
             * Format: date-time
             * @description When the order was fulfilled (UTC); absent until then.
             * @example 2026-11-26T09:30:00.000Z
             */
            fulfilledAt?: string;
            /**
             * @description Order id.
             * @example ord_0193a5b2c4d87e1f9a0b1c2d3e4f5a6b
             */
            id: string;
            /**
             * @description The lines, in the order they were given.
             * @example [
             *       {
             *         "sku": "TEA-EARL-GREY-100G",
             *         "quantity": 2,
             *         "unitPriceCents": 1250,
             *         "lineTotalCents": 2500
             *       }
             *     ]
             */
            items: components["schemas"]["OrderItem"][];
            /**
             * Format: date-time
             * @description When the order was paid (UTC); absent until then.
             * @example 2026-11-26T09:30:00.000Z
             */
            paidAt?: string;
            /**
             * Format: date-time
             * @description When the order was refunded (UTC); absent unless it was.
             * @example 2026-11-26T09:30:00.000Z
             */
            refundedAt?: string;
            status: components["schemas"]["OrderStatus"];
            /**
             * @description Sum of the line totals in minor units, computed by the server.
             * @example 2500
             */
            totalCents: number;
            /**
             * Format: date-time
             * @description When the order last changed (UTC).
             * @example 2026-11-26T09:30:00.000Z
             */
            updatedAt: string;
            /**
             * @description Id of the user who placed the order.
             * @example usr_0193a5b2c4d87e1f9a0b1c2d3e4f5a6b
             */
            userId: string;
            /**
             * @description Bumped on every change; the ETag carries it.
             * @example 1
             */
            version: number;
        };
        /** @description One line of an order. */
        OrderItem: {
            /**
             * @description quantity × unitPriceCents, computed by the server.
             * @example 2500
             */
            lineTotalCents: number;
            /**
             * @description How many units, 1 to 10,000.
             * @example 2
             */
            quantity: number;
            /**
             * @description Stock keeping unit of the product.
             * @example TEA-EARL-GREY-100G
             */
            sku: string;
            /**
             * @description Price of one unit in minor units of the currency (cents), 0 to 10^9.
             * @example 1250
             */
            unitPriceCents: number;
        };
        OrderPage: {
            /** @description The orders of this page, newest first. */
            items: components["schemas"]["Order"][];
            /**
             * @description Cursor of the next page; null on the last.
             * @example null
             */
            nextCursor: string | null;
        };
        OrderStats: {
            /** @description One entry per day, oldest first, days without orders included; the last is today. */
            days: components["schemas"]["DailyOrderStats"][];
            /**
             * @description Orders in pending_payment, whenever they were placed.
             * @example {
             *       "orders": 24,
             *       "amounts": [
             *         {
             *           "currency": "EUR",
             *           "amountCents": 48200
             *         }
             *       ]
             *     }
             */
            pendingPayment: {
                /**
                 * @description What those orders are worth, per currency, by currency code.
                 * @example [
                 *       {
                 *         "currency": "EUR",
                 *         "amountCents": 48200
                 *       }
                 *     ]
                 */
                amounts: components["schemas"]["CurrencyAmount"][];
                /**
                 * @description Orders waiting for payment right now.
                 * @example 24
                 */
                orders: number;
            };
            /**
             * @description The time zone the days are cut in.
             * @example UTC
             * @enum {string}
             */
            timeZone: "UTC";
        };
        /**
         * @description pending_payment → paid → fulfilled; pending_payment → cancelled; paid → refunded.
         * @example pending_payment
         * @enum {string}
         */
        OrderStatus: "pending_payment" | "paid" | "fulfilled" | "cancelled" | "refunded";
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
    "orders.list": {
        parameters: {
            query?: {
                /** @description Opaque cursor from the previous page's `nextCursor`. */
                cursor?: string;
                /** @description Page size, 1 to 100. */
                limit?: number;
                /** @description pending_payment → paid → fulfilled; pending_payment → cancelled; paid → refunded. */
                status?: components["schemas"]["OrderStatus"];
                /** @description Only the orders of this user. */
                userId?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of orders. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrderPage"];
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
    "orders.create": {
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
                "application/json": components["schemas"]["CreateOrder"];
            };
        };
        responses: {
            /** @description The order was placed, or this is a replay of it. */
            201: {
                headers: {
                    /** @description `true` when this answer replays an earlier request with the same key. */
                    "Idempotent-Replayed"?: string;
                    /** @description Path of the created resource. */
                    Location?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Order"];
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
                    "application/problem+json": components["schemas"]["Problem"] & ({
                        /**
                         * @description The most lines an order may hold now (live config).
                         * @example 100
                         */
                        maxItemsPerOrder?: number;
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
    "orders.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Order id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The order; the ETag header carries its version. */
            200: {
                headers: {
                    /** @description Its version tag, for `If-Match`. */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Order"];
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
    "orders.cancel": {
        parameters: {
            query?: never;
            header?: {
                /** @description ETag from a previous read; the change is refused with 412 if the resource changed since. Without it the change applies to whatever version is current. */
                "if-match"?: string;
            };
            path: {
                /** @description Order id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The order in its new status. */
            200: {
                headers: {
                    /** @description Its version tag, for `If-Match`. */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Order"];
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
                        currentStatus?: components["schemas"]["OrderStatus"];
                        /**
                         * Format: date-time
                         * @description When the payment window closed, on a late payment that cancelled the order.
                         * @example 2025-03-14T10:15:00.000Z
                         */
                        paymentDeadline?: string;
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
    "orders.fulfill": {
        parameters: {
            query?: never;
            header?: {
                /** @description ETag from a previous read; the change is refused with 412 if the resource changed since. Without it the change applies to whatever version is current. */
                "if-match"?: string;
            };
            path: {
                /** @description Order id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The order in its new status. */
            200: {
                headers: {
                    /** @description Its version tag, for `If-Match`. */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Order"];
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
                        currentStatus?: components["schemas"]["OrderStatus"];
                        /**
                         * Format: date-time
                         * @description When the payment window closed, on a late payment that cancelled the order.
                         * @example 2025-03-14T10:15:00.000Z
                         */
                        paymentDeadline?: string;
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
    "orders.pay": {
        parameters: {
            query?: never;
            header?: {
                /** @description ETag from a previous read; the change is refused with 412 if the resource changed since. Without it the change applies to whatever version is current. */
                "if-match"?: string;
            };
            path: {
                /** @description Order id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The order in its new status. */
            200: {
                headers: {
                    /** @description Its version tag, for `If-Match`. */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Order"];
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
                        currentStatus?: components["schemas"]["OrderStatus"];
                        /**
                         * Format: date-time
                         * @description When the payment window closed, on a late payment that cancelled the order.
                         * @example 2025-03-14T10:15:00.000Z
                         */
                        paymentDeadline?: string;
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
    "orders.refund": {
        parameters: {
            query?: never;
            header?: {
                /** @description ETag from a previous read; the change is refused with 412 if the resource changed since. Without it the change applies to whatever version is current. */
                "if-match"?: string;
            };
            path: {
                /** @description Order id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The order in its new status. */
            200: {
                headers: {
                    /** @description Its version tag, for `If-Match`. */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Order"];
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
                        currentStatus?: components["schemas"]["OrderStatus"];
                        /**
                         * Format: date-time
                         * @description When the payment window closed, on a late payment that cancelled the order.
                         * @example 2025-03-14T10:15:00.000Z
                         */
                        paymentDeadline?: string;
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
    "orders.stats": {
        parameters: {
            query?: {
                /** @description How many UTC days to report, today included: 1 to 90. */
                days?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The figures. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrderStats"];
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
}
