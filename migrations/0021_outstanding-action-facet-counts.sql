CREATE TABLE `outstanding_action_facet_counts` (
	`person_id` integer NOT NULL,
	`facet` text NOT NULL,
	`value` text NOT NULL,
	`dated` integer NOT NULL,
	`n` integer NOT NULL,
	PRIMARY KEY(`person_id`, `facet`, `value`, `dated`)
);
--> statement-breakpoint
-- Kept from outstanding_action_counts by its own changes, as the theme counters are (migration 0018): of the whole
-- office's slice (theme 0), a row inserted adds its n under each of its four facets, an update of n adds the
-- difference, a delete takes its n away. The table is drizzle-kit's; the triggers and the fill below it are
-- hand-written. See docs/decisions/0024.
CREATE TRIGGER `facet_counts_slice_insert` AFTER INSERT ON `outstanding_action_counts`
WHEN NEW.theme_id = 0 AND NEW.n <> 0
BEGIN
  INSERT INTO outstanding_action_facet_counts (person_id, facet, value, dated, n)
    SELECT NEW.person_id, f.facet, f.value, NEW.dated, NEW.n FROM (
      SELECT 'kind' AS facet, NEW.kind AS value
      UNION ALL SELECT 'status', NEW.status
      UNION ALL SELECT 'owner', CASE WHEN NEW.owner_user_id <> 0 THEN CAST(NEW.owner_user_id AS TEXT) ELSE NEW.owner_type END
      UNION ALL SELECT 'organisation', CAST(NEW.organisation_id AS TEXT)) f
    WHERE 1
    ON CONFLICT (person_id, facet, value, dated) DO UPDATE SET n = n + excluded.n;
END;
--> statement-breakpoint
CREATE TRIGGER `facet_counts_slice_update` AFTER UPDATE OF n ON `outstanding_action_counts`
WHEN NEW.theme_id = 0 AND NEW.n <> OLD.n
BEGIN
  INSERT INTO outstanding_action_facet_counts (person_id, facet, value, dated, n)
    SELECT NEW.person_id, f.facet, f.value, NEW.dated, NEW.n - OLD.n FROM (
      SELECT 'kind' AS facet, NEW.kind AS value
      UNION ALL SELECT 'status', NEW.status
      UNION ALL SELECT 'owner', CASE WHEN NEW.owner_user_id <> 0 THEN CAST(NEW.owner_user_id AS TEXT) ELSE NEW.owner_type END
      UNION ALL SELECT 'organisation', CAST(NEW.organisation_id AS TEXT)) f
    WHERE 1
    ON CONFLICT (person_id, facet, value, dated) DO UPDATE SET n = n + excluded.n;
END;
--> statement-breakpoint
CREATE TRIGGER `facet_counts_slice_delete` AFTER DELETE ON `outstanding_action_counts`
WHEN OLD.theme_id = 0 AND OLD.n <> 0
BEGIN
  INSERT INTO outstanding_action_facet_counts (person_id, facet, value, dated, n)
    SELECT OLD.person_id, f.facet, f.value, OLD.dated, -OLD.n FROM (
      SELECT 'kind' AS facet, OLD.kind AS value
      UNION ALL SELECT 'status', OLD.status
      UNION ALL SELECT 'owner', CASE WHEN OLD.owner_user_id <> 0 THEN CAST(OLD.owner_user_id AS TEXT) ELSE OLD.owner_type END
      UNION ALL SELECT 'organisation', CAST(OLD.organisation_id AS TEXT)) f
    WHERE 1
    ON CONFLICT (person_id, facet, value, dated) DO UPDATE SET n = n + excluded.n;
END;
--> statement-breakpoint
CREATE TRIGGER `facet_counts_slice_key_update` BEFORE UPDATE OF kind, status, owner_user_id, owner_type, organisation_id ON `outstanding_action_counts`
BEGIN
  SELECT RAISE(ABORT, 'An outstanding-action counter is moved by its n, not by its key (the facet counters follow it)');
END;
--> statement-breakpoint
CREATE TRIGGER `outstanding_action_facet_counts_drop_nought` AFTER UPDATE OF n ON `outstanding_action_facet_counts`
WHEN NEW.n = 0
BEGIN
  DELETE FROM outstanding_action_facet_counts WHERE rowid = NEW.rowid;
END;
--> statement-breakpoint
INSERT INTO outstanding_action_facet_counts (person_id, facet, value, dated, n)
  SELECT person_id, facet, value, dated, sum(n) FROM (
    SELECT person_id, 'kind' AS facet, kind AS value, dated, n FROM outstanding_action_counts WHERE theme_id = 0
    UNION ALL SELECT person_id, 'status', status, dated, n FROM outstanding_action_counts WHERE theme_id = 0
    UNION ALL SELECT person_id, 'owner', CASE WHEN owner_user_id <> 0 THEN CAST(owner_user_id AS TEXT) ELSE owner_type END, dated, n
      FROM outstanding_action_counts WHERE theme_id = 0
    UNION ALL SELECT person_id, 'organisation', CAST(organisation_id AS TEXT), dated, n FROM outstanding_action_counts WHERE theme_id = 0)
  GROUP BY 1, 2, 3, 4 HAVING sum(n) <> 0;
