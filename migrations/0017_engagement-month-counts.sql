CREATE TABLE `engagement_month_counts` (
	`month` text NOT NULL,
	`kind` text NOT NULL,
	`n` integer NOT NULL,
	PRIMARY KEY(`month`, `kind`)
);
--> statement-breakpoint
-- Kept from engagement_day_counts by its own changes: a day's count inserted, moved or dropped moves its month's.
-- A day row's date and kind are its key and are never updated (the day counters' upserts change n only). A change
-- of nothing moves nothing: a day row that falls to 0 is deleted by its own trigger after its month has been moved,
-- and that delete must not write a month row of 0 back.
CREATE TRIGGER `month_counts_day_insert` AFTER INSERT ON `engagement_day_counts`
WHEN NEW.n <> 0
BEGIN
  INSERT INTO engagement_month_counts (month, kind, n) VALUES (substr(NEW.date, 1, 7), NEW.kind, NEW.n)
    ON CONFLICT (month, kind) DO UPDATE SET n = n + excluded.n;
END;
--> statement-breakpoint
CREATE TRIGGER `month_counts_day_update` AFTER UPDATE OF n ON `engagement_day_counts`
WHEN NEW.n <> OLD.n
BEGIN
  INSERT INTO engagement_month_counts (month, kind, n) VALUES (substr(NEW.date, 1, 7), NEW.kind, NEW.n - OLD.n)
    ON CONFLICT (month, kind) DO UPDATE SET n = n + excluded.n;
END;
--> statement-breakpoint
CREATE TRIGGER `month_counts_day_delete` AFTER DELETE ON `engagement_day_counts`
WHEN OLD.n <> 0
BEGIN
  INSERT INTO engagement_month_counts (month, kind, n) VALUES (substr(OLD.date, 1, 7), OLD.kind, -OLD.n)
    ON CONFLICT (month, kind) DO UPDATE SET n = n + excluded.n;
END;
--> statement-breakpoint
CREATE TRIGGER `month_counts_day_key_update` BEFORE UPDATE OF date, kind ON `engagement_day_counts`
BEGIN
  SELECT RAISE(ABORT, 'A day''s count is moved by its n, not by its date or kind (the month counters follow it)');
END;
--> statement-breakpoint
CREATE TRIGGER `engagement_month_counts_drop_nought` AFTER UPDATE OF n ON `engagement_month_counts`
WHEN NEW.n = 0
BEGIN
  DELETE FROM engagement_month_counts WHERE rowid = NEW.rowid;
END;
--> statement-breakpoint
INSERT INTO engagement_month_counts (month, kind, n)
  SELECT substr(date, 1, 7), kind, sum(n) FROM engagement_day_counts GROUP BY 1, 2 HAVING sum(n) <> 0;
