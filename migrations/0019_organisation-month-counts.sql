CREATE TABLE `organisation_engagement_month_counts` (
	`organisation_id` integer NOT NULL,
	`status` text NOT NULL,
	`month` text NOT NULL,
	`n` integer NOT NULL,
	PRIMARY KEY(`organisation_id`, `status`, `month`)
);
--> statement-breakpoint
-- Kept from organisation_engagement_dates by its own changes: a link inserted or deleted moves its month's count.
-- Its rows are inserted and deleted, never updated (an engagement's new status or date deletes its rows and inserts
-- them again), and an insert that finds its row already there inserts nothing and moves nothing.
CREATE TRIGGER `organisation_month_counts_insert` AFTER INSERT ON `organisation_engagement_dates`
BEGIN
  INSERT INTO organisation_engagement_month_counts (organisation_id, status, month, n)
    VALUES (NEW.organisation_id, NEW.status, substr(NEW.date, 1, 7), 1)
    ON CONFLICT (organisation_id, status, month) DO UPDATE SET n = n + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `organisation_month_counts_delete` AFTER DELETE ON `organisation_engagement_dates`
BEGIN
  INSERT INTO organisation_engagement_month_counts (organisation_id, status, month, n)
    VALUES (OLD.organisation_id, OLD.status, substr(OLD.date, 1, 7), -1)
    ON CONFLICT (organisation_id, status, month) DO UPDATE SET n = n - 1;
END;
--> statement-breakpoint
CREATE TRIGGER `organisation_engagement_dates_update` BEFORE UPDATE ON `organisation_engagement_dates`
BEGIN
  SELECT RAISE(ABORT, 'An organisation''s engagement dates are deleted and inserted, not updated (the month counts follow them)');
END;
--> statement-breakpoint
CREATE TRIGGER `organisation_engagement_month_counts_drop_nought` AFTER UPDATE OF n ON `organisation_engagement_month_counts`
WHEN NEW.n = 0
BEGIN
  DELETE FROM organisation_engagement_month_counts WHERE rowid = NEW.rowid;
END;
--> statement-breakpoint
INSERT INTO organisation_engagement_month_counts (organisation_id, status, month, n)
  SELECT organisation_id, status, substr(date, 1, 7), count(*) FROM organisation_engagement_dates GROUP BY 1, 2, 3;
