-- A room holds one non-cancelled meeting at a time. Ranges are half-open [starts_at, ends_at),
-- so back-to-back meetings do not overlap. btree_gist lets the gist index compare room_id with =.
CREATE EXTENSION IF NOT EXISTS btree_gist;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_room_no_overlap"
  EXCLUDE USING gist ("room_id" WITH =, tstzrange("starts_at", "ends_at", '[)') WITH &&)
  WHERE ("status" <> 'cancelled');
