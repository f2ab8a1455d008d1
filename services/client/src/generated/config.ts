// Generated from services/config/openapi.json by `npm run contracts`. Do not edit.

export interface paths {
    "/v1/config/{namespace}/{service}/applied": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * An instance reports the revision it applied or rejected
         * @description Needs the service token of that service.
         */
        post: operations["config.reportApplied"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/config/{namespace}/{service}/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Who changed what, when, with the diff */
        get: operations["config.listAudit"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/config/{namespace}/{service}/change-requests": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Change requests waiting for (or given) approval */
        get: operations["config.listChangeRequests"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/config/{namespace}/{service}/change-requests/{id}/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Approve a change request, publishing it
         * @description Publishes the request as its author's release, approved by the caller. Needs the admin role and someone other than the author (403 otherwise).
         */
        post: operations["config.approveChangeRequest"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/config/{namespace}/{service}/change-requests/{id}/reject": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Reject a change request, or withdraw your own
         * @description An admin rejects; the author withdraws. Nothing is published.
         */
        post: operations["config.rejectChangeRequest"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/config/{namespace}/{service}/diff": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Diff two releases
         * @description What changed from revision `from` to revision `to`; `from=0` diffs against nothing.
         */
        get: operations["config.diff"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/config/{namespace}/{service}/draft": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get the draft
         * @description The saved draft, or the live values when nobody has saved one. Secrets masked.
         */
        get: operations["config.getDraft"];
        /**
         * Save the draft
         * @description Replaces the draft after validating it against the service's schema (422 naming each offending key). Needs the operator or admin role.
         */
        put: operations["config.saveDraft"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/config/{namespace}/{service}/draft/diff": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * What publishing the draft would change
         * @description The draft against the live full release; secrets masked.
         */
        get: operations["config.diffDraft"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/config/{namespace}/{service}/effective": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The config one instance runs
         * @description The newest live gray release matching the instance, else the live full release, else the schema defaults. Secrets are decrypted only for the service's own token.
         */
        get: operations["config.getEffective"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/config/{namespace}/{service}/gray/abandon": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Abandon the live gray release
         * @description Ends the gray release and publishes the live full values again as a rollback release (the next revision), so gray instances return to them. Needs the operator or admin role.
         */
        post: operations["config.abandonGray"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/config/{namespace}/{service}/gray/promote": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Promote the live gray release to everyone
         * @description Publishes the gray values as a full release (the next revision) and ends the gray release as promoted. Needs the operator or admin role; the gray values were already approved where that is needed.
         */
        post: operations["config.promoteGray"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/config/{namespace}/{service}/instances": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What each instance applied or rejected */
        get: operations["config.listInstances"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/config/{namespace}/{service}/poll": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Long-poll an instance's effective config
         * @description The fallback for clients that cannot hold a stream: answers at once when the instance should run a revision newer than `afterRevision`, else waits up to `timeoutMs` for one and answers 304.
         */
        get: operations["config.poll"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/config/{namespace}/{service}/releases": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Release history, newest first */
        get: operations["config.listReleases"];
        put?: never;
        /**
         * Publish the draft, to everyone or as a gray release
         * @description Makes an immutable release with the next revision and pushes it to watching instances. In a protected namespace it makes a change request instead (202), which another admin approves. With `gray`, only matching instances get it until it is promoted or abandoned. Needs the operator or admin role.
         */
        post: operations["config.publish"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/config/{namespace}/{service}/releases/{revision}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get one release */
        get: operations["config.getRelease"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/config/{namespace}/{service}/rollback": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Publish the values of an earlier release again
         * @description Makes a new release (kind `rollback`, the next revision) with the values of `toRevision`, after checking them against the current schema; a live gray release ends as superseded. A change request (202) in a protected namespace. Needs the operator or admin role.
         */
        post: operations["config.rollback"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/config/{namespace}/{service}/watch": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Stream an instance's effective config as it changes (SSE)
         * @description Server-sent events. Each `config` event has `id: <revision>` and the effective config as data. With `Last-Event-ID` (or `afterRevision`) every change after that revision is replayed first, in order; without, the current effective config comes first. A `: ping` comment every 15 s keeps the connection alive.
         */
        get: operations["config.watch"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/config/{namespace}/services": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List services with their live revision, gray release and pending approvals */
        get: operations["config.listServices"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/config/namespaces": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List namespaces (environments) */
        get: operations["config.listNamespaces"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/config/schemas/{service}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a service's config schema, for forms */
        get: operations["config.getSchema"];
        /**
         * Upload a service's config schema
         * @description The kit calls this when a service starts, with `z.toJSONSchema` of its config and its secret keys. Needs the service token of that service.
         */
        put: operations["config.uploadSchema"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/registry/instances": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Register an instance, or refresh its registration
         * @description Called by the kit when a service starts, and again whenever a heartbeat answers 404. Needs the service token of the service named in the body.
         */
        post: operations["registry.register"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/registry/instances/{instanceId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Deregister an instance
         * @description Sent on graceful shutdown, so discovery stops handing the instance out at once. The service token of its service, or an operator evicting it.
         */
        delete: operations["registry.deregister"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/registry/instances/{instanceId}/heartbeat": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Keep an instance registered
         * @description Sent every ttl/3. A 404 means the instance is unknown or already expired: register it again.
         */
        put: operations["registry.heartbeat"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/registry/prometheus-sd": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Scrape targets for Prometheus
         * @description Every healthy instance in the Prometheus `http_sd_configs` format, labelled with service, version and instance. Prometheus sends a token through `authorization.credentials`.
         */
        get: operations["registry.prometheusSd"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/registry/services": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List registered services
         * @description Every service with a recently seen instance, with healthy and total counts.
         */
        get: operations["registry.listServices"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/registry/services/{service}/instances": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List a service's instances
         * @description The healthy instances; when fewer than the protection threshold (default half) of the recently seen ones are healthy, the expired ones too, flagged `healthy: false`. An unknown service has an empty list.
         */
        get: operations["registry.listInstances"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/registry/services/{service}/watch": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Watch a service's instances
         * @description Server-sent events: `event: instances` with the list `registry.listInstances` answers, at once and then whenever it changes (registration, deregistration, expiry, new weight or labels; not on every heartbeat). A `: ping` comment every 15 s.
         */
        get: operations["registry.watch"];
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
        ConfigAppliedReport: {
            /**
             * @description Why it was rejected.
             * @example paymentTimeoutMinutes: Too big: expected number to be <=1440
             */
            error?: string;
            /**
             * @description The reporting instance.
             * @example orders-3f2a9c1d
             */
            instanceId: string;
            /**
             * @description Release revision; grows by one per release of a namespace × service.
             * @example 3
             */
            revision: number;
            /**
             * @description Whether the instance runs that revision or refused it.
             * @example applied
             * @enum {string}
             */
            status: "applied" | "rejected";
        };
        ConfigAuditEntry: {
            /**
             * @description What was done.
             * @example publish
             * @enum {string}
             */
            action: "draft.save" | "publish" | "gray" | "rollback" | "promote" | "abandon" | "request" | "approve" | "reject" | "withdraw";
            /**
             * @description Who did it.
             * @example ada@example.com
             */
            actor: string;
            /**
             * Format: date-time
             * @description When (UTC).
             * @example 2026-11-26T09:30:00.000Z
             */
            at: string;
            /** @description The change, secrets masked. */
            changes: components["schemas"]["ConfigDiffEntry"][];
            /**
             * @description The comment given.
             * @example Sale
             */
            comment: string;
            /**
             * @description Entry id; grows with time.
             * @example 12
             */
            id: number;
            /**
             * @description The release it made, if any.
             * @example 4
             */
            revision: number | null;
        };
        ConfigAuditPage: {
            /** @description Entries, newest first. */
            items: components["schemas"]["ConfigAuditEntry"][];
            /**
             * @description Cursor of the next page; null on the last.
             * @example null
             */
            nextCursor: string | null;
        };
        ConfigChangeRequest: {
            /**
             * @description Who asked.
             * @example ada@example.com
             */
            author: string;
            /** @description What it would change against the live release now. */
            changes: components["schemas"]["ConfigDiffEntry"][];
            /**
             * @description The author’s comment.
             * @example Sale
             */
            comment: string;
            /**
             * Format: date-time
             * @description When it was asked (UTC).
             * @example 2026-11-26T09:30:00.000Z
             */
            createdAt: string;
            /**
             * Format: date-time
             * @description When it was decided.
             * @example null
             */
            decidedAt: string | null;
            /**
             * @description Who approved or rejected it.
             * @example null
             */
            decidedBy: string | null;
            /**
             * @description For a gray release: its rule.
             * @example null
             */
            grayRule: {
                /**
                 * @description Instances carrying all of these labels get the gray release.
                 * @example {
                 *       "zone": "a"
                 *     }
                 */
                labels?: {
                    [key: string]: string;
                };
                /**
                 * @description Share of instances, 0–100, chosen by a stable hash of the instance id.
                 * @example 10
                 */
                percentage?: number;
            } | null;
            /**
             * @description Change request id.
             * @example 7
             */
            id: number;
            kind: components["schemas"]["ReleaseKind"];
            /**
             * @description Namespace (environment).
             * @example dev
             */
            namespace: string;
            /**
             * @description The release the approval made.
             * @example null
             */
            revision: number | null;
            /**
             * @description For a rollback: the revision to publish again.
             * @example null
             */
            rollbackTo: number | null;
            /**
             * @description Service name.
             * @example orders
             */
            service: string;
            /**
             * @description Pending until an admin other than the author decides, or the author withdraws.
             * @example pending
             * @enum {string}
             */
            status: "pending" | "approved" | "rejected" | "withdrawn";
            values: components["schemas"]["ConfigValues"];
        };
        ConfigChangeRequestList: {
            /** @description Newest first, at most 100. */
            items: components["schemas"]["ConfigChangeRequest"][];
        };
        ConfigDecision: {
            /**
             * @description Why; shown in the history and the audit trail.
             * @default
             * @example Shorter payment window for the sale
             */
            comment: string;
        };
        ConfigDiff: {
            /** @description What changed, by key. */
            changes: components["schemas"]["ConfigDiffEntry"][];
            /**
             * @description The older side; 0 for nothing published, null for the draft.
             * @example 3
             */
            fromRevision: number | null;
            /**
             * @description The newer side; null for the draft.
             * @example null
             */
            toRevision: number | null;
        };
        ConfigDiffEntry: {
            /**
             * @description The new value; absent when removed; `••••••` for a secret.
             * @example 20
             */
            after?: unknown;
            /**
             * @description The old value; absent when added; `••••••` for a secret.
             * @example 30
             */
            before?: unknown;
            /**
             * @description Whether the key was added, removed or changed.
             * @example change
             * @enum {string}
             */
            op: "add" | "remove" | "change";
            /**
             * @description The changed key, dotted into nested objects.
             * @example paymentTimeoutMinutes
             */
            path: string;
        };
        ConfigDraft: {
            /**
             * @description The live revision when the draft was saved.
             * @example 4
             */
            baseRevision: number;
            /**
             * @description Namespace (environment).
             * @example dev
             */
            namespace: string;
            /**
             * @description Service name.
             * @example orders
             */
            service: string;
            /**
             * Format: date-time
             * @description When it was saved.
             * @example 2026-11-26T09:30:00.000Z
             */
            updatedAt: string | null;
            /**
             * @description Who saved it; null when no draft was saved and this shows the live values.
             * @example ada@example.com
             */
            updatedBy: string | null;
            values: components["schemas"]["ConfigValues"];
        };
        ConfigInstanceStatus: {
            /**
             * @description Why it rejected it.
             * @example null
             */
            error: string | null;
            /**
             * @description The instance.
             * @example orders-3f2a9c1d
             */
            instanceId: string;
            /**
             * Format: date-time
             * @description When it reported (UTC).
             * @example 2026-11-26T09:30:00.000Z
             */
            reportedAt: string;
            /**
             * @description Release revision; grows by one per release of a namespace × service.
             * @example 3
             */
            revision: number;
            /**
             * @description What it did with that revision.
             * @example applied
             * @enum {string}
             */
            status: "applied" | "rejected";
        };
        ConfigInstanceStatusList: {
            /** @description Instances, by id. */
            items: components["schemas"]["ConfigInstanceStatus"][];
        };
        ConfigNamespace: {
            /**
             * @description What the namespace is for.
             * @example Development
             */
            description: string;
            /**
             * @description Namespace (environment).
             * @example dev
             */
            name: string;
            /**
             * @description Whether publishing needs the approval of a second admin.
             * @example false
             */
            protected: boolean;
        };
        ConfigNamespaceList: {
            /** @description Every namespace. */
            items: components["schemas"]["ConfigNamespace"][];
        };
        ConfigRelease: {
            /**
             * @description Who approved it, in a protected namespace.
             * @example null
             */
            approvedBy: string | null;
            /**
             * @description Who published it.
             * @example ada@example.com
             */
            author: string;
            /**
             * @description The publisher’s comment.
             * @example Sale
             */
            comment: string;
            /**
             * Format: date-time
             * @description When it was published (UTC).
             * @example 2026-11-26T09:30:00.000Z
             */
            createdAt: string;
            gray: components["schemas"]["GrayStatus"];
            kind: components["schemas"]["ReleaseKind"];
            /**
             * @description Namespace (environment).
             * @example dev
             */
            namespace: string;
            /**
             * @description Release revision; grows by one per release of a namespace × service.
             * @example 3
             */
            revision: number;
            /**
             * @description For rollbacks: the revision whose values were published again.
             * @example null
             */
            rolledBackTo: number | null;
            /**
             * @description Service name.
             * @example orders
             */
            service: string;
            values: components["schemas"]["ConfigValues"];
        };
        ConfigReleasePage: {
            /** @description Releases, newest first. */
            items: components["schemas"]["ConfigRelease"][];
            /**
             * @description Cursor of the next page; null on the last.
             * @example null
             */
            nextCursor: string | null;
        };
        ConfigSchema: {
            /**
             * @description JSON Schema (draft 2020-12) of the values, as `z.toJSONSchema` emits it.
             * @example {
             *       "$schema": "https://json-schema.org/draft/2020-12/schema",
             *       "type": "object",
             *       "properties": {
             *         "logLevel": {
             *           "type": "string",
             *           "enum": [
             *             "debug",
             *             "info"
             *           ],
             *           "default": "info"
             *         }
             *       },
             *       "additionalProperties": false
             *     }
             */
            jsonSchema: {
                [key: string]: unknown;
            };
            /**
             * @description SHA-256 of the schema and secret keys, hex.
             * @example 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08
             */
            schemaHash: string;
            /**
             * @description Top-level keys whose values are secrets: encrypted at rest and masked.
             * @example [
             *       "stripeKey"
             *     ]
             */
            secretKeys: string[];
            /**
             * @description Service name.
             * @example orders
             */
            service: string;
            /**
             * Format: date-time
             * @description When the schema was last uploaded (UTC).
             * @example 2026-11-26T09:30:00.000Z
             */
            updatedAt: string;
        };
        ConfigServiceState: {
            /**
             * Format: date-time
             * @description When the draft was last saved; null when nobody saved one.
             * @example 2026-11-26T09:30:00.000Z
             */
            draftUpdatedAt: string | null;
            /**
             * @description Who saved the draft last.
             * @example ada@example.com
             */
            draftUpdatedBy: string | null;
            /**
             * @description The live gray release, if any.
             * @example {
             *       "revision": 5,
             *       "rule": {
             *         "percentage": 10
             *       }
             *     }
             */
            gray: {
                /**
                 * @description Release revision; grows by one per release of a namespace × service.
                 * @example 3
                 */
                revision: number;
                rule: components["schemas"]["GrayRule"];
            } | null;
            /**
             * @description Whether the service has uploaded its config schema.
             * @example true
             */
            hasSchema: boolean;
            /**
             * @description The newest release of any kind.
             * @example 5
             */
            latestRevision: number | null;
            /**
             * @description The live full (or rollback) release; null before the first publish.
             * @example 4
             */
            liveRevision: number | null;
            /**
             * @description Change requests waiting for approval.
             * @example 0
             */
            pendingChangeRequests: number;
            /**
             * @description Service name.
             * @example orders
             */
            service: string;
        };
        ConfigServiceStateList: {
            /** @description Services, by name. */
            items: components["schemas"]["ConfigServiceState"][];
        };
        /**
         * @description One JSON object of config values, as the service schema describes; secret keys show as `••••••`.
         * @example {
         *       "logLevel": "info",
         *       "paymentTimeoutMinutes": 30,
         *       "stripeKey": "••••••"
         *     }
         */
        ConfigValues: {
            [key: string]: unknown;
        };
        /** @description What one instance runs. Secrets are in clear only for the service's own token, masked for anyone else. */
        EffectiveConfig: {
            /**
             * @description The kind of that release, or `defaults` before any publish.
             * @example full
             * @enum {string}
             */
            releaseKind: "full" | "gray" | "rollback" | "defaults";
            /**
             * @description The release this instance runs; 0 for the schema defaults.
             * @example 4
             */
            revision: number;
            values: components["schemas"]["ConfigValues"];
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
        GrayAction: {
            /**
             * @description Why; shown in the history and the audit trail.
             * @default
             * @example Shorter payment window for the sale
             */
            comment: string;
        };
        GrayRule: {
            /**
             * @description Instances carrying all of these labels get the gray release.
             * @example {
             *       "zone": "a"
             *     }
             */
            labels?: {
                [key: string]: string;
            };
            /**
             * @description Share of instances, 0–100, chosen by a stable hash of the instance id.
             * @example 10
             */
            percentage?: number;
        };
        /**
         * @description For gray releases: the rule and state.
         * @example null
         */
        GrayStatus: {
            /**
             * Format: date-time
             * @description When it was promoted or abandoned.
             * @example null
             */
            endedAt: string | null;
            rule: components["schemas"]["GrayRule"];
            /**
             * @description Live, or how it ended.
             * @example live
             * @enum {string}
             */
            state: "live" | "promoted" | "abandoned" | "superseded";
        } | null;
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
        PrometheusTargetGroup: {
            /**
             * @description Labels Prometheus attaches to the scraped series.
             * @example {
             *       "service": "users",
             *       "version": "1.4.2",
             *       "instance": "users-3f9a2c1d"
             *     }
             */
            labels: {
                [key: string]: string;
            };
            /**
             * @description `host:port` to scrape.
             * @example [
             *       "10.0.0.12:4101"
             *     ]
             */
            targets: string[];
        };
        /** @description Prometheus `http_sd` answer: one group per healthy instance. */
        PrometheusTargets: components["schemas"]["PrometheusTargetGroup"][];
        PublishConfig: {
            /**
             * @description Why; shown in the history and the audit trail.
             * @default
             * @example Shorter payment window for the sale
             */
            comment: string;
            gray?: components["schemas"]["GrayRule"];
        };
        RegisterInstance: {
            /**
             * Format: uri
             * @description Base URL other services call this instance at.
             * @example http://10.0.0.12:4101
             */
            address: string;
            /**
             * @description Unique id of one running instance.
             * @example users-3f9a2c1d
             */
            instanceId: string;
            /**
             * @description Free-form labels, e.g. zone or tier; gray releases can target them.
             * @default {}
             * @example {
             *       "zone": "a",
             *       "tier": "canary"
             *     }
             */
            labels: {
                [key: string]: string;
            };
            /**
             * @description Service name.
             * @example users
             */
            service: string;
            /**
             * @description Seconds the instance stays healthy after a heartbeat; it beats every ttl/3.
             * @default 15
             * @example 15
             */
            ttlSeconds: number;
            /**
             * @description Version of the code the instance runs.
             * @example 1.4.2
             */
            version: string;
            /**
             * @description Share of the traffic relative to the other instances; 0 takes none.
             * @default 100
             * @example 100
             */
            weight: number;
        };
        RegistryInstance: {
            /**
             * Format: uri
             * @description Base URL other services call this instance at.
             * @example http://10.0.0.12:4101
             */
            address: string;
            /**
             * Format: date-time
             * @description When the instance expires unless it heartbeats again (UTC).
             * @example 2026-11-26T09:30:00.000Z
             */
            expiresAt: string;
            /**
             * @description False only for an expired instance listed because the protection threshold is active.
             * @example true
             */
            healthy: boolean;
            /**
             * @description Unique id of one running instance.
             * @example users-3f9a2c1d
             */
            instanceId: string;
            /**
             * @description Free-form labels, e.g. zone or tier; gray releases can target them.
             * @example {
             *       "zone": "a",
             *       "tier": "canary"
             *     }
             */
            labels: {
                [key: string]: string;
            };
            /**
             * Format: date-time
             * @description When the instance last registered or heartbeat (UTC).
             * @example 2026-11-26T09:30:00.000Z
             */
            lastHeartbeatAt: string;
            /**
             * Format: date-time
             * @description When the instance first registered (UTC).
             * @example 2026-11-26T09:30:00.000Z
             */
            registeredAt: string;
            /**
             * @description Service name.
             * @example users
             */
            service: string;
            /**
             * @description Seconds the instance stays healthy after a heartbeat; it beats every ttl/3.
             * @example 15
             */
            ttlSeconds: number;
            /**
             * @description Version of the code the instance runs.
             * @example 1.4.2
             */
            version: string;
            /**
             * @description Share of the traffic relative to the other instances; 0 takes none.
             * @example 100
             */
            weight: number;
        };
        RegistryInstanceList: {
            /** @description The instances to call, by instance id; watch streams push this whole list. */
            items: components["schemas"]["RegistryInstance"][];
            /**
             * @description True when too few instances are healthy, so the expired but recently seen ones are listed too.
             * @example false
             */
            protectionActive: boolean;
            /**
             * @description Service name.
             * @example users
             */
            service: string;
        };
        RegistryService: {
            /**
             * @description Instances heartbeating within their TTL.
             * @example 2
             */
            healthy: number;
            /**
             * @description True when the protection threshold keeps expired instances listed.
             * @example false
             */
            protectionActive: boolean;
            /**
             * @description Service name.
             * @example users
             */
            service: string;
            /**
             * @description Instances seen recently, healthy or expired.
             * @example 3
             */
            total: number;
        };
        RegistryServiceList: {
            /** @description Services with recently seen instances, by name. */
            items: components["schemas"]["RegistryService"][];
        };
        /**
         * @description A full release, a gray release to some instances, or a rollback.
         * @example full
         * @enum {string}
         */
        ReleaseKind: "full" | "gray" | "rollback";
        RollbackConfig: {
            /**
             * @description Why; shown in the history and the audit trail.
             * @default
             * @example Shorter payment window for the sale
             */
            comment: string;
            /**
             * @description The release whose values to publish again.
             * @example 3
             */
            toRevision: number;
        };
        /** @description The whole draft. Send a secret back as `••••••` to keep the stored one. */
        SaveConfigDraft: {
            values: components["schemas"]["ConfigValues"];
        };
        UploadConfigSchema: {
            /**
             * @description JSON Schema (draft 2020-12) of the values, as `z.toJSONSchema` emits it.
             * @example {
             *       "$schema": "https://json-schema.org/draft/2020-12/schema",
             *       "type": "object",
             *       "properties": {
             *         "logLevel": {
             *           "type": "string",
             *           "enum": [
             *             "debug",
             *             "info"
             *           ],
             *           "default": "info"
             *         }
             *       },
             *       "additionalProperties": false
             *     }
             */
            jsonSchema: {
                [key: string]: unknown;
            };
            /**
             * @description Top-level keys whose values are secrets: encrypted at rest and masked.
             * @default []
             * @example [
             *       "stripeKey"
             *     ]
             */
            secretKeys: string[];
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    "config.reportApplied": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Namespace (environment). */
                namespace: string;
                /** @description Service name. */
                service: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ConfigAppliedReport"];
            };
        };
        responses: {
            /** @description Recorded. */
            204: {
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
    "config.listAudit": {
        parameters: {
            query?: {
                /** @description Opaque cursor from the previous page's `nextCursor`. */
                cursor?: string;
                /** @description Page size, 1 to 100. */
                limit?: number;
            };
            header?: never;
            path: {
                /** @description Namespace (environment). */
                namespace: string;
                /** @description Service name. */
                service: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of the audit trail, newest first, secrets masked. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConfigAuditPage"];
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
    "config.listChangeRequests": {
        parameters: {
            query?: {
                /** @description Only requests in this status. */
                status?: "pending" | "approved" | "rejected" | "withdrawn";
            };
            header?: never;
            path: {
                /** @description Namespace (environment). */
                namespace: string;
                /** @description Service name. */
                service: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Newest first, each with what it would change against the live release now. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConfigChangeRequestList"];
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
    "config.approveChangeRequest": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Change request id. */
                id: number;
                /** @description Namespace (environment). */
                namespace: string;
                /** @description Service name. */
                service: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ConfigDecision"];
            };
        };
        responses: {
            /** @description Approved; `revision` names the release it made. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConfigChangeRequest"];
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
    "config.rejectChangeRequest": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Change request id. */
                id: number;
                /** @description Namespace (environment). */
                namespace: string;
                /** @description Service name. */
                service: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ConfigDecision"];
            };
        };
        responses: {
            /** @description Rejected or withdrawn. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConfigChangeRequest"];
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
    "config.diff": {
        parameters: {
            query: {
                /** @description The older revision; 0 for nothing. */
                from?: number | null;
                /** @description The newer revision. */
                to: number;
            };
            header?: never;
            path: {
                /** @description Namespace (environment). */
                namespace: string;
                /** @description Service name. */
                service: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The changes, secrets masked. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConfigDiff"];
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
    "config.getDraft": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Namespace (environment). */
                namespace: string;
                /** @description Service name. */
                service: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The draft. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConfigDraft"];
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
    "config.saveDraft": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Namespace (environment). */
                namespace: string;
                /** @description Service name. */
                service: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SaveConfigDraft"];
            };
        };
        responses: {
            /** @description The saved draft, secrets masked. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConfigDraft"];
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
    "config.diffDraft": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Namespace (environment). */
                namespace: string;
                /** @description Service name. */
                service: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Live (from) against the draft (to). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConfigDiff"];
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
    "config.getEffective": {
        parameters: {
            query: {
                /** @description The instance asking; gray rules hash it. */
                instanceId: string;
                /** @description The instance’s labels as `key:value,key:value`. */
                labels?: string;
            };
            header?: never;
            path: {
                /** @description Namespace (environment). */
                namespace: string;
                /** @description Service name. */
                service: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The effective config. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EffectiveConfig"];
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
    "config.abandonGray": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Namespace (environment). */
                namespace: string;
                /** @description Service name. */
                service: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["GrayAction"];
            };
        };
        responses: {
            /** @description The release that ended the gray release. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConfigRelease"];
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
    "config.promoteGray": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Namespace (environment). */
                namespace: string;
                /** @description Service name. */
                service: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["GrayAction"];
            };
        };
        responses: {
            /** @description The release that ended the gray release. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConfigRelease"];
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
    "config.listInstances": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Namespace (environment). */
                namespace: string;
                /** @description Service name. */
                service: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The last report of every instance. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConfigInstanceStatusList"];
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
    "config.poll": {
        parameters: {
            query: {
                /** @description The revision the instance runs; the poll answers when there is a newer one. */
                afterRevision?: number | null;
                /** @description The instance asking; gray rules hash it. */
                instanceId: string;
                /** @description The instance’s labels as `key:value,key:value`. */
                labels?: string;
                /** @description How long to wait for a change before answering 304, up to 60000. */
                timeoutMs?: number | null;
            };
            header?: never;
            path: {
                /** @description Namespace (environment). */
                namespace: string;
                /** @description Service name. */
                service: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The effective config, newer than `afterRevision`. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EffectiveConfig"];
                };
            };
            /** @description Nothing newer within the timeout; poll again. */
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
    "config.listReleases": {
        parameters: {
            query?: {
                /** @description Opaque cursor from the previous page's `nextCursor`. */
                cursor?: string;
                /** @description Page size, 1 to 100. */
                limit?: number;
            };
            header?: never;
            path: {
                /** @description Namespace (environment). */
                namespace: string;
                /** @description Service name. */
                service: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of releases, secrets masked. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConfigReleasePage"];
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
    "config.publish": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Namespace (environment). */
                namespace: string;
                /** @description Service name. */
                service: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PublishConfig"];
            };
        };
        responses: {
            /** @description Published. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConfigRelease"];
                };
            };
            /** @description Protected namespace: waiting for approval. */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConfigChangeRequest"];
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
    "config.getRelease": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Namespace (environment). */
                namespace: string;
                /** @description Release revision. */
                revision: number;
                /** @description Service name. */
                service: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The release, secrets masked. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConfigRelease"];
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
    "config.rollback": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Namespace (environment). */
                namespace: string;
                /** @description Service name. */
                service: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RollbackConfig"];
            };
        };
        responses: {
            /** @description Rolled back. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConfigRelease"];
                };
            };
            /** @description Protected namespace: waiting for approval. */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConfigChangeRequest"];
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
    "config.watch": {
        parameters: {
            query: {
                /** @description Replay from after this revision; the `Last-Event-ID` header wins when both are sent. */
                afterRevision?: number | null;
                /** @description The instance asking; gray rules hash it. */
                instanceId: string;
                /** @description The instance’s labels as `key:value,key:value`. */
                labels?: string;
            };
            header?: {
                /** @description The last revision received; the stream replays every later change first. */
                "last-event-id"?: number | null;
            };
            path: {
                /** @description Namespace (environment). */
                namespace: string;
                /** @description Service name. */
                service: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description An endless `text/event-stream` of `config` events. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": string;
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
    "config.listServices": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Namespace (environment). */
                namespace: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Services known in this namespace. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConfigServiceStateList"];
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
    "config.listNamespaces": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Every namespace. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConfigNamespaceList"];
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
    "config.getSchema": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Service name. */
                service: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The schema the service uploaded last. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConfigSchema"];
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
    "config.uploadSchema": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Service name. */
                service: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UploadConfigSchema"];
            };
        };
        responses: {
            /** @description The schema as stored. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConfigSchema"];
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
    "registry.register": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RegisterInstance"];
            };
        };
        responses: {
            /** @description The registration was refreshed. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RegistryInstance"];
                };
            };
            /** @description The instance was registered. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RegistryInstance"];
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
    "registry.deregister": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Unique id of one running instance. */
                instanceId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The instance was removed. */
            204: {
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
    "registry.heartbeat": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Unique id of one running instance. */
                instanceId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The heartbeat was recorded. */
            204: {
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
    "registry.prometheusSd": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The target groups. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PrometheusTargets"];
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
    "registry.listServices": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The services, by name. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RegistryServiceList"];
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
    "registry.listInstances": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Service name. */
                service: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The instances to call. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RegistryInstanceList"];
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
    "registry.watch": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Service name. */
                service: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description An event stream; each `data` is a RegistryInstanceList. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": components["schemas"]["RegistryInstanceList"];
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
