CREATE TABLE `outstanding_action_theme_counts` (
	`theme_id` integer NOT NULL,
	`person_id` integer NOT NULL,
	`dated` integer NOT NULL,
	`n` integer NOT NULL,
	PRIMARY KEY(`theme_id`, `person_id`, `dated`)
);
--> statement-breakpoint
-- Kept from outstanding_action_counts by its own changes, as the month counters are kept from the day counters
-- (migration 0017): a row inserted adds its n, an update of n adds the difference, a delete takes its n away, and a
-- change of nothing moves nothing (a row that falls to 0 is deleted by its own trigger after it has been counted here).
CREATE TRIGGER `theme_counts_slice_insert` AFTER INSERT ON `outstanding_action_counts`
WHEN NEW.n <> 0
BEGIN
  INSERT INTO outstanding_action_theme_counts (theme_id, person_id, dated, n) VALUES (NEW.theme_id, NEW.person_id, NEW.dated, NEW.n)
    ON CONFLICT (theme_id, person_id, dated) DO UPDATE SET n = n + excluded.n;
END;
--> statement-breakpoint
CREATE TRIGGER `theme_counts_slice_update` AFTER UPDATE OF n ON `outstanding_action_counts`
WHEN NEW.n <> OLD.n
BEGIN
  INSERT INTO outstanding_action_theme_counts (theme_id, person_id, dated, n) VALUES (NEW.theme_id, NEW.person_id, NEW.dated, NEW.n - OLD.n)
    ON CONFLICT (theme_id, person_id, dated) DO UPDATE SET n = n + excluded.n;
END;
--> statement-breakpoint
CREATE TRIGGER `theme_counts_slice_delete` AFTER DELETE ON `outstanding_action_counts`
WHEN OLD.n <> 0
BEGIN
  INSERT INTO outstanding_action_theme_counts (theme_id, person_id, dated, n) VALUES (OLD.theme_id, OLD.person_id, OLD.dated, -OLD.n)
    ON CONFLICT (theme_id, person_id, dated) DO UPDATE SET n = n + excluded.n;
END;
--> statement-breakpoint
CREATE TRIGGER `theme_counts_slice_key_update` BEFORE UPDATE OF theme_id, person_id, dated ON `outstanding_action_counts`
BEGIN
  SELECT RAISE(ABORT, 'An outstanding-action counter is moved by its n, not by its key (the theme counters follow it)');
END;
--> statement-breakpoint
CREATE TRIGGER `outstanding_action_theme_counts_drop_nought` AFTER UPDATE OF n ON `outstanding_action_theme_counts`
WHEN NEW.n = 0
BEGIN
  DELETE FROM outstanding_action_theme_counts WHERE rowid = NEW.rowid;
END;
--> statement-breakpoint
INSERT INTO outstanding_action_theme_counts (theme_id, person_id, dated, n)
  SELECT theme_id, person_id, dated, sum(n) FROM outstanding_action_counts GROUP BY 1, 2, 3 HAVING sum(n) <> 0;
