CREATE TABLE `outstanding_action_cutoff` (
	`id` integer PRIMARY KEY NOT NULL,
	`day` text NOT NULL,
	CONSTRAINT "outstanding_action_cutoff_one_row" CHECK("outstanding_action_cutoff"."id" = 1)
);
--> statement-breakpoint
-- Hand-written from here (drizzle-kit wrote the table above); see docs/decisions/0037.
-- The dated counters split into due on or after the cutoff day (1) and overdue as of it (2). The day starts as
-- today in UTC; the server moves it to today in the UK at start.
INSERT INTO outstanding_action_cutoff (id, day) VALUES (1, date('now'));
--> statement-breakpoint
DROP TRIGGER `counts_action_insert`;
--> statement-breakpoint
CREATE TRIGGER `counts_action_insert` AFTER INSERT ON `actions`
BEGIN
  INSERT INTO outstanding_action_counts (theme_id, person_id, kind, status, owner_user_id, owner_type, organisation_id, dated, n)
    SELECT 0, CASE p.r WHEN 0 THEN 0 WHEN 1 THEN a.owner_user_id WHEN 2 THEN e.lead_user_id ELSE e.created_by_id END, a.kind, a.status, coalesce(a.owner_user_id, 0), a.owner_type, coalesce(a.organisation_id, 0), CASE WHEN a.due_date IS NULL THEN 0 WHEN a.due_date < (SELECT day FROM outstanding_action_cutoff) THEN 2 ELSE 1 END, 1
    FROM actions a JOIN engagements e ON e.id = a.engagement_id JOIN (SELECT 0 AS r UNION ALL SELECT 1 AS r UNION ALL SELECT 2 AS r UNION ALL SELECT 3 AS r) p
    WHERE a.id = NEW.id AND a.status IN ('open', 'in_progress') AND e.archived_at IS NULL AND (p.r = 0 OR (p.r = 1 AND a.owner_user_id IS NOT NULL) OR (p.r = 2 AND e.lead_user_id IS NOT NULL AND e.lead_user_id IS NOT a.owner_user_id) OR (p.r = 3 AND e.created_by_id IS NOT NULL AND e.created_by_id IS NOT a.owner_user_id AND e.created_by_id IS NOT e.lead_user_id))
    ON CONFLICT (theme_id, person_id, kind, status, owner_user_id, owner_type, organisation_id, dated) DO UPDATE SET n = n + excluded.n;
  INSERT INTO outstanding_action_counts (theme_id, person_id, kind, status, owner_user_id, owner_type, organisation_id, dated, n)
    SELECT et.theme_id, CASE p.r WHEN 0 THEN 0 WHEN 1 THEN a.owner_user_id WHEN 2 THEN e.lead_user_id ELSE e.created_by_id END, a.kind, a.status, coalesce(a.owner_user_id, 0), a.owner_type, coalesce(a.organisation_id, 0), CASE WHEN a.due_date IS NULL THEN 0 WHEN a.due_date < (SELECT day FROM outstanding_action_cutoff) THEN 2 ELSE 1 END, 1
    FROM actions a JOIN engagements e ON e.id = a.engagement_id JOIN engagement_themes et ON et.engagement_id = a.engagement_id JOIN (SELECT 0 AS r UNION ALL SELECT 1 AS r UNION ALL SELECT 2 AS r UNION ALL SELECT 3 AS r) p
    WHERE a.id = NEW.id AND a.status IN ('open', 'in_progress') AND e.archived_at IS NULL AND (p.r = 0 OR (p.r = 1 AND a.owner_user_id IS NOT NULL) OR (p.r = 2 AND e.lead_user_id IS NOT NULL AND e.lead_user_id IS NOT a.owner_user_id) OR (p.r = 3 AND e.created_by_id IS NOT NULL AND e.created_by_id IS NOT a.owner_user_id AND e.created_by_id IS NOT e.lead_user_id))
    ON CONFLICT (theme_id, person_id, kind, status, owner_user_id, owner_type, organisation_id, dated) DO UPDATE SET n = n + excluded.n;
  INSERT INTO outstanding_action_due_counts (facet, value, due_date, n)
    SELECT
      CASE f.r WHEN 0 THEN 'all' WHEN 1 THEN 'owner' WHEN 2 THEN 'orgKind' WHEN 3 THEN 'kind' WHEN 4 THEN 'status' WHEN 5 THEN 'organisation' ELSE 'mine' END,
      CASE f.r WHEN 0 THEN '' WHEN 1 THEN coalesce(CAST(a.owner_user_id AS TEXT), a.owner_type) WHEN 2 THEN coalesce(o.kind, '') WHEN 3 THEN a.kind
        WHEN 4 THEN a.status WHEN 5 THEN CAST(coalesce(a.organisation_id, 0) AS TEXT) WHEN 6 THEN CAST(a.owner_user_id AS TEXT)
        WHEN 7 THEN CAST(e.lead_user_id AS TEXT) ELSE CAST(e.created_by_id AS TEXT) END,
      a.due_date, 1
    FROM actions a JOIN engagements e ON e.id = a.engagement_id LEFT JOIN organisations o ON o.id = a.organisation_id JOIN (SELECT 0 AS r UNION ALL SELECT 1 AS r UNION ALL SELECT 2 AS r UNION ALL SELECT 3 AS r UNION ALL SELECT 4 AS r UNION ALL SELECT 5 AS r UNION ALL SELECT 6 AS r UNION ALL SELECT 7 AS r UNION ALL SELECT 8 AS r) f
    WHERE a.id = NEW.id AND a.status IN ('open', 'in_progress') AND e.archived_at IS NULL AND a.due_date IS NOT NULL
      AND (f.r < 6 OR (f.r = 6 AND a.owner_user_id IS NOT NULL)
        OR (f.r = 7 AND e.lead_user_id IS NOT NULL AND e.lead_user_id IS NOT a.owner_user_id)
        OR (f.r = 8 AND e.created_by_id IS NOT NULL AND e.created_by_id IS NOT a.owner_user_id AND e.created_by_id IS NOT e.lead_user_id))
    ON CONFLICT (facet, value, due_date) DO UPDATE SET n = n + excluded.n;
  INSERT INTO outstanding_action_due_counts (facet, value, due_date, n)
    SELECT 'theme', CAST(et.theme_id AS TEXT), a.due_date, 1
    FROM actions a JOIN engagements e ON e.id = a.engagement_id JOIN engagement_themes et ON et.engagement_id = a.engagement_id
    WHERE a.id = NEW.id AND a.status IN ('open', 'in_progress') AND e.archived_at IS NULL AND a.due_date IS NOT NULL
    ON CONFLICT (facet, value, due_date) DO UPDATE SET n = n + excluded.n;
END;
--> statement-breakpoint
DROP TRIGGER `counts_action_delete`;
--> statement-breakpoint
CREATE TRIGGER `counts_action_delete` AFTER DELETE ON `actions`
BEGIN
  INSERT INTO outstanding_action_counts (theme_id, person_id, kind, status, owner_user_id, owner_type, organisation_id, dated, n)
    SELECT 0, CASE p.r WHEN 0 THEN 0 WHEN 1 THEN a.owner_user_id WHEN 2 THEN e.lead_user_id ELSE e.created_by_id END, a.kind, a.status, coalesce(a.owner_user_id, 0), a.owner_type, coalesce(a.organisation_id, 0), CASE WHEN a.due_date IS NULL THEN 0 WHEN a.due_date < (SELECT day FROM outstanding_action_cutoff) THEN 2 ELSE 1 END, -1
    FROM (SELECT OLD.id AS id, OLD.engagement_id AS engagement_id, OLD.kind AS kind, OLD.status AS status, OLD.owner_type AS owner_type, OLD.owner_user_id AS owner_user_id, OLD.organisation_id AS organisation_id, OLD.due_date AS due_date) a JOIN engagements e ON e.id = a.engagement_id JOIN (SELECT 0 AS r UNION ALL SELECT 1 AS r UNION ALL SELECT 2 AS r UNION ALL SELECT 3 AS r) p
    WHERE 1 AND a.status IN ('open', 'in_progress') AND e.archived_at IS NULL AND (p.r = 0 OR (p.r = 1 AND a.owner_user_id IS NOT NULL) OR (p.r = 2 AND e.lead_user_id IS NOT NULL AND e.lead_user_id IS NOT a.owner_user_id) OR (p.r = 3 AND e.created_by_id IS NOT NULL AND e.created_by_id IS NOT a.owner_user_id AND e.created_by_id IS NOT e.lead_user_id))
    ON CONFLICT (theme_id, person_id, kind, status, owner_user_id, owner_type, organisation_id, dated) DO UPDATE SET n = n + excluded.n;
  INSERT INTO outstanding_action_counts (theme_id, person_id, kind, status, owner_user_id, owner_type, organisation_id, dated, n)
    SELECT et.theme_id, CASE p.r WHEN 0 THEN 0 WHEN 1 THEN a.owner_user_id WHEN 2 THEN e.lead_user_id ELSE e.created_by_id END, a.kind, a.status, coalesce(a.owner_user_id, 0), a.owner_type, coalesce(a.organisation_id, 0), CASE WHEN a.due_date IS NULL THEN 0 WHEN a.due_date < (SELECT day FROM outstanding_action_cutoff) THEN 2 ELSE 1 END, -1
    FROM (SELECT OLD.id AS id, OLD.engagement_id AS engagement_id, OLD.kind AS kind, OLD.status AS status, OLD.owner_type AS owner_type, OLD.owner_user_id AS owner_user_id, OLD.organisation_id AS organisation_id, OLD.due_date AS due_date) a JOIN engagements e ON e.id = a.engagement_id JOIN engagement_themes et ON et.engagement_id = a.engagement_id JOIN (SELECT 0 AS r UNION ALL SELECT 1 AS r UNION ALL SELECT 2 AS r UNION ALL SELECT 3 AS r) p
    WHERE 1 AND a.status IN ('open', 'in_progress') AND e.archived_at IS NULL AND (p.r = 0 OR (p.r = 1 AND a.owner_user_id IS NOT NULL) OR (p.r = 2 AND e.lead_user_id IS NOT NULL AND e.lead_user_id IS NOT a.owner_user_id) OR (p.r = 3 AND e.created_by_id IS NOT NULL AND e.created_by_id IS NOT a.owner_user_id AND e.created_by_id IS NOT e.lead_user_id))
    ON CONFLICT (theme_id, person_id, kind, status, owner_user_id, owner_type, organisation_id, dated) DO UPDATE SET n = n + excluded.n;
  INSERT INTO outstanding_action_due_counts (facet, value, due_date, n)
    SELECT
      CASE f.r WHEN 0 THEN 'all' WHEN 1 THEN 'owner' WHEN 2 THEN 'orgKind' WHEN 3 THEN 'kind' WHEN 4 THEN 'status' WHEN 5 THEN 'organisation' ELSE 'mine' END,
      CASE f.r WHEN 0 THEN '' WHEN 1 THEN coalesce(CAST(a.owner_user_id AS TEXT), a.owner_type) WHEN 2 THEN coalesce(o.kind, '') WHEN 3 THEN a.kind
        WHEN 4 THEN a.status WHEN 5 THEN CAST(coalesce(a.organisation_id, 0) AS TEXT) WHEN 6 THEN CAST(a.owner_user_id AS TEXT)
        WHEN 7 THEN CAST(e.lead_user_id AS TEXT) ELSE CAST(e.created_by_id AS TEXT) END,
      a.due_date, -1
    FROM (SELECT OLD.id AS id, OLD.engagement_id AS engagement_id, OLD.kind AS kind, OLD.status AS status, OLD.owner_type AS owner_type, OLD.owner_user_id AS owner_user_id, OLD.organisation_id AS organisation_id, OLD.due_date AS due_date) a JOIN engagements e ON e.id = a.engagement_id LEFT JOIN organisations o ON o.id = a.organisation_id JOIN (SELECT 0 AS r UNION ALL SELECT 1 AS r UNION ALL SELECT 2 AS r UNION ALL SELECT 3 AS r UNION ALL SELECT 4 AS r UNION ALL SELECT 5 AS r UNION ALL SELECT 6 AS r UNION ALL SELECT 7 AS r UNION ALL SELECT 8 AS r) f
    WHERE 1 AND a.status IN ('open', 'in_progress') AND e.archived_at IS NULL AND a.due_date IS NOT NULL
      AND (f.r < 6 OR (f.r = 6 AND a.owner_user_id IS NOT NULL)
        OR (f.r = 7 AND e.lead_user_id IS NOT NULL AND e.lead_user_id IS NOT a.owner_user_id)
        OR (f.r = 8 AND e.created_by_id IS NOT NULL AND e.created_by_id IS NOT a.owner_user_id AND e.created_by_id IS NOT e.lead_user_id))
    ON CONFLICT (facet, value, due_date) DO UPDATE SET n = n + excluded.n;
  INSERT INTO outstanding_action_due_counts (facet, value, due_date, n)
    SELECT 'theme', CAST(et.theme_id AS TEXT), a.due_date, -1
    FROM (SELECT OLD.id AS id, OLD.engagement_id AS engagement_id, OLD.kind AS kind, OLD.status AS status, OLD.owner_type AS owner_type, OLD.owner_user_id AS owner_user_id, OLD.organisation_id AS organisation_id, OLD.due_date AS due_date) a JOIN engagements e ON e.id = a.engagement_id JOIN engagement_themes et ON et.engagement_id = a.engagement_id
    WHERE 1 AND a.status IN ('open', 'in_progress') AND e.archived_at IS NULL AND a.due_date IS NOT NULL
    ON CONFLICT (facet, value, due_date) DO UPDATE SET n = n + excluded.n;
END;
--> statement-breakpoint
DROP TRIGGER `counts_action_update`;
--> statement-breakpoint
CREATE TRIGGER `counts_action_update` AFTER UPDATE OF engagement_id, kind, status, owner_type, owner_user_id, organisation_id, due_date ON `actions`
BEGIN
  INSERT INTO outstanding_action_counts (theme_id, person_id, kind, status, owner_user_id, owner_type, organisation_id, dated, n)
    SELECT 0, CASE p.r WHEN 0 THEN 0 WHEN 1 THEN a.owner_user_id WHEN 2 THEN e.lead_user_id ELSE e.created_by_id END, a.kind, a.status, coalesce(a.owner_user_id, 0), a.owner_type, coalesce(a.organisation_id, 0), CASE WHEN a.due_date IS NULL THEN 0 WHEN a.due_date < (SELECT day FROM outstanding_action_cutoff) THEN 2 ELSE 1 END, -1
    FROM (SELECT OLD.id AS id, OLD.engagement_id AS engagement_id, OLD.kind AS kind, OLD.status AS status, OLD.owner_type AS owner_type, OLD.owner_user_id AS owner_user_id, OLD.organisation_id AS organisation_id, OLD.due_date AS due_date) a JOIN engagements e ON e.id = a.engagement_id JOIN (SELECT 0 AS r UNION ALL SELECT 1 AS r UNION ALL SELECT 2 AS r UNION ALL SELECT 3 AS r) p
    WHERE 1 AND a.status IN ('open', 'in_progress') AND e.archived_at IS NULL AND (p.r = 0 OR (p.r = 1 AND a.owner_user_id IS NOT NULL) OR (p.r = 2 AND e.lead_user_id IS NOT NULL AND e.lead_user_id IS NOT a.owner_user_id) OR (p.r = 3 AND e.created_by_id IS NOT NULL AND e.created_by_id IS NOT a.owner_user_id AND e.created_by_id IS NOT e.lead_user_id))
    ON CONFLICT (theme_id, person_id, kind, status, owner_user_id, owner_type, organisation_id, dated) DO UPDATE SET n = n + excluded.n;
  INSERT INTO outstanding_action_counts (theme_id, person_id, kind, status, owner_user_id, owner_type, organisation_id, dated, n)
    SELECT et.theme_id, CASE p.r WHEN 0 THEN 0 WHEN 1 THEN a.owner_user_id WHEN 2 THEN e.lead_user_id ELSE e.created_by_id END, a.kind, a.status, coalesce(a.owner_user_id, 0), a.owner_type, coalesce(a.organisation_id, 0), CASE WHEN a.due_date IS NULL THEN 0 WHEN a.due_date < (SELECT day FROM outstanding_action_cutoff) THEN 2 ELSE 1 END, -1
    FROM (SELECT OLD.id AS id, OLD.engagement_id AS engagement_id, OLD.kind AS kind, OLD.status AS status, OLD.owner_type AS owner_type, OLD.owner_user_id AS owner_user_id, OLD.organisation_id AS organisation_id, OLD.due_date AS due_date) a JOIN engagements e ON e.id = a.engagement_id JOIN engagement_themes et ON et.engagement_id = a.engagement_id JOIN (SELECT 0 AS r UNION ALL SELECT 1 AS r UNION ALL SELECT 2 AS r UNION ALL SELECT 3 AS r) p
    WHERE 1 AND a.status IN ('open', 'in_progress') AND e.archived_at IS NULL AND (p.r = 0 OR (p.r = 1 AND a.owner_user_id IS NOT NULL) OR (p.r = 2 AND e.lead_user_id IS NOT NULL AND e.lead_user_id IS NOT a.owner_user_id) OR (p.r = 3 AND e.created_by_id IS NOT NULL AND e.created_by_id IS NOT a.owner_user_id AND e.created_by_id IS NOT e.lead_user_id))
    ON CONFLICT (theme_id, person_id, kind, status, owner_user_id, owner_type, organisation_id, dated) DO UPDATE SET n = n + excluded.n;
  INSERT INTO outstanding_action_due_counts (facet, value, due_date, n)
    SELECT
      CASE f.r WHEN 0 THEN 'all' WHEN 1 THEN 'owner' WHEN 2 THEN 'orgKind' WHEN 3 THEN 'kind' WHEN 4 THEN 'status' WHEN 5 THEN 'organisation' ELSE 'mine' END,
      CASE f.r WHEN 0 THEN '' WHEN 1 THEN coalesce(CAST(a.owner_user_id AS TEXT), a.owner_type) WHEN 2 THEN coalesce(o.kind, '') WHEN 3 THEN a.kind
        WHEN 4 THEN a.status WHEN 5 THEN CAST(coalesce(a.organisation_id, 0) AS TEXT) WHEN 6 THEN CAST(a.owner_user_id AS TEXT)
        WHEN 7 THEN CAST(e.lead_user_id AS TEXT) ELSE CAST(e.created_by_id AS TEXT) END,
      a.due_date, -1
    FROM (SELECT OLD.id AS id, OLD.engagement_id AS engagement_id, OLD.kind AS kind, OLD.status AS status, OLD.owner_type AS owner_type, OLD.owner_user_id AS owner_user_id, OLD.organisation_id AS organisation_id, OLD.due_date AS due_date) a JOIN engagements e ON e.id = a.engagement_id LEFT JOIN organisations o ON o.id = a.organisation_id JOIN (SELECT 0 AS r UNION ALL SELECT 1 AS r UNION ALL SELECT 2 AS r UNION ALL SELECT 3 AS r UNION ALL SELECT 4 AS r UNION ALL SELECT 5 AS r UNION ALL SELECT 6 AS r UNION ALL SELECT 7 AS r UNION ALL SELECT 8 AS r) f
    WHERE 1 AND a.status IN ('open', 'in_progress') AND e.archived_at IS NULL AND a.due_date IS NOT NULL
      AND (f.r < 6 OR (f.r = 6 AND a.owner_user_id IS NOT NULL)
        OR (f.r = 7 AND e.lead_user_id IS NOT NULL AND e.lead_user_id IS NOT a.owner_user_id)
        OR (f.r = 8 AND e.created_by_id IS NOT NULL AND e.created_by_id IS NOT a.owner_user_id AND e.created_by_id IS NOT e.lead_user_id))
    ON CONFLICT (facet, value, due_date) DO UPDATE SET n = n + excluded.n;
  INSERT INTO outstanding_action_due_counts (facet, value, due_date, n)
    SELECT 'theme', CAST(et.theme_id AS TEXT), a.due_date, -1
    FROM (SELECT OLD.id AS id, OLD.engagement_id AS engagement_id, OLD.kind AS kind, OLD.status AS status, OLD.owner_type AS owner_type, OLD.owner_user_id AS owner_user_id, OLD.organisation_id AS organisation_id, OLD.due_date AS due_date) a JOIN engagements e ON e.id = a.engagement_id JOIN engagement_themes et ON et.engagement_id = a.engagement_id
    WHERE 1 AND a.status IN ('open', 'in_progress') AND e.archived_at IS NULL AND a.due_date IS NOT NULL
    ON CONFLICT (facet, value, due_date) DO UPDATE SET n = n + excluded.n;
  INSERT INTO outstanding_action_counts (theme_id, person_id, kind, status, owner_user_id, owner_type, organisation_id, dated, n)
    SELECT 0, CASE p.r WHEN 0 THEN 0 WHEN 1 THEN a.owner_user_id WHEN 2 THEN e.lead_user_id ELSE e.created_by_id END, a.kind, a.status, coalesce(a.owner_user_id, 0), a.owner_type, coalesce(a.organisation_id, 0), CASE WHEN a.due_date IS NULL THEN 0 WHEN a.due_date < (SELECT day FROM outstanding_action_cutoff) THEN 2 ELSE 1 END, 1
    FROM actions a JOIN engagements e ON e.id = a.engagement_id JOIN (SELECT 0 AS r UNION ALL SELECT 1 AS r UNION ALL SELECT 2 AS r UNION ALL SELECT 3 AS r) p
    WHERE a.id = NEW.id AND a.status IN ('open', 'in_progress') AND e.archived_at IS NULL AND (p.r = 0 OR (p.r = 1 AND a.owner_user_id IS NOT NULL) OR (p.r = 2 AND e.lead_user_id IS NOT NULL AND e.lead_user_id IS NOT a.owner_user_id) OR (p.r = 3 AND e.created_by_id IS NOT NULL AND e.created_by_id IS NOT a.owner_user_id AND e.created_by_id IS NOT e.lead_user_id))
    ON CONFLICT (theme_id, person_id, kind, status, owner_user_id, owner_type, organisation_id, dated) DO UPDATE SET n = n + excluded.n;
  INSERT INTO outstanding_action_counts (theme_id, person_id, kind, status, owner_user_id, owner_type, organisation_id, dated, n)
    SELECT et.theme_id, CASE p.r WHEN 0 THEN 0 WHEN 1 THEN a.owner_user_id WHEN 2 THEN e.lead_user_id ELSE e.created_by_id END, a.kind, a.status, coalesce(a.owner_user_id, 0), a.owner_type, coalesce(a.organisation_id, 0), CASE WHEN a.due_date IS NULL THEN 0 WHEN a.due_date < (SELECT day FROM outstanding_action_cutoff) THEN 2 ELSE 1 END, 1
    FROM actions a JOIN engagements e ON e.id = a.engagement_id JOIN engagement_themes et ON et.engagement_id = a.engagement_id JOIN (SELECT 0 AS r UNION ALL SELECT 1 AS r UNION ALL SELECT 2 AS r UNION ALL SELECT 3 AS r) p
    WHERE a.id = NEW.id AND a.status IN ('open', 'in_progress') AND e.archived_at IS NULL AND (p.r = 0 OR (p.r = 1 AND a.owner_user_id IS NOT NULL) OR (p.r = 2 AND e.lead_user_id IS NOT NULL AND e.lead_user_id IS NOT a.owner_user_id) OR (p.r = 3 AND e.created_by_id IS NOT NULL AND e.created_by_id IS NOT a.owner_user_id AND e.created_by_id IS NOT e.lead_user_id))
    ON CONFLICT (theme_id, person_id, kind, status, owner_user_id, owner_type, organisation_id, dated) DO UPDATE SET n = n + excluded.n;
  INSERT INTO outstanding_action_due_counts (facet, value, due_date, n)
    SELECT
      CASE f.r WHEN 0 THEN 'all' WHEN 1 THEN 'owner' WHEN 2 THEN 'orgKind' WHEN 3 THEN 'kind' WHEN 4 THEN 'status' WHEN 5 THEN 'organisation' ELSE 'mine' END,
      CASE f.r WHEN 0 THEN '' WHEN 1 THEN coalesce(CAST(a.owner_user_id AS TEXT), a.owner_type) WHEN 2 THEN coalesce(o.kind, '') WHEN 3 THEN a.kind
        WHEN 4 THEN a.status WHEN 5 THEN CAST(coalesce(a.organisation_id, 0) AS TEXT) WHEN 6 THEN CAST(a.owner_user_id AS TEXT)
        WHEN 7 THEN CAST(e.lead_user_id AS TEXT) ELSE CAST(e.created_by_id AS TEXT) END,
      a.due_date, 1
    FROM actions a JOIN engagements e ON e.id = a.engagement_id LEFT JOIN organisations o ON o.id = a.organisation_id JOIN (SELECT 0 AS r UNION ALL SELECT 1 AS r UNION ALL SELECT 2 AS r UNION ALL SELECT 3 AS r UNION ALL SELECT 4 AS r UNION ALL SELECT 5 AS r UNION ALL SELECT 6 AS r UNION ALL SELECT 7 AS r UNION ALL SELECT 8 AS r) f
    WHERE a.id = NEW.id AND a.status IN ('open', 'in_progress') AND e.archived_at IS NULL AND a.due_date IS NOT NULL
      AND (f.r < 6 OR (f.r = 6 AND a.owner_user_id IS NOT NULL)
        OR (f.r = 7 AND e.lead_user_id IS NOT NULL AND e.lead_user_id IS NOT a.owner_user_id)
        OR (f.r = 8 AND e.created_by_id IS NOT NULL AND e.created_by_id IS NOT a.owner_user_id AND e.created_by_id IS NOT e.lead_user_id))
    ON CONFLICT (facet, value, due_date) DO UPDATE SET n = n + excluded.n;
  INSERT INTO outstanding_action_due_counts (facet, value, due_date, n)
    SELECT 'theme', CAST(et.theme_id AS TEXT), a.due_date, 1
    FROM actions a JOIN engagements e ON e.id = a.engagement_id JOIN engagement_themes et ON et.engagement_id = a.engagement_id
    WHERE a.id = NEW.id AND a.status IN ('open', 'in_progress') AND e.archived_at IS NULL AND a.due_date IS NOT NULL
    ON CONFLICT (facet, value, due_date) DO UPDATE SET n = n + excluded.n;
END;
--> statement-breakpoint
DROP TRIGGER `counts_engagement_actions`;
--> statement-breakpoint
CREATE TRIGGER `counts_engagement_actions` AFTER UPDATE OF archived_at, lead_user_id, created_by_id ON `engagements`
BEGIN
  INSERT INTO outstanding_action_counts (theme_id, person_id, kind, status, owner_user_id, owner_type, organisation_id, dated, n)
    SELECT 0, CASE p.r WHEN 0 THEN 0 WHEN 1 THEN a.owner_user_id WHEN 2 THEN e.lead_user_id ELSE e.created_by_id END, a.kind, a.status, coalesce(a.owner_user_id, 0), a.owner_type, coalesce(a.organisation_id, 0), CASE WHEN a.due_date IS NULL THEN 0 WHEN a.due_date < (SELECT day FROM outstanding_action_cutoff) THEN 2 ELSE 1 END, -1
    FROM actions a JOIN (SELECT OLD.id AS id, OLD.status AS status, OLD.date AS date, OLD.archived_at AS archived_at, OLD.lead_user_id AS lead_user_id, OLD.created_by_id AS created_by_id) e ON e.id = a.engagement_id JOIN (SELECT 0 AS r UNION ALL SELECT 1 AS r UNION ALL SELECT 2 AS r UNION ALL SELECT 3 AS r) p
    WHERE a.engagement_id = OLD.id AND a.status IN ('open', 'in_progress') AND e.archived_at IS NULL AND (p.r = 0 OR (p.r = 1 AND a.owner_user_id IS NOT NULL) OR (p.r = 2 AND e.lead_user_id IS NOT NULL AND e.lead_user_id IS NOT a.owner_user_id) OR (p.r = 3 AND e.created_by_id IS NOT NULL AND e.created_by_id IS NOT a.owner_user_id AND e.created_by_id IS NOT e.lead_user_id))
    ON CONFLICT (theme_id, person_id, kind, status, owner_user_id, owner_type, organisation_id, dated) DO UPDATE SET n = n + excluded.n;
  INSERT INTO outstanding_action_counts (theme_id, person_id, kind, status, owner_user_id, owner_type, organisation_id, dated, n)
    SELECT et.theme_id, CASE p.r WHEN 0 THEN 0 WHEN 1 THEN a.owner_user_id WHEN 2 THEN e.lead_user_id ELSE e.created_by_id END, a.kind, a.status, coalesce(a.owner_user_id, 0), a.owner_type, coalesce(a.organisation_id, 0), CASE WHEN a.due_date IS NULL THEN 0 WHEN a.due_date < (SELECT day FROM outstanding_action_cutoff) THEN 2 ELSE 1 END, -1
    FROM actions a JOIN (SELECT OLD.id AS id, OLD.status AS status, OLD.date AS date, OLD.archived_at AS archived_at, OLD.lead_user_id AS lead_user_id, OLD.created_by_id AS created_by_id) e ON e.id = a.engagement_id JOIN engagement_themes et ON et.engagement_id = a.engagement_id JOIN (SELECT 0 AS r UNION ALL SELECT 1 AS r UNION ALL SELECT 2 AS r UNION ALL SELECT 3 AS r) p
    WHERE a.engagement_id = OLD.id AND a.status IN ('open', 'in_progress') AND e.archived_at IS NULL AND (p.r = 0 OR (p.r = 1 AND a.owner_user_id IS NOT NULL) OR (p.r = 2 AND e.lead_user_id IS NOT NULL AND e.lead_user_id IS NOT a.owner_user_id) OR (p.r = 3 AND e.created_by_id IS NOT NULL AND e.created_by_id IS NOT a.owner_user_id AND e.created_by_id IS NOT e.lead_user_id))
    ON CONFLICT (theme_id, person_id, kind, status, owner_user_id, owner_type, organisation_id, dated) DO UPDATE SET n = n + excluded.n;
  INSERT INTO outstanding_action_due_counts (facet, value, due_date, n)
    SELECT
      CASE f.r WHEN 0 THEN 'all' WHEN 1 THEN 'owner' WHEN 2 THEN 'orgKind' WHEN 3 THEN 'kind' WHEN 4 THEN 'status' WHEN 5 THEN 'organisation' ELSE 'mine' END,
      CASE f.r WHEN 0 THEN '' WHEN 1 THEN coalesce(CAST(a.owner_user_id AS TEXT), a.owner_type) WHEN 2 THEN coalesce(o.kind, '') WHEN 3 THEN a.kind
        WHEN 4 THEN a.status WHEN 5 THEN CAST(coalesce(a.organisation_id, 0) AS TEXT) WHEN 6 THEN CAST(a.owner_user_id AS TEXT)
        WHEN 7 THEN CAST(e.lead_user_id AS TEXT) ELSE CAST(e.created_by_id AS TEXT) END,
      a.due_date, -1
    FROM actions a JOIN (SELECT OLD.id AS id, OLD.status AS status, OLD.date AS date, OLD.archived_at AS archived_at, OLD.lead_user_id AS lead_user_id, OLD.created_by_id AS created_by_id) e ON e.id = a.engagement_id LEFT JOIN organisations o ON o.id = a.organisation_id JOIN (SELECT 0 AS r UNION ALL SELECT 1 AS r UNION ALL SELECT 2 AS r UNION ALL SELECT 3 AS r UNION ALL SELECT 4 AS r UNION ALL SELECT 5 AS r UNION ALL SELECT 6 AS r UNION ALL SELECT 7 AS r UNION ALL SELECT 8 AS r) f
    WHERE a.engagement_id = OLD.id AND a.status IN ('open', 'in_progress') AND e.archived_at IS NULL AND a.due_date IS NOT NULL
      AND (f.r < 6 OR (f.r = 6 AND a.owner_user_id IS NOT NULL)
        OR (f.r = 7 AND e.lead_user_id IS NOT NULL AND e.lead_user_id IS NOT a.owner_user_id)
        OR (f.r = 8 AND e.created_by_id IS NOT NULL AND e.created_by_id IS NOT a.owner_user_id AND e.created_by_id IS NOT e.lead_user_id))
    ON CONFLICT (facet, value, due_date) DO UPDATE SET n = n + excluded.n;
  INSERT INTO outstanding_action_due_counts (facet, value, due_date, n)
    SELECT 'theme', CAST(et.theme_id AS TEXT), a.due_date, -1
    FROM actions a JOIN (SELECT OLD.id AS id, OLD.status AS status, OLD.date AS date, OLD.archived_at AS archived_at, OLD.lead_user_id AS lead_user_id, OLD.created_by_id AS created_by_id) e ON e.id = a.engagement_id JOIN engagement_themes et ON et.engagement_id = a.engagement_id
    WHERE a.engagement_id = OLD.id AND a.status IN ('open', 'in_progress') AND e.archived_at IS NULL AND a.due_date IS NOT NULL
    ON CONFLICT (facet, value, due_date) DO UPDATE SET n = n + excluded.n;
  INSERT INTO outstanding_action_counts (theme_id, person_id, kind, status, owner_user_id, owner_type, organisation_id, dated, n)
    SELECT 0, CASE p.r WHEN 0 THEN 0 WHEN 1 THEN a.owner_user_id WHEN 2 THEN e.lead_user_id ELSE e.created_by_id END, a.kind, a.status, coalesce(a.owner_user_id, 0), a.owner_type, coalesce(a.organisation_id, 0), CASE WHEN a.due_date IS NULL THEN 0 WHEN a.due_date < (SELECT day FROM outstanding_action_cutoff) THEN 2 ELSE 1 END, 1
    FROM actions a JOIN engagements e ON e.id = a.engagement_id JOIN (SELECT 0 AS r UNION ALL SELECT 1 AS r UNION ALL SELECT 2 AS r UNION ALL SELECT 3 AS r) p
    WHERE a.engagement_id = NEW.id AND a.status IN ('open', 'in_progress') AND e.archived_at IS NULL AND (p.r = 0 OR (p.r = 1 AND a.owner_user_id IS NOT NULL) OR (p.r = 2 AND e.lead_user_id IS NOT NULL AND e.lead_user_id IS NOT a.owner_user_id) OR (p.r = 3 AND e.created_by_id IS NOT NULL AND e.created_by_id IS NOT a.owner_user_id AND e.created_by_id IS NOT e.lead_user_id))
    ON CONFLICT (theme_id, person_id, kind, status, owner_user_id, owner_type, organisation_id, dated) DO UPDATE SET n = n + excluded.n;
  INSERT INTO outstanding_action_counts (theme_id, person_id, kind, status, owner_user_id, owner_type, organisation_id, dated, n)
    SELECT et.theme_id, CASE p.r WHEN 0 THEN 0 WHEN 1 THEN a.owner_user_id WHEN 2 THEN e.lead_user_id ELSE e.created_by_id END, a.kind, a.status, coalesce(a.owner_user_id, 0), a.owner_type, coalesce(a.organisation_id, 0), CASE WHEN a.due_date IS NULL THEN 0 WHEN a.due_date < (SELECT day FROM outstanding_action_cutoff) THEN 2 ELSE 1 END, 1
    FROM actions a JOIN engagements e ON e.id = a.engagement_id JOIN engagement_themes et ON et.engagement_id = a.engagement_id JOIN (SELECT 0 AS r UNION ALL SELECT 1 AS r UNION ALL SELECT 2 AS r UNION ALL SELECT 3 AS r) p
    WHERE a.engagement_id = NEW.id AND a.status IN ('open', 'in_progress') AND e.archived_at IS NULL AND (p.r = 0 OR (p.r = 1 AND a.owner_user_id IS NOT NULL) OR (p.r = 2 AND e.lead_user_id IS NOT NULL AND e.lead_user_id IS NOT a.owner_user_id) OR (p.r = 3 AND e.created_by_id IS NOT NULL AND e.created_by_id IS NOT a.owner_user_id AND e.created_by_id IS NOT e.lead_user_id))
    ON CONFLICT (theme_id, person_id, kind, status, owner_user_id, owner_type, organisation_id, dated) DO UPDATE SET n = n + excluded.n;
  INSERT INTO outstanding_action_due_counts (facet, value, due_date, n)
    SELECT
      CASE f.r WHEN 0 THEN 'all' WHEN 1 THEN 'owner' WHEN 2 THEN 'orgKind' WHEN 3 THEN 'kind' WHEN 4 THEN 'status' WHEN 5 THEN 'organisation' ELSE 'mine' END,
      CASE f.r WHEN 0 THEN '' WHEN 1 THEN coalesce(CAST(a.owner_user_id AS TEXT), a.owner_type) WHEN 2 THEN coalesce(o.kind, '') WHEN 3 THEN a.kind
        WHEN 4 THEN a.status WHEN 5 THEN CAST(coalesce(a.organisation_id, 0) AS TEXT) WHEN 6 THEN CAST(a.owner_user_id AS TEXT)
        WHEN 7 THEN CAST(e.lead_user_id AS TEXT) ELSE CAST(e.created_by_id AS TEXT) END,
      a.due_date, 1
    FROM actions a JOIN engagements e ON e.id = a.engagement_id LEFT JOIN organisations o ON o.id = a.organisation_id JOIN (SELECT 0 AS r UNION ALL SELECT 1 AS r UNION ALL SELECT 2 AS r UNION ALL SELECT 3 AS r UNION ALL SELECT 4 AS r UNION ALL SELECT 5 AS r UNION ALL SELECT 6 AS r UNION ALL SELECT 7 AS r UNION ALL SELECT 8 AS r) f
    WHERE a.engagement_id = NEW.id AND a.status IN ('open', 'in_progress') AND e.archived_at IS NULL AND a.due_date IS NOT NULL
      AND (f.r < 6 OR (f.r = 6 AND a.owner_user_id IS NOT NULL)
        OR (f.r = 7 AND e.lead_user_id IS NOT NULL AND e.lead_user_id IS NOT a.owner_user_id)
        OR (f.r = 8 AND e.created_by_id IS NOT NULL AND e.created_by_id IS NOT a.owner_user_id AND e.created_by_id IS NOT e.lead_user_id))
    ON CONFLICT (facet, value, due_date) DO UPDATE SET n = n + excluded.n;
  INSERT INTO outstanding_action_due_counts (facet, value, due_date, n)
    SELECT 'theme', CAST(et.theme_id AS TEXT), a.due_date, 1
    FROM actions a JOIN engagements e ON e.id = a.engagement_id JOIN engagement_themes et ON et.engagement_id = a.engagement_id
    WHERE a.engagement_id = NEW.id AND a.status IN ('open', 'in_progress') AND e.archived_at IS NULL AND a.due_date IS NOT NULL
    ON CONFLICT (facet, value, due_date) DO UPDATE SET n = n + excluded.n;
END;
--> statement-breakpoint
DROP TRIGGER `counts_engagement_theme_insert`;
--> statement-breakpoint
CREATE TRIGGER `counts_engagement_theme_insert` AFTER INSERT ON `engagement_themes`
BEGIN
  INSERT INTO outstanding_action_counts (theme_id, person_id, kind, status, owner_user_id, owner_type, organisation_id, dated, n)
    SELECT et.theme_id, CASE p.r WHEN 0 THEN 0 WHEN 1 THEN a.owner_user_id WHEN 2 THEN e.lead_user_id ELSE e.created_by_id END, a.kind, a.status, coalesce(a.owner_user_id, 0), a.owner_type, coalesce(a.organisation_id, 0), CASE WHEN a.due_date IS NULL THEN 0 WHEN a.due_date < (SELECT day FROM outstanding_action_cutoff) THEN 2 ELSE 1 END, 1
    FROM actions a JOIN engagements e ON e.id = a.engagement_id JOIN engagement_themes et ON et.engagement_id = a.engagement_id JOIN (SELECT 0 AS r UNION ALL SELECT 1 AS r UNION ALL SELECT 2 AS r UNION ALL SELECT 3 AS r) p
    WHERE a.engagement_id = NEW.engagement_id AND et.theme_id = NEW.theme_id AND a.status IN ('open', 'in_progress') AND e.archived_at IS NULL AND (p.r = 0 OR (p.r = 1 AND a.owner_user_id IS NOT NULL) OR (p.r = 2 AND e.lead_user_id IS NOT NULL AND e.lead_user_id IS NOT a.owner_user_id) OR (p.r = 3 AND e.created_by_id IS NOT NULL AND e.created_by_id IS NOT a.owner_user_id AND e.created_by_id IS NOT e.lead_user_id))
    ON CONFLICT (theme_id, person_id, kind, status, owner_user_id, owner_type, organisation_id, dated) DO UPDATE SET n = n + excluded.n;
  INSERT INTO outstanding_action_due_counts (facet, value, due_date, n)
    SELECT 'theme', CAST(et.theme_id AS TEXT), a.due_date, 1
    FROM actions a JOIN engagements e ON e.id = a.engagement_id JOIN engagement_themes et ON et.engagement_id = a.engagement_id
    WHERE a.engagement_id = NEW.engagement_id AND et.theme_id = NEW.theme_id AND a.status IN ('open', 'in_progress') AND e.archived_at IS NULL AND a.due_date IS NOT NULL
    ON CONFLICT (facet, value, due_date) DO UPDATE SET n = n + excluded.n;
END;
--> statement-breakpoint
DROP TRIGGER `counts_engagement_theme_delete`;
--> statement-breakpoint
CREATE TRIGGER `counts_engagement_theme_delete` AFTER DELETE ON `engagement_themes`
BEGIN
  INSERT INTO outstanding_action_counts (theme_id, person_id, kind, status, owner_user_id, owner_type, organisation_id, dated, n)
    SELECT et.theme_id, CASE p.r WHEN 0 THEN 0 WHEN 1 THEN a.owner_user_id WHEN 2 THEN e.lead_user_id ELSE e.created_by_id END, a.kind, a.status, coalesce(a.owner_user_id, 0), a.owner_type, coalesce(a.organisation_id, 0), CASE WHEN a.due_date IS NULL THEN 0 WHEN a.due_date < (SELECT day FROM outstanding_action_cutoff) THEN 2 ELSE 1 END, -1
    FROM actions a JOIN engagements e ON e.id = a.engagement_id JOIN (SELECT OLD.engagement_id AS engagement_id, OLD.theme_id AS theme_id) et ON et.engagement_id = a.engagement_id JOIN (SELECT 0 AS r UNION ALL SELECT 1 AS r UNION ALL SELECT 2 AS r UNION ALL SELECT 3 AS r) p
    WHERE a.engagement_id = OLD.engagement_id AND 1 AND a.status IN ('open', 'in_progress') AND e.archived_at IS NULL AND (p.r = 0 OR (p.r = 1 AND a.owner_user_id IS NOT NULL) OR (p.r = 2 AND e.lead_user_id IS NOT NULL AND e.lead_user_id IS NOT a.owner_user_id) OR (p.r = 3 AND e.created_by_id IS NOT NULL AND e.created_by_id IS NOT a.owner_user_id AND e.created_by_id IS NOT e.lead_user_id))
    ON CONFLICT (theme_id, person_id, kind, status, owner_user_id, owner_type, organisation_id, dated) DO UPDATE SET n = n + excluded.n;
  INSERT INTO outstanding_action_due_counts (facet, value, due_date, n)
    SELECT 'theme', CAST(et.theme_id AS TEXT), a.due_date, -1
    FROM actions a JOIN engagements e ON e.id = a.engagement_id JOIN (SELECT OLD.engagement_id AS engagement_id, OLD.theme_id AS theme_id) et ON et.engagement_id = a.engagement_id
    WHERE a.engagement_id = OLD.engagement_id AND 1 AND a.status IN ('open', 'in_progress') AND e.archived_at IS NULL AND a.due_date IS NOT NULL
    ON CONFLICT (facet, value, due_date) DO UPDATE SET n = n + excluded.n;
END;
--> statement-breakpoint
DROP TRIGGER `counts_engagement_theme_update`;
--> statement-breakpoint
CREATE TRIGGER `counts_engagement_theme_update` AFTER UPDATE ON `engagement_themes`
BEGIN
  INSERT INTO outstanding_action_counts (theme_id, person_id, kind, status, owner_user_id, owner_type, organisation_id, dated, n)
    SELECT et.theme_id, CASE p.r WHEN 0 THEN 0 WHEN 1 THEN a.owner_user_id WHEN 2 THEN e.lead_user_id ELSE e.created_by_id END, a.kind, a.status, coalesce(a.owner_user_id, 0), a.owner_type, coalesce(a.organisation_id, 0), CASE WHEN a.due_date IS NULL THEN 0 WHEN a.due_date < (SELECT day FROM outstanding_action_cutoff) THEN 2 ELSE 1 END, -1
    FROM actions a JOIN engagements e ON e.id = a.engagement_id JOIN (SELECT OLD.engagement_id AS engagement_id, OLD.theme_id AS theme_id) et ON et.engagement_id = a.engagement_id JOIN (SELECT 0 AS r UNION ALL SELECT 1 AS r UNION ALL SELECT 2 AS r UNION ALL SELECT 3 AS r) p
    WHERE a.engagement_id = OLD.engagement_id AND 1 AND a.status IN ('open', 'in_progress') AND e.archived_at IS NULL AND (p.r = 0 OR (p.r = 1 AND a.owner_user_id IS NOT NULL) OR (p.r = 2 AND e.lead_user_id IS NOT NULL AND e.lead_user_id IS NOT a.owner_user_id) OR (p.r = 3 AND e.created_by_id IS NOT NULL AND e.created_by_id IS NOT a.owner_user_id AND e.created_by_id IS NOT e.lead_user_id))
    ON CONFLICT (theme_id, person_id, kind, status, owner_user_id, owner_type, organisation_id, dated) DO UPDATE SET n = n + excluded.n;
  INSERT INTO outstanding_action_due_counts (facet, value, due_date, n)
    SELECT 'theme', CAST(et.theme_id AS TEXT), a.due_date, -1
    FROM actions a JOIN engagements e ON e.id = a.engagement_id JOIN (SELECT OLD.engagement_id AS engagement_id, OLD.theme_id AS theme_id) et ON et.engagement_id = a.engagement_id
    WHERE a.engagement_id = OLD.engagement_id AND 1 AND a.status IN ('open', 'in_progress') AND e.archived_at IS NULL AND a.due_date IS NOT NULL
    ON CONFLICT (facet, value, due_date) DO UPDATE SET n = n + excluded.n;
  INSERT INTO outstanding_action_counts (theme_id, person_id, kind, status, owner_user_id, owner_type, organisation_id, dated, n)
    SELECT et.theme_id, CASE p.r WHEN 0 THEN 0 WHEN 1 THEN a.owner_user_id WHEN 2 THEN e.lead_user_id ELSE e.created_by_id END, a.kind, a.status, coalesce(a.owner_user_id, 0), a.owner_type, coalesce(a.organisation_id, 0), CASE WHEN a.due_date IS NULL THEN 0 WHEN a.due_date < (SELECT day FROM outstanding_action_cutoff) THEN 2 ELSE 1 END, 1
    FROM actions a JOIN engagements e ON e.id = a.engagement_id JOIN engagement_themes et ON et.engagement_id = a.engagement_id JOIN (SELECT 0 AS r UNION ALL SELECT 1 AS r UNION ALL SELECT 2 AS r UNION ALL SELECT 3 AS r) p
    WHERE a.engagement_id = NEW.engagement_id AND et.theme_id = NEW.theme_id AND a.status IN ('open', 'in_progress') AND e.archived_at IS NULL AND (p.r = 0 OR (p.r = 1 AND a.owner_user_id IS NOT NULL) OR (p.r = 2 AND e.lead_user_id IS NOT NULL AND e.lead_user_id IS NOT a.owner_user_id) OR (p.r = 3 AND e.created_by_id IS NOT NULL AND e.created_by_id IS NOT a.owner_user_id AND e.created_by_id IS NOT e.lead_user_id))
    ON CONFLICT (theme_id, person_id, kind, status, owner_user_id, owner_type, organisation_id, dated) DO UPDATE SET n = n + excluded.n;
  INSERT INTO outstanding_action_due_counts (facet, value, due_date, n)
    SELECT 'theme', CAST(et.theme_id AS TEXT), a.due_date, 1
    FROM actions a JOIN engagements e ON e.id = a.engagement_id JOIN engagement_themes et ON et.engagement_id = a.engagement_id
    WHERE a.engagement_id = NEW.engagement_id AND et.theme_id = NEW.theme_id AND a.status IN ('open', 'in_progress') AND e.archived_at IS NULL AND a.due_date IS NOT NULL
    ON CONFLICT (facet, value, due_date) DO UPDATE SET n = n + excluded.n;
END;
--> statement-breakpoint
-- The cutoff moved: the actions due between the old day and the new one leave the class they had (m.sign -1, as of
-- the old day) and take the other (+1, as of the new day): forward, due on or after becomes overdue; backward, as
-- after a clock set back, the reverse.
CREATE TRIGGER `outstanding_action_cutoff_moved` AFTER UPDATE OF day ON `outstanding_action_cutoff`
BEGIN
  INSERT INTO outstanding_action_counts (theme_id, person_id, kind, status, owner_user_id, owner_type, organisation_id, dated, n)
    SELECT 0, CASE p.r WHEN 0 THEN 0 WHEN 1 THEN a.owner_user_id WHEN 2 THEN e.lead_user_id ELSE e.created_by_id END, a.kind, a.status, coalesce(a.owner_user_id, 0), a.owner_type, coalesce(a.organisation_id, 0), CASE WHEN a.due_date < m.day THEN 2 ELSE 1 END, m.sign
    FROM actions a JOIN engagements e ON e.id = a.engagement_id JOIN (SELECT 0 AS r UNION ALL SELECT 1 AS r UNION ALL SELECT 2 AS r UNION ALL SELECT 3 AS r) p
      JOIN (SELECT -1 AS sign, OLD.day AS day UNION ALL SELECT 1 AS sign, NEW.day AS day) m
    WHERE a.due_date >= min(OLD.day, NEW.day) AND a.due_date < max(OLD.day, NEW.day) AND a.status IN ('open', 'in_progress') AND e.archived_at IS NULL AND (p.r = 0 OR (p.r = 1 AND a.owner_user_id IS NOT NULL) OR (p.r = 2 AND e.lead_user_id IS NOT NULL AND e.lead_user_id IS NOT a.owner_user_id) OR (p.r = 3 AND e.created_by_id IS NOT NULL AND e.created_by_id IS NOT a.owner_user_id AND e.created_by_id IS NOT e.lead_user_id))
    ON CONFLICT (theme_id, person_id, kind, status, owner_user_id, owner_type, organisation_id, dated) DO UPDATE SET n = n + excluded.n;
  INSERT INTO outstanding_action_counts (theme_id, person_id, kind, status, owner_user_id, owner_type, organisation_id, dated, n)
    SELECT et.theme_id, CASE p.r WHEN 0 THEN 0 WHEN 1 THEN a.owner_user_id WHEN 2 THEN e.lead_user_id ELSE e.created_by_id END, a.kind, a.status, coalesce(a.owner_user_id, 0), a.owner_type, coalesce(a.organisation_id, 0), CASE WHEN a.due_date < m.day THEN 2 ELSE 1 END, m.sign
    FROM actions a JOIN engagements e ON e.id = a.engagement_id JOIN engagement_themes et ON et.engagement_id = a.engagement_id JOIN (SELECT 0 AS r UNION ALL SELECT 1 AS r UNION ALL SELECT 2 AS r UNION ALL SELECT 3 AS r) p
      JOIN (SELECT -1 AS sign, OLD.day AS day UNION ALL SELECT 1 AS sign, NEW.day AS day) m
    WHERE a.due_date >= min(OLD.day, NEW.day) AND a.due_date < max(OLD.day, NEW.day) AND a.status IN ('open', 'in_progress') AND e.archived_at IS NULL AND (p.r = 0 OR (p.r = 1 AND a.owner_user_id IS NOT NULL) OR (p.r = 2 AND e.lead_user_id IS NOT NULL AND e.lead_user_id IS NOT a.owner_user_id) OR (p.r = 3 AND e.created_by_id IS NOT NULL AND e.created_by_id IS NOT a.owner_user_id AND e.created_by_id IS NOT e.lead_user_id))
    ON CONFLICT (theme_id, person_id, kind, status, owner_user_id, owner_type, organisation_id, dated) DO UPDATE SET n = n + excluded.n;
END;
--> statement-breakpoint
-- The counters as they stand, counted again with the new classes (their theme and facet sums follow, by their
-- own triggers).
DELETE FROM outstanding_action_counts;
--> statement-breakpoint
INSERT INTO outstanding_action_counts (theme_id, person_id, kind, status, owner_user_id, owner_type, organisation_id, dated, n)
  SELECT * FROM (
  SELECT 0, CASE p.r WHEN 0 THEN 0 WHEN 1 THEN a.owner_user_id WHEN 2 THEN e.lead_user_id ELSE e.created_by_id END, a.kind, a.status, coalesce(a.owner_user_id, 0), a.owner_type, coalesce(a.organisation_id, 0), CASE WHEN a.due_date IS NULL THEN 0 WHEN a.due_date < (SELECT day FROM outstanding_action_cutoff) THEN 2 ELSE 1 END, 1
  FROM actions a JOIN engagements e ON e.id = a.engagement_id JOIN (SELECT 0 AS r UNION ALL SELECT 1 AS r UNION ALL SELECT 2 AS r UNION ALL SELECT 3 AS r) p
  WHERE 1 AND a.status IN ('open', 'in_progress') AND e.archived_at IS NULL AND (p.r = 0 OR (p.r = 1 AND a.owner_user_id IS NOT NULL) OR (p.r = 2 AND e.lead_user_id IS NOT NULL AND e.lead_user_id IS NOT a.owner_user_id) OR (p.r = 3 AND e.created_by_id IS NOT NULL AND e.created_by_id IS NOT a.owner_user_id AND e.created_by_id IS NOT e.lead_user_id))
  UNION ALL
  SELECT et.theme_id, CASE p.r WHEN 0 THEN 0 WHEN 1 THEN a.owner_user_id WHEN 2 THEN e.lead_user_id ELSE e.created_by_id END, a.kind, a.status, coalesce(a.owner_user_id, 0), a.owner_type, coalesce(a.organisation_id, 0), CASE WHEN a.due_date IS NULL THEN 0 WHEN a.due_date < (SELECT day FROM outstanding_action_cutoff) THEN 2 ELSE 1 END, 1
  FROM actions a JOIN engagements e ON e.id = a.engagement_id JOIN engagement_themes et ON et.engagement_id = a.engagement_id JOIN (SELECT 0 AS r UNION ALL SELECT 1 AS r UNION ALL SELECT 2 AS r UNION ALL SELECT 3 AS r) p
  WHERE 1 AND a.status IN ('open', 'in_progress') AND e.archived_at IS NULL AND (p.r = 0 OR (p.r = 1 AND a.owner_user_id IS NOT NULL) OR (p.r = 2 AND e.lead_user_id IS NOT NULL AND e.lead_user_id IS NOT a.owner_user_id) OR (p.r = 3 AND e.created_by_id IS NOT NULL AND e.created_by_id IS NOT a.owner_user_id AND e.created_by_id IS NOT e.lead_user_id))
  ) WHERE true
  ON CONFLICT (theme_id, person_id, kind, status, owner_user_id, owner_type, organisation_id, dated) DO UPDATE SET n = n + excluded.n;
