CREATE TYPE "public"."config_change_request_status" AS ENUM('pending', 'approved', 'rejected', 'withdrawn');--> statement-breakpoint
CREATE TYPE "public"."config_release_kind" AS ENUM('full', 'gray', 'rollback');--> statement-breakpoint
CREATE TABLE "config_applied" (
	"namespace" text NOT NULL,
	"service" text NOT NULL,
	"instance_id" text NOT NULL,
	"revision" integer NOT NULL,
	"status" text NOT NULL,
	"error" text,
	"reported_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "config_applied_namespace_service_instance_id_pk" PRIMARY KEY("namespace","service","instance_id")
);
--> statement-breakpoint
CREATE TABLE "config_audit" (
	"id" serial PRIMARY KEY NOT NULL,
	"namespace" text NOT NULL,
	"service" text NOT NULL,
	"action" text NOT NULL,
	"actor" text NOT NULL,
	"revision" integer,
	"diff" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "config_change_requests" (
	"id" serial PRIMARY KEY NOT NULL,
	"namespace" text NOT NULL,
	"service" text NOT NULL,
	"kind" "config_release_kind" NOT NULL,
	"values" jsonb NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"gray_rule" jsonb,
	"rollback_to" integer,
	"author" text NOT NULL,
	"status" "config_change_request_status" DEFAULT 'pending' NOT NULL,
	"decided_by" text,
	"decided_at" timestamp with time zone,
	"revision" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "config_drafts" (
	"namespace" text NOT NULL,
	"service" text NOT NULL,
	"values" jsonb NOT NULL,
	"base_revision" integer DEFAULT 0 NOT NULL,
	"updated_by" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "config_drafts_namespace_service_pk" PRIMARY KEY("namespace","service")
);
--> statement-breakpoint
CREATE TABLE "config_namespaces" (
	"name" text PRIMARY KEY NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"protected" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "config_releases" (
	"id" serial PRIMARY KEY NOT NULL,
	"namespace" text NOT NULL,
	"service" text NOT NULL,
	"revision" integer NOT NULL,
	"kind" "config_release_kind" DEFAULT 'full' NOT NULL,
	"values" jsonb NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"author" text NOT NULL,
	"approved_by" text,
	"gray_rule" jsonb,
	"gray_ended_at" timestamp with time zone,
	"gray_outcome" text,
	"rolled_back_to" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "config_releases_revision_key" UNIQUE("namespace","service","revision")
);
--> statement-breakpoint
CREATE TABLE "config_schemas" (
	"service" text PRIMARY KEY NOT NULL,
	"json_schema" jsonb NOT NULL,
	"secret_keys" text[] DEFAULT '{}'::text[] NOT NULL,
	"schema_hash" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "registry_instances" (
	"instance_id" text PRIMARY KEY NOT NULL,
	"service" text NOT NULL,
	"address" text NOT NULL,
	"version" text NOT NULL,
	"labels" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"weight" integer DEFAULT 100 NOT NULL,
	"ttl_seconds" integer DEFAULT 15 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_heartbeat_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "config_change_requests" ADD CONSTRAINT "config_change_requests_namespace_config_namespaces_name_fk" FOREIGN KEY ("namespace") REFERENCES "public"."config_namespaces"("name") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "config_drafts" ADD CONSTRAINT "config_drafts_namespace_config_namespaces_name_fk" FOREIGN KEY ("namespace") REFERENCES "public"."config_namespaces"("name") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "config_releases" ADD CONSTRAINT "config_releases_namespace_config_namespaces_name_fk" FOREIGN KEY ("namespace") REFERENCES "public"."config_namespaces"("name") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "config_audit_target_idx" ON "config_audit" USING btree ("namespace","service","id");--> statement-breakpoint
CREATE INDEX "config_change_requests_pending_idx" ON "config_change_requests" USING btree ("namespace","service","status");--> statement-breakpoint
CREATE INDEX "registry_instances_service_idx" ON "registry_instances" USING btree ("service","last_heartbeat_at");--> statement-breakpoint
INSERT INTO "config_namespaces" ("name", "description", "protected") VALUES
  ('dev', 'Development: publish freely', false),
  ('prod', 'Production: every publish needs a second person to approve', true)
ON CONFLICT DO NOTHING;
