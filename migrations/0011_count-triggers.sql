-- Keeps the counter tables of db/schema/counts.ts right on every write, in the writer's own transaction
-- (models, import, seeds, a rolled-back transaction alike). AFTER triggers only (a BEFORE trigger would also
-- fire for a row that INSERT OR IGNORE then skips): what the old row counted for is taken away, read from OLD,
-- and what the new row counts for is added. Hand-written (drizzle-kit generate --custom); see docs/decisions/0017.
CREATE TRIGGER `counts_action_insert` AFTER INSERT ON `actions`
BEGIN
  INSERT INTO outstanding_action_counts (theme_id, person_id, kind, status, owner_user_id, owner_type, organisation_id, dated, n)
    SELECT 0, CASE p.r WHEN 0 THEN 0 WHEN 1 THEN a.owner_user_id WHEN 2 THEN e.lead_user_id ELSE e.created_by_id END, a.kind, a.status, coalesce(a.owner_user_id, 0), a.owner_type, coalesce(a.organisation_id, 0), a.due_date IS NOT NULL, 1
    FROM actions a JOIN engagements e ON e.id = a.engagement_id JOIN (SELECT 0 AS r UNION ALL SELECT 1 AS r UNION ALL SELECT 2 AS r UNION ALL SELECT 3 AS r) p
    WHERE a.id = NEW.id AND a.status IN ('open', 'in_progress') AND e.archived_at IS NULL AND (p.r = 0 OR (p.r = 1 AND a.owner_user_id IS NOT NULL) OR (p.r = 2 AND e.lead_user_id IS NOT NULL AND e.lead_user_id IS NOT a.owner_user_id) OR (p.r = 3 AND e.created_by_id IS NOT NULL AND e.created_by_id IS NOT a.owner_user_id AND e.created_by_id IS NOT e.lead_user_id))
    ON CONFLICT (theme_id, person_id, kind, status, owner_user_id, owner_type, organisation_id, dated) DO UPDATE SET n = n + excluded.n;
  INSERT INTO outstanding_action_counts (theme_id, person_id, kind, status, owner_user_id, owner_type, organisation_id, dated, n)
    SELECT et.theme_id, CASE p.r WHEN 0 THEN 0 WHEN 1 THEN a.owner_user_id WHEN 2 THEN e.lead_user_id ELSE e.created_by_id END, a.kind, a.status, coalesce(a.owner_user_id, 0), a.owner_type, coalesce(a.organisation_id, 0), a.due_date IS NOT NULL, 1
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
CREATE TRIGGER `counts_action_delete` AFTER DELETE ON `actions`
BEGIN
  INSERT INTO outstanding_action_counts (theme_id, person_id, kind, status, owner_user_id, owner_type, organisation_id, dated, n)
    SELECT 0, CASE p.r WHEN 0 THEN 0 WHEN 1 THEN a.owner_user_id WHEN 2 THEN e.lead_user_id ELSE e.created_by_id END, a.kind, a.status, coalesce(a.owner_user_id, 0), a.owner_type, coalesce(a.organisation_id, 0), a.due_date IS NOT NULL, -1
    FROM (SELECT OLD.id AS id, OLD.engagement_id AS engagement_id, OLD.kind AS kind, OLD.status AS status, OLD.owner_type AS owner_type, OLD.owner_user_id AS owner_user_id, OLD.organisation_id AS organisation_id, OLD.due_date AS due_date) a JOIN engagements e ON e.id = a.engagement_id JOIN (SELECT 0 AS r UNION ALL SELECT 1 AS r UNION ALL SELECT 2 AS r UNION ALL SELECT 3 AS r) p
    WHERE 1 AND a.status IN ('open', 'in_progress') AND e.archived_at IS NULL AND (p.r = 0 OR (p.r = 1 AND a.owner_user_id IS NOT NULL) OR (p.r = 2 AND e.lead_user_id IS NOT NULL AND e.lead_user_id IS NOT a.owner_user_id) OR (p.r = 3 AND e.created_by_id IS NOT NULL AND e.created_by_id IS NOT a.owner_user_id AND e.created_by_id IS NOT e.lead_user_id))
    ON CONFLICT (theme_id, person_id, kind, status, owner_user_id, owner_type, organisation_id, dated) DO UPDATE SET n = n + excluded.n;
  INSERT INTO outstanding_action_counts (theme_id, person_id, kind, status, owner_user_id, owner_type, organisation_id, dated, n)
    SELECT et.theme_id, CASE p.r WHEN 0 THEN 0 WHEN 1 THEN a.owner_user_id WHEN 2 THEN e.lead_user_id ELSE e.created_by_id END, a.kind, a.status, coalesce(a.owner_user_id, 0), a.owner_type, coalesce(a.organisation_id, 0), a.due_date IS NOT NULL, -1
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
CREATE TRIGGER `counts_action_update` AFTER UPDATE OF engagement_id, kind, status, owner_type, owner_user_id, organisation_id, due_date ON `actions`
BEGIN
  INSERT INTO outstanding_action_counts (theme_id, person_id, kind, status, owner_user_id, owner_type, organisation_id, dated, n)
    SELECT 0, CASE p.r WHEN 0 THEN 0 WHEN 1 THEN a.owner_user_id WHEN 2 THEN e.lead_user_id ELSE e.created_by_id END, a.kind, a.status, coalesce(a.owner_user_id, 0), a.owner_type, coalesce(a.organisation_id, 0), a.due_date IS NOT NULL, -1
    FROM (SELECT OLD.id AS id, OLD.engagement_id AS engagement_id, OLD.kind AS kind, OLD.status AS status, OLD.owner_type AS owner_type, OLD.owner_user_id AS owner_user_id, OLD.organisation_id AS organisation_id, OLD.due_date AS due_date) a JOIN engagements e ON e.id = a.engagement_id JOIN (SELECT 0 AS r UNION ALL SELECT 1 AS r UNION ALL SELECT 2 AS r UNION ALL SELECT 3 AS r) p
    WHERE 1 AND a.status IN ('open', 'in_progress') AND e.archived_at IS NULL AND (p.r = 0 OR (p.r = 1 AND a.owner_user_id IS NOT NULL) OR (p.r = 2 AND e.lead_user_id IS NOT NULL AND e.lead_user_id IS NOT a.owner_user_id) OR (p.r = 3 AND e.created_by_id IS NOT NULL AND e.created_by_id IS NOT a.owner_user_id AND e.created_by_id IS NOT e.lead_user_id))
    ON CONFLICT (theme_id, person_id, kind, status, owner_user_id, owner_type, organisation_id, dated) DO UPDATE SET n = n + excluded.n;
  INSERT INTO outstanding_action_counts (theme_id, person_id, kind, status, owner_user_id, owner_type, organisation_id, dated, n)
    SELECT et.theme_id, CASE p.r WHEN 0 THEN 0 WHEN 1 THEN a.owner_user_id WHEN 2 THEN e.lead_user_id ELSE e.created_by_id END, a.kind, a.status, coalesce(a.owner_user_id, 0), a.owner_type, coalesce(a.organisation_id, 0), a.due_date IS NOT NULL, -1
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
    SELECT 0, CASE p.r WHEN 0 THEN 0 WHEN 1 THEN a.owner_user_id WHEN 2 THEN e.lead_user_id ELSE e.created_by_id END, a.kind, a.status, coalesce(a.owner_user_id, 0), a.owner_type, coalesce(a.organisation_id, 0), a.due_date IS NOT NULL, 1
    FROM actions a JOIN engagements e ON e.id = a.engagement_id JOIN (SELECT 0 AS r UNION ALL SELECT 1 AS r UNION ALL SELECT 2 AS r UNION ALL SELECT 3 AS r) p
    WHERE a.id = NEW.id AND a.status IN ('open', 'in_progress') AND e.archived_at IS NULL AND (p.r = 0 OR (p.r = 1 AND a.owner_user_id IS NOT NULL) OR (p.r = 2 AND e.lead_user_id IS NOT NULL AND e.lead_user_id IS NOT a.owner_user_id) OR (p.r = 3 AND e.created_by_id IS NOT NULL AND e.created_by_id IS NOT a.owner_user_id AND e.created_by_id IS NOT e.lead_user_id))
    ON CONFLICT (theme_id, person_id, kind, status, owner_user_id, owner_type, organisation_id, dated) DO UPDATE SET n = n + excluded.n;
  INSERT INTO outstanding_action_counts (theme_id, person_id, kind, status, owner_user_id, owner_type, organisation_id, dated, n)
    SELECT et.theme_id, CASE p.r WHEN 0 THEN 0 WHEN 1 THEN a.owner_user_id WHEN 2 THEN e.lead_user_id ELSE e.created_by_id END, a.kind, a.status, coalesce(a.owner_user_id, 0), a.owner_type, coalesce(a.organisation_id, 0), a.due_date IS NOT NULL, 1
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
CREATE TRIGGER `counts_engagement_actions` AFTER UPDATE OF archived_at, lead_user_id, created_by_id ON `engagements`
BEGIN
  INSERT INTO outstanding_action_counts (theme_id, person_id, kind, status, owner_user_id, owner_type, organisation_id, dated, n)
    SELECT 0, CASE p.r WHEN 0 THEN 0 WHEN 1 THEN a.owner_user_id WHEN 2 THEN e.lead_user_id ELSE e.created_by_id END, a.kind, a.status, coalesce(a.owner_user_id, 0), a.owner_type, coalesce(a.organisation_id, 0), a.due_date IS NOT NULL, -1
    FROM actions a JOIN (SELECT OLD.id AS id, OLD.status AS status, OLD.date AS date, OLD.archived_at AS archived_at, OLD.lead_user_id AS lead_user_id, OLD.created_by_id AS created_by_id) e ON e.id = a.engagement_id JOIN (SELECT 0 AS r UNION ALL SELECT 1 AS r UNION ALL SELECT 2 AS r UNION ALL SELECT 3 AS r) p
    WHERE a.engagement_id = OLD.id AND a.status IN ('open', 'in_progress') AND e.archived_at IS NULL AND (p.r = 0 OR (p.r = 1 AND a.owner_user_id IS NOT NULL) OR (p.r = 2 AND e.lead_user_id IS NOT NULL AND e.lead_user_id IS NOT a.owner_user_id) OR (p.r = 3 AND e.created_by_id IS NOT NULL AND e.created_by_id IS NOT a.owner_user_id AND e.created_by_id IS NOT e.lead_user_id))
    ON CONFLICT (theme_id, person_id, kind, status, owner_user_id, owner_type, organisation_id, dated) DO UPDATE SET n = n + excluded.n;
  INSERT INTO outstanding_action_counts (theme_id, person_id, kind, status, owner_user_id, owner_type, organisation_id, dated, n)
    SELECT et.theme_id, CASE p.r WHEN 0 THEN 0 WHEN 1 THEN a.owner_user_id WHEN 2 THEN e.lead_user_id ELSE e.created_by_id END, a.kind, a.status, coalesce(a.owner_user_id, 0), a.owner_type, coalesce(a.organisation_id, 0), a.due_date IS NOT NULL, -1
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
    SELECT 0, CASE p.r WHEN 0 THEN 0 WHEN 1 THEN a.owner_user_id WHEN 2 THEN e.lead_user_id ELSE e.created_by_id END, a.kind, a.status, coalesce(a.owner_user_id, 0), a.owner_type, coalesce(a.organisation_id, 0), a.due_date IS NOT NULL, 1
    FROM actions a JOIN engagements e ON e.id = a.engagement_id JOIN (SELECT 0 AS r UNION ALL SELECT 1 AS r UNION ALL SELECT 2 AS r UNION ALL SELECT 3 AS r) p
    WHERE a.engagement_id = NEW.id AND a.status IN ('open', 'in_progress') AND e.archived_at IS NULL AND (p.r = 0 OR (p.r = 1 AND a.owner_user_id IS NOT NULL) OR (p.r = 2 AND e.lead_user_id IS NOT NULL AND e.lead_user_id IS NOT a.owner_user_id) OR (p.r = 3 AND e.created_by_id IS NOT NULL AND e.created_by_id IS NOT a.owner_user_id AND e.created_by_id IS NOT e.lead_user_id))
    ON CONFLICT (theme_id, person_id, kind, status, owner_user_id, owner_type, organisation_id, dated) DO UPDATE SET n = n + excluded.n;
  INSERT INTO outstanding_action_counts (theme_id, person_id, kind, status, owner_user_id, owner_type, organisation_id, dated, n)
    SELECT et.theme_id, CASE p.r WHEN 0 THEN 0 WHEN 1 THEN a.owner_user_id WHEN 2 THEN e.lead_user_id ELSE e.created_by_id END, a.kind, a.status, coalesce(a.owner_user_id, 0), a.owner_type, coalesce(a.organisation_id, 0), a.due_date IS NOT NULL, 1
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
CREATE TRIGGER `counts_engagement_theme_insert` AFTER INSERT ON `engagement_themes`
BEGIN
  INSERT INTO outstanding_action_counts (theme_id, person_id, kind, status, owner_user_id, owner_type, organisation_id, dated, n)
    SELECT et.theme_id, CASE p.r WHEN 0 THEN 0 WHEN 1 THEN a.owner_user_id WHEN 2 THEN e.lead_user_id ELSE e.created_by_id END, a.kind, a.status, coalesce(a.owner_user_id, 0), a.owner_type, coalesce(a.organisation_id, 0), a.due_date IS NOT NULL, 1
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
CREATE TRIGGER `counts_engagement_theme_delete` AFTER DELETE ON `engagement_themes`
BEGIN
  INSERT INTO outstanding_action_counts (theme_id, person_id, kind, status, owner_user_id, owner_type, organisation_id, dated, n)
    SELECT et.theme_id, CASE p.r WHEN 0 THEN 0 WHEN 1 THEN a.owner_user_id WHEN 2 THEN e.lead_user_id ELSE e.created_by_id END, a.kind, a.status, coalesce(a.owner_user_id, 0), a.owner_type, coalesce(a.organisation_id, 0), a.due_date IS NOT NULL, -1
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
CREATE TRIGGER `counts_engagement_theme_update` AFTER UPDATE ON `engagement_themes`
BEGIN
  INSERT INTO outstanding_action_counts (theme_id, person_id, kind, status, owner_user_id, owner_type, organisation_id, dated, n)
    SELECT et.theme_id, CASE p.r WHEN 0 THEN 0 WHEN 1 THEN a.owner_user_id WHEN 2 THEN e.lead_user_id ELSE e.created_by_id END, a.kind, a.status, coalesce(a.owner_user_id, 0), a.owner_type, coalesce(a.organisation_id, 0), a.due_date IS NOT NULL, -1
    FROM actions a JOIN engagements e ON e.id = a.engagement_id JOIN (SELECT OLD.engagement_id AS engagement_id, OLD.theme_id AS theme_id) et ON et.engagement_id = a.engagement_id JOIN (SELECT 0 AS r UNION ALL SELECT 1 AS r UNION ALL SELECT 2 AS r UNION ALL SELECT 3 AS r) p
    WHERE a.engagement_id = OLD.engagement_id AND 1 AND a.status IN ('open', 'in_progress') AND e.archived_at IS NULL AND (p.r = 0 OR (p.r = 1 AND a.owner_user_id IS NOT NULL) OR (p.r = 2 AND e.lead_user_id IS NOT NULL AND e.lead_user_id IS NOT a.owner_user_id) OR (p.r = 3 AND e.created_by_id IS NOT NULL AND e.created_by_id IS NOT a.owner_user_id AND e.created_by_id IS NOT e.lead_user_id))
    ON CONFLICT (theme_id, person_id, kind, status, owner_user_id, owner_type, organisation_id, dated) DO UPDATE SET n = n + excluded.n;
  INSERT INTO outstanding_action_due_counts (facet, value, due_date, n)
    SELECT 'theme', CAST(et.theme_id AS TEXT), a.due_date, -1
    FROM actions a JOIN engagements e ON e.id = a.engagement_id JOIN (SELECT OLD.engagement_id AS engagement_id, OLD.theme_id AS theme_id) et ON et.engagement_id = a.engagement_id
    WHERE a.engagement_id = OLD.engagement_id AND 1 AND a.status IN ('open', 'in_progress') AND e.archived_at IS NULL AND a.due_date IS NOT NULL
    ON CONFLICT (facet, value, due_date) DO UPDATE SET n = n + excluded.n;
  INSERT INTO outstanding_action_counts (theme_id, person_id, kind, status, owner_user_id, owner_type, organisation_id, dated, n)
    SELECT et.theme_id, CASE p.r WHEN 0 THEN 0 WHEN 1 THEN a.owner_user_id WHEN 2 THEN e.lead_user_id ELSE e.created_by_id END, a.kind, a.status, coalesce(a.owner_user_id, 0), a.owner_type, coalesce(a.organisation_id, 0), a.due_date IS NOT NULL, 1
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
CREATE TRIGGER `counts_organisation_kind` AFTER UPDATE OF kind ON `organisations`
WHEN OLD.kind IS NOT NEW.kind
BEGIN
  INSERT INTO outstanding_action_due_counts (facet, value, due_date, n)
    SELECT 'orgKind', OLD.kind, a.due_date, -1 * count(*) FROM actions a JOIN engagements e ON e.id = a.engagement_id
    WHERE a.organisation_id = NEW.id AND a.status IN ('open', 'in_progress') AND e.archived_at IS NULL AND a.due_date IS NOT NULL
    GROUP BY a.due_date
    ON CONFLICT (facet, value, due_date) DO UPDATE SET n = n + excluded.n;
  INSERT INTO outstanding_action_due_counts (facet, value, due_date, n)
    SELECT 'orgKind', NEW.kind, a.due_date, 1 * count(*) FROM actions a JOIN engagements e ON e.id = a.engagement_id
    WHERE a.organisation_id = NEW.id AND a.status IN ('open', 'in_progress') AND e.archived_at IS NULL AND a.due_date IS NOT NULL
    GROUP BY a.due_date
    ON CONFLICT (facet, value, due_date) DO UPDATE SET n = n + excluded.n;
  INSERT INTO engagement_day_counts (date, kind, n)
    SELECT e.date, OLD.kind, -1 * count(*) FROM engagements e JOIN engagement_organisations eo ON eo.engagement_id = e.id
    WHERE eo.organisation_id = NEW.id AND e.archived_at IS NULL AND e.status <> 'cancelled'
      AND NOT EXISTS (SELECT 1 FROM engagement_organisations eo2 JOIN organisations o2 ON o2.id = eo2.organisation_id
        WHERE eo2.engagement_id = e.id AND eo2.organisation_id <> NEW.id AND o2.kind = OLD.kind)
    GROUP BY e.date
    ON CONFLICT (date, kind) DO UPDATE SET n = n + excluded.n;
  INSERT INTO engagement_day_counts (date, kind, n)
    SELECT e.date, NEW.kind, 1 * count(*) FROM engagements e JOIN engagement_organisations eo ON eo.engagement_id = e.id
    WHERE eo.organisation_id = NEW.id AND e.archived_at IS NULL AND e.status <> 'cancelled'
      AND NOT EXISTS (SELECT 1 FROM engagement_organisations eo2 JOIN organisations o2 ON o2.id = eo2.organisation_id
        WHERE eo2.engagement_id = e.id AND eo2.organisation_id <> NEW.id AND o2.kind = NEW.kind)
    GROUP BY e.date
    ON CONFLICT (date, kind) DO UPDATE SET n = n + excluded.n;
END;
--> statement-breakpoint
CREATE TRIGGER `counts_engagement_insert` AFTER INSERT ON `engagements`
BEGIN
  INSERT INTO engagement_day_counts (date, kind, n)
    SELECT e.date, '', 1 FROM engagements e WHERE e.id = NEW.id AND e.archived_at IS NULL AND e.status <> 'cancelled'
    ON CONFLICT (date, kind) DO UPDATE SET n = n + excluded.n;
  INSERT INTO engagement_day_counts (date, kind, n)
    SELECT d.date, d.kind, 1 * count(*) FROM (
      SELECT DISTINCT e.id, e.date, o.kind FROM engagements e
      JOIN engagement_organisations eo ON eo.engagement_id = e.id JOIN organisations o ON o.id = eo.organisation_id
      WHERE e.id = NEW.id AND e.archived_at IS NULL AND e.status <> 'cancelled'
    ) d WHERE true GROUP BY d.date, d.kind
    ON CONFLICT (date, kind) DO UPDATE SET n = n + excluded.n;
  INSERT INTO organisation_engagement_dates (organisation_id, status, date, engagement_id)
    SELECT eo.organisation_id, e.status, e.date, e.id FROM engagement_organisations eo JOIN engagements e ON e.id = eo.engagement_id
    WHERE e.id = NEW.id AND e.archived_at IS NULL
    ON CONFLICT DO NOTHING;
END;
--> statement-breakpoint
CREATE TRIGGER `counts_engagement_delete` AFTER DELETE ON `engagements`
BEGIN
  INSERT INTO engagement_day_counts (date, kind, n)
    SELECT e.date, '', -1 FROM (SELECT OLD.id AS id, OLD.status AS status, OLD.date AS date, OLD.archived_at AS archived_at, OLD.lead_user_id AS lead_user_id, OLD.created_by_id AS created_by_id) e WHERE 1 AND e.archived_at IS NULL AND e.status <> 'cancelled'
    ON CONFLICT (date, kind) DO UPDATE SET n = n + excluded.n;
  INSERT INTO engagement_day_counts (date, kind, n)
    SELECT d.date, d.kind, -1 * count(*) FROM (
      SELECT DISTINCT e.id, e.date, o.kind FROM (SELECT OLD.id AS id, OLD.status AS status, OLD.date AS date, OLD.archived_at AS archived_at, OLD.lead_user_id AS lead_user_id, OLD.created_by_id AS created_by_id) e
      JOIN engagement_organisations eo ON eo.engagement_id = e.id JOIN organisations o ON o.id = eo.organisation_id
      WHERE 1 AND e.archived_at IS NULL AND e.status <> 'cancelled'
    ) d WHERE true GROUP BY d.date, d.kind
    ON CONFLICT (date, kind) DO UPDATE SET n = n + excluded.n;
  DELETE FROM organisation_engagement_dates WHERE engagement_id = OLD.id;
END;
--> statement-breakpoint
CREATE TRIGGER `counts_engagement_dates` AFTER UPDATE OF status, date, archived_at ON `engagements`
BEGIN
  INSERT INTO engagement_day_counts (date, kind, n)
    SELECT e.date, '', -1 FROM (SELECT OLD.id AS id, OLD.status AS status, OLD.date AS date, OLD.archived_at AS archived_at, OLD.lead_user_id AS lead_user_id, OLD.created_by_id AS created_by_id) e WHERE 1 AND e.archived_at IS NULL AND e.status <> 'cancelled'
    ON CONFLICT (date, kind) DO UPDATE SET n = n + excluded.n;
  INSERT INTO engagement_day_counts (date, kind, n)
    SELECT d.date, d.kind, -1 * count(*) FROM (
      SELECT DISTINCT e.id, e.date, o.kind FROM (SELECT OLD.id AS id, OLD.status AS status, OLD.date AS date, OLD.archived_at AS archived_at, OLD.lead_user_id AS lead_user_id, OLD.created_by_id AS created_by_id) e
      JOIN engagement_organisations eo ON eo.engagement_id = e.id JOIN organisations o ON o.id = eo.organisation_id
      WHERE 1 AND e.archived_at IS NULL AND e.status <> 'cancelled'
    ) d WHERE true GROUP BY d.date, d.kind
    ON CONFLICT (date, kind) DO UPDATE SET n = n + excluded.n;
  DELETE FROM organisation_engagement_dates WHERE engagement_id = OLD.id;
  INSERT INTO engagement_day_counts (date, kind, n)
    SELECT e.date, '', 1 FROM engagements e WHERE e.id = NEW.id AND e.archived_at IS NULL AND e.status <> 'cancelled'
    ON CONFLICT (date, kind) DO UPDATE SET n = n + excluded.n;
  INSERT INTO engagement_day_counts (date, kind, n)
    SELECT d.date, d.kind, 1 * count(*) FROM (
      SELECT DISTINCT e.id, e.date, o.kind FROM engagements e
      JOIN engagement_organisations eo ON eo.engagement_id = e.id JOIN organisations o ON o.id = eo.organisation_id
      WHERE e.id = NEW.id AND e.archived_at IS NULL AND e.status <> 'cancelled'
    ) d WHERE true GROUP BY d.date, d.kind
    ON CONFLICT (date, kind) DO UPDATE SET n = n + excluded.n;
  INSERT INTO organisation_engagement_dates (organisation_id, status, date, engagement_id)
    SELECT eo.organisation_id, e.status, e.date, e.id FROM engagement_organisations eo JOIN engagements e ON e.id = eo.engagement_id
    WHERE eo.engagement_id = NEW.id AND e.archived_at IS NULL
    ON CONFLICT DO NOTHING;
END;
--> statement-breakpoint
CREATE TRIGGER `counts_engagement_organisation_insert` AFTER INSERT ON `engagement_organisations`
BEGIN
  INSERT INTO engagement_day_counts (date, kind, n)
    SELECT e.date, o.kind, 1 FROM engagements e JOIN organisations o ON o.id = NEW.organisation_id
    WHERE e.id = NEW.engagement_id AND e.archived_at IS NULL AND e.status <> 'cancelled'
      AND NOT EXISTS (SELECT 1 FROM engagement_organisations eo2 JOIN organisations o2 ON o2.id = eo2.organisation_id
        WHERE eo2.engagement_id = e.id AND eo2.organisation_id <> NEW.organisation_id AND o2.kind = o.kind)
    ON CONFLICT (date, kind) DO UPDATE SET n = n + excluded.n;
  INSERT INTO organisation_engagement_dates (organisation_id, status, date, engagement_id)
    SELECT eo.organisation_id, e.status, e.date, e.id FROM engagement_organisations eo JOIN engagements e ON e.id = eo.engagement_id
    WHERE eo.engagement_id = NEW.engagement_id AND eo.organisation_id = NEW.organisation_id AND e.archived_at IS NULL
    ON CONFLICT DO NOTHING;
END;
--> statement-breakpoint
CREATE TRIGGER `counts_engagement_organisation_delete` AFTER DELETE ON `engagement_organisations`
BEGIN
  INSERT INTO engagement_day_counts (date, kind, n)
    SELECT e.date, o.kind, -1 FROM engagements e JOIN organisations o ON o.id = OLD.organisation_id
    WHERE e.id = OLD.engagement_id AND e.archived_at IS NULL AND e.status <> 'cancelled'
      AND NOT EXISTS (SELECT 1 FROM engagement_organisations eo2 JOIN organisations o2 ON o2.id = eo2.organisation_id
        WHERE eo2.engagement_id = e.id AND eo2.organisation_id <> OLD.organisation_id AND o2.kind = o.kind)
    ON CONFLICT (date, kind) DO UPDATE SET n = n + excluded.n;
  DELETE FROM organisation_engagement_dates WHERE engagement_id = OLD.engagement_id AND organisation_id = OLD.organisation_id;
END;
--> statement-breakpoint
CREATE TRIGGER `counts_engagement_organisation_update` BEFORE UPDATE ON `engagement_organisations`
BEGIN
  SELECT RAISE(ABORT, 'An engagement''s organisations are deleted and inserted, not updated (the counters follow them)');
END;
--> statement-breakpoint
CREATE TRIGGER `outstanding_action_counts_drop_nought` AFTER UPDATE OF n ON `outstanding_action_counts`
WHEN NEW.n = 0
BEGIN
  DELETE FROM outstanding_action_counts WHERE rowid = NEW.rowid;
END;
--> statement-breakpoint
CREATE TRIGGER `outstanding_action_due_counts_drop_nought` AFTER UPDATE OF n ON `outstanding_action_due_counts`
WHEN NEW.n = 0
BEGIN
  DELETE FROM outstanding_action_due_counts WHERE rowid = NEW.rowid;
END;
--> statement-breakpoint
CREATE TRIGGER `engagement_day_counts_drop_nought` AFTER UPDATE OF n ON `engagement_day_counts`
WHEN NEW.n = 0
BEGIN
  DELETE FROM engagement_day_counts WHERE rowid = NEW.rowid;
END;
--> statement-breakpoint
INSERT INTO outstanding_action_counts (theme_id, person_id, kind, status, owner_user_id, owner_type, organisation_id, dated, n)
  SELECT 0, CASE p.r WHEN 0 THEN 0 WHEN 1 THEN a.owner_user_id WHEN 2 THEN e.lead_user_id ELSE e.created_by_id END, a.kind, a.status, coalesce(a.owner_user_id, 0), a.owner_type, coalesce(a.organisation_id, 0), a.due_date IS NOT NULL, 1
  FROM actions a JOIN engagements e ON e.id = a.engagement_id JOIN (SELECT 0 AS r UNION ALL SELECT 1 AS r UNION ALL SELECT 2 AS r UNION ALL SELECT 3 AS r) p
  WHERE 1 AND a.status IN ('open', 'in_progress') AND e.archived_at IS NULL AND (p.r = 0 OR (p.r = 1 AND a.owner_user_id IS NOT NULL) OR (p.r = 2 AND e.lead_user_id IS NOT NULL AND e.lead_user_id IS NOT a.owner_user_id) OR (p.r = 3 AND e.created_by_id IS NOT NULL AND e.created_by_id IS NOT a.owner_user_id AND e.created_by_id IS NOT e.lead_user_id))
  ON CONFLICT (theme_id, person_id, kind, status, owner_user_id, owner_type, organisation_id, dated) DO UPDATE SET n = n + excluded.n;
--> statement-breakpoint
INSERT INTO outstanding_action_counts (theme_id, person_id, kind, status, owner_user_id, owner_type, organisation_id, dated, n)
  SELECT et.theme_id, CASE p.r WHEN 0 THEN 0 WHEN 1 THEN a.owner_user_id WHEN 2 THEN e.lead_user_id ELSE e.created_by_id END, a.kind, a.status, coalesce(a.owner_user_id, 0), a.owner_type, coalesce(a.organisation_id, 0), a.due_date IS NOT NULL, 1
  FROM actions a JOIN engagements e ON e.id = a.engagement_id JOIN engagement_themes et ON et.engagement_id = a.engagement_id JOIN (SELECT 0 AS r UNION ALL SELECT 1 AS r UNION ALL SELECT 2 AS r UNION ALL SELECT 3 AS r) p
  WHERE 1 AND a.status IN ('open', 'in_progress') AND e.archived_at IS NULL AND (p.r = 0 OR (p.r = 1 AND a.owner_user_id IS NOT NULL) OR (p.r = 2 AND e.lead_user_id IS NOT NULL AND e.lead_user_id IS NOT a.owner_user_id) OR (p.r = 3 AND e.created_by_id IS NOT NULL AND e.created_by_id IS NOT a.owner_user_id AND e.created_by_id IS NOT e.lead_user_id))
  ON CONFLICT (theme_id, person_id, kind, status, owner_user_id, owner_type, organisation_id, dated) DO UPDATE SET n = n + excluded.n;
--> statement-breakpoint
INSERT INTO outstanding_action_due_counts (facet, value, due_date, n)
  SELECT
    CASE f.r WHEN 0 THEN 'all' WHEN 1 THEN 'owner' WHEN 2 THEN 'orgKind' WHEN 3 THEN 'kind' WHEN 4 THEN 'status' WHEN 5 THEN 'organisation' ELSE 'mine' END,
    CASE f.r WHEN 0 THEN '' WHEN 1 THEN coalesce(CAST(a.owner_user_id AS TEXT), a.owner_type) WHEN 2 THEN coalesce(o.kind, '') WHEN 3 THEN a.kind
      WHEN 4 THEN a.status WHEN 5 THEN CAST(coalesce(a.organisation_id, 0) AS TEXT) WHEN 6 THEN CAST(a.owner_user_id AS TEXT)
      WHEN 7 THEN CAST(e.lead_user_id AS TEXT) ELSE CAST(e.created_by_id AS TEXT) END,
    a.due_date, 1
  FROM actions a JOIN engagements e ON e.id = a.engagement_id LEFT JOIN organisations o ON o.id = a.organisation_id JOIN (SELECT 0 AS r UNION ALL SELECT 1 AS r UNION ALL SELECT 2 AS r UNION ALL SELECT 3 AS r UNION ALL SELECT 4 AS r UNION ALL SELECT 5 AS r UNION ALL SELECT 6 AS r UNION ALL SELECT 7 AS r UNION ALL SELECT 8 AS r) f
  WHERE 1 AND a.status IN ('open', 'in_progress') AND e.archived_at IS NULL AND a.due_date IS NOT NULL
    AND (f.r < 6 OR (f.r = 6 AND a.owner_user_id IS NOT NULL)
      OR (f.r = 7 AND e.lead_user_id IS NOT NULL AND e.lead_user_id IS NOT a.owner_user_id)
      OR (f.r = 8 AND e.created_by_id IS NOT NULL AND e.created_by_id IS NOT a.owner_user_id AND e.created_by_id IS NOT e.lead_user_id))
  ON CONFLICT (facet, value, due_date) DO UPDATE SET n = n + excluded.n;
--> statement-breakpoint
INSERT INTO outstanding_action_due_counts (facet, value, due_date, n)
  SELECT 'theme', CAST(et.theme_id AS TEXT), a.due_date, 1
  FROM actions a JOIN engagements e ON e.id = a.engagement_id JOIN engagement_themes et ON et.engagement_id = a.engagement_id
  WHERE 1 AND a.status IN ('open', 'in_progress') AND e.archived_at IS NULL AND a.due_date IS NOT NULL
  ON CONFLICT (facet, value, due_date) DO UPDATE SET n = n + excluded.n;
--> statement-breakpoint
INSERT INTO engagement_day_counts (date, kind, n)
  SELECT e.date, '', 1 FROM engagements e WHERE 1 AND e.archived_at IS NULL AND e.status <> 'cancelled'
  ON CONFLICT (date, kind) DO UPDATE SET n = n + excluded.n;
--> statement-breakpoint
INSERT INTO engagement_day_counts (date, kind, n)
  SELECT d.date, d.kind, 1 * count(*) FROM (
    SELECT DISTINCT e.id, e.date, o.kind FROM engagements e
    JOIN engagement_organisations eo ON eo.engagement_id = e.id JOIN organisations o ON o.id = eo.organisation_id
    WHERE 1 AND e.archived_at IS NULL AND e.status <> 'cancelled'
  ) d WHERE true GROUP BY d.date, d.kind
  ON CONFLICT (date, kind) DO UPDATE SET n = n + excluded.n;
--> statement-breakpoint
INSERT INTO organisation_engagement_dates (organisation_id, status, date, engagement_id)
  SELECT eo.organisation_id, e.status, e.date, e.id FROM engagement_organisations eo JOIN engagements e ON e.id = eo.engagement_id
  WHERE 1 AND e.archived_at IS NULL
  ON CONFLICT DO NOTHING;
