-- Keeps the report builder's counters (db/schema/counts.ts, docs/decisions/0030) right on every write, in the
-- writer's own transaction, as migrations/0011_count-triggers.sql does for the pages' counters. Hand-written
-- (drizzle-kit generate --custom). Each unarchived engagement has a row in report_engagement_keys: the date, kind,
-- status, marking and set of kinds of organisation it is counted under. The triggers on that table move everything
-- the engagement counts for (itself and its actions in slice 0 and, per month, in each of its organisations' slices,
-- the actions there in facets 0 and 1 only; its organisation links) when the key comes, goes or changes; the triggers on the records only keep the key right and
-- add or take away the one action or link that changed, under the key as it stands. So a change of date, status,
-- kind, marking, archive or restore, or of an organisation's kind, moves the engagement's contribution, whatever
-- order rows are deleted in. AFTER triggers only (see 0011).
--
-- The back-fill comes first, while no trigger is there to fire per row: keys from the records, then each counter
-- table in one GROUP BY per slice (0, then the organisations').
INSERT INTO report_engagement_keys (engagement_id, date, kind, status, sensitive, org_kinds)
  SELECT e.id, e.date, e.kind, e.status, e.marking = 'OFFICIAL-SENSITIVE', coalesce((SELECT group_concat(ok.kind, ',') FROM (SELECT DISTINCT o.kind FROM engagement_organisations eo JOIN organisations o ON o.id = eo.organisation_id WHERE eo.engagement_id = e.id ORDER BY o.kind) ok), '') FROM engagements e WHERE e.archived_at IS NULL;
--> statement-breakpoint
INSERT INTO report_engagement_counts (grain, facet, slice, period, kind, org_kinds, status, sensitive, n)
  SELECT g.grain, f.facet, 0, CASE g.grain WHEN 'd' THEN k.date ELSE substr(k.date, 1, 7) END, CASE WHEN f.facet & 1 THEN k.kind ELSE '*' END, CASE WHEN f.facet & 2 THEN k.org_kinds ELSE '*' END, k.status, k.sensitive, count(*)
  FROM report_engagement_keys k JOIN (SELECT 'd' AS grain UNION ALL SELECT 'm' AS grain) g JOIN (SELECT 0 AS facet UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3) f WHERE true
  GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;
--> statement-breakpoint
INSERT INTO report_action_counts (grain, facet, slice, period, engagement_kind, org_kinds, action_kind, outcome, due_date, n)
  SELECT g.grain, f.facet, 0, CASE g.grain WHEN 'd' THEN k.date ELSE substr(k.date, 1, 7) END, CASE WHEN f.facet & 1 THEN k.kind ELSE '*' END, CASE WHEN f.facet & 2 THEN k.org_kinds ELSE '*' END, a.kind, CASE WHEN a.status IN ('open', 'in_progress') THEN 'outstanding' ELSE a.status END, CASE WHEN a.status IN ('open', 'in_progress') THEN coalesce(a.due_date, '') ELSE '' END, count(*)
  FROM report_engagement_keys k JOIN actions a ON a.engagement_id = k.engagement_id JOIN (SELECT 'd' AS grain UNION ALL SELECT 'm' AS grain) g JOIN (SELECT 0 AS facet UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3) f WHERE true
  GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9;
--> statement-breakpoint
INSERT INTO report_engagement_counts (grain, facet, slice, period, kind, org_kinds, status, sensitive, n)
  SELECT g.grain, f.facet, so.organisation_id, CASE g.grain WHEN 'd' THEN k.date ELSE substr(k.date, 1, 7) END, CASE WHEN f.facet & 1 THEN k.kind ELSE '*' END, CASE WHEN f.facet & 2 THEN k.org_kinds ELSE '*' END, k.status, k.sensitive, count(*)
  FROM report_engagement_keys k JOIN engagement_organisations so ON so.engagement_id = k.engagement_id JOIN (SELECT 'd' AS grain UNION ALL SELECT 'm' AS grain) g JOIN (SELECT 0 AS facet UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3) f WHERE g.grain = 'm'
  GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;
--> statement-breakpoint
INSERT INTO report_action_counts (grain, facet, slice, period, engagement_kind, org_kinds, action_kind, outcome, due_date, n)
  SELECT g.grain, f.facet, so.organisation_id, CASE g.grain WHEN 'd' THEN k.date ELSE substr(k.date, 1, 7) END, CASE WHEN f.facet & 1 THEN k.kind ELSE '*' END, CASE WHEN f.facet & 2 THEN k.org_kinds ELSE '*' END, a.kind, CASE WHEN a.status IN ('open', 'in_progress') THEN 'outstanding' ELSE a.status END, CASE WHEN a.status IN ('open', 'in_progress') THEN coalesce(a.due_date, '') ELSE '' END, count(*)
  FROM report_engagement_keys k JOIN engagement_organisations so ON so.engagement_id = k.engagement_id JOIN actions a ON a.engagement_id = k.engagement_id JOIN (SELECT 'd' AS grain UNION ALL SELECT 'm' AS grain) g JOIN (SELECT 0 AS facet UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3) f WHERE g.grain = 'm' AND f.facet < 2
  GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9;
--> statement-breakpoint
INSERT INTO report_organisation_counts (grain, facet, organisation_id, period, engagement_kind, org_kinds, n)
  SELECT g.grain, f.facet, eo.organisation_id, CASE g.grain WHEN 'd' THEN k.date ELSE substr(k.date, 1, 7) END, CASE WHEN f.facet & 1 THEN k.kind ELSE '*' END, CASE WHEN f.facet & 2 THEN k.org_kinds ELSE '*' END, count(*)
  FROM report_engagement_keys k JOIN engagement_organisations eo ON eo.engagement_id = k.engagement_id JOIN (SELECT 'd' AS grain UNION ALL SELECT 'm' AS grain) g JOIN (SELECT 0 AS facet UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3) f WHERE true
  GROUP BY 1, 2, 3, 4, 5, 6;
--> statement-breakpoint
CREATE TRIGGER `report_counts_key_insert` AFTER INSERT ON `report_engagement_keys`
BEGIN
  INSERT INTO report_engagement_counts (grain, facet, slice, period, kind, org_kinds, status, sensitive, n)
    SELECT g.grain, f.facet, s.slice, CASE g.grain WHEN 'd' THEN NEW.date ELSE substr(NEW.date, 1, 7) END, CASE WHEN f.facet & 1 THEN NEW.kind ELSE '*' END, CASE WHEN f.facet & 2 THEN NEW.org_kinds ELSE '*' END, NEW.status, NEW.sensitive, 1
    FROM (SELECT 0 AS slice UNION ALL SELECT so.organisation_id FROM engagement_organisations so WHERE so.engagement_id = NEW.engagement_id) s JOIN (SELECT 'd' AS grain UNION ALL SELECT 'm' AS grain) g JOIN (SELECT 0 AS facet UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3) f WHERE true AND (s.slice = 0 OR g.grain = 'm')
    ON CONFLICT (grain, facet, slice, period, kind, org_kinds, status, sensitive) DO UPDATE SET n = n + excluded.n;
  INSERT INTO report_action_counts (grain, facet, slice, period, engagement_kind, org_kinds, action_kind, outcome, due_date, n)
    SELECT g.grain, f.facet, s.slice, CASE g.grain WHEN 'd' THEN NEW.date ELSE substr(NEW.date, 1, 7) END, CASE WHEN f.facet & 1 THEN NEW.kind ELSE '*' END, CASE WHEN f.facet & 2 THEN NEW.org_kinds ELSE '*' END, a.kind, CASE WHEN a.status IN ('open', 'in_progress') THEN 'outstanding' ELSE a.status END, CASE WHEN a.status IN ('open', 'in_progress') THEN coalesce(a.due_date, '') ELSE '' END, 1 * count(*)
    FROM actions a JOIN (SELECT 0 AS slice UNION ALL SELECT so.organisation_id FROM engagement_organisations so WHERE so.engagement_id = NEW.engagement_id) s JOIN (SELECT 'd' AS grain UNION ALL SELECT 'm' AS grain) g JOIN (SELECT 0 AS facet UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3) f WHERE a.engagement_id = NEW.engagement_id AND true AND (s.slice = 0 OR (g.grain = 'm' AND f.facet < 2)) GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9
    ON CONFLICT (grain, facet, slice, period, engagement_kind, org_kinds, action_kind, outcome, due_date) DO UPDATE SET n = n + excluded.n;
  INSERT INTO report_organisation_counts (grain, facet, organisation_id, period, engagement_kind, org_kinds, n)
    SELECT g.grain, f.facet, eo.organisation_id, CASE g.grain WHEN 'd' THEN NEW.date ELSE substr(NEW.date, 1, 7) END, CASE WHEN f.facet & 1 THEN NEW.kind ELSE '*' END, CASE WHEN f.facet & 2 THEN NEW.org_kinds ELSE '*' END, 1
    FROM engagement_organisations eo JOIN (SELECT 'd' AS grain UNION ALL SELECT 'm' AS grain) g JOIN (SELECT 0 AS facet UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3) f WHERE eo.engagement_id = NEW.engagement_id AND true
    ON CONFLICT (grain, facet, organisation_id, period, engagement_kind, org_kinds) DO UPDATE SET n = n + excluded.n;
END;
--> statement-breakpoint
CREATE TRIGGER `report_counts_key_delete` AFTER DELETE ON `report_engagement_keys`
BEGIN
  INSERT INTO report_engagement_counts (grain, facet, slice, period, kind, org_kinds, status, sensitive, n)
    SELECT g.grain, f.facet, s.slice, CASE g.grain WHEN 'd' THEN OLD.date ELSE substr(OLD.date, 1, 7) END, CASE WHEN f.facet & 1 THEN OLD.kind ELSE '*' END, CASE WHEN f.facet & 2 THEN OLD.org_kinds ELSE '*' END, OLD.status, OLD.sensitive, -1
    FROM (SELECT 0 AS slice UNION ALL SELECT so.organisation_id FROM engagement_organisations so WHERE so.engagement_id = OLD.engagement_id) s JOIN (SELECT 'd' AS grain UNION ALL SELECT 'm' AS grain) g JOIN (SELECT 0 AS facet UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3) f WHERE true AND (s.slice = 0 OR g.grain = 'm')
    ON CONFLICT (grain, facet, slice, period, kind, org_kinds, status, sensitive) DO UPDATE SET n = n + excluded.n;
  INSERT INTO report_action_counts (grain, facet, slice, period, engagement_kind, org_kinds, action_kind, outcome, due_date, n)
    SELECT g.grain, f.facet, s.slice, CASE g.grain WHEN 'd' THEN OLD.date ELSE substr(OLD.date, 1, 7) END, CASE WHEN f.facet & 1 THEN OLD.kind ELSE '*' END, CASE WHEN f.facet & 2 THEN OLD.org_kinds ELSE '*' END, a.kind, CASE WHEN a.status IN ('open', 'in_progress') THEN 'outstanding' ELSE a.status END, CASE WHEN a.status IN ('open', 'in_progress') THEN coalesce(a.due_date, '') ELSE '' END, -1 * count(*)
    FROM actions a JOIN (SELECT 0 AS slice UNION ALL SELECT so.organisation_id FROM engagement_organisations so WHERE so.engagement_id = OLD.engagement_id) s JOIN (SELECT 'd' AS grain UNION ALL SELECT 'm' AS grain) g JOIN (SELECT 0 AS facet UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3) f WHERE a.engagement_id = OLD.engagement_id AND true AND (s.slice = 0 OR (g.grain = 'm' AND f.facet < 2)) GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9
    ON CONFLICT (grain, facet, slice, period, engagement_kind, org_kinds, action_kind, outcome, due_date) DO UPDATE SET n = n + excluded.n;
  INSERT INTO report_organisation_counts (grain, facet, organisation_id, period, engagement_kind, org_kinds, n)
    SELECT g.grain, f.facet, eo.organisation_id, CASE g.grain WHEN 'd' THEN OLD.date ELSE substr(OLD.date, 1, 7) END, CASE WHEN f.facet & 1 THEN OLD.kind ELSE '*' END, CASE WHEN f.facet & 2 THEN OLD.org_kinds ELSE '*' END, -1
    FROM engagement_organisations eo JOIN (SELECT 'd' AS grain UNION ALL SELECT 'm' AS grain) g JOIN (SELECT 0 AS facet UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3) f WHERE eo.engagement_id = OLD.engagement_id AND true
    ON CONFLICT (grain, facet, organisation_id, period, engagement_kind, org_kinds) DO UPDATE SET n = n + excluded.n;
END;
--> statement-breakpoint
CREATE TRIGGER `report_counts_key_update` AFTER UPDATE ON `report_engagement_keys`
BEGIN
  INSERT INTO report_engagement_counts (grain, facet, slice, period, kind, org_kinds, status, sensitive, n)
    SELECT g.grain, f.facet, s.slice, CASE g.grain WHEN 'd' THEN OLD.date ELSE substr(OLD.date, 1, 7) END, CASE WHEN f.facet & 1 THEN OLD.kind ELSE '*' END, CASE WHEN f.facet & 2 THEN OLD.org_kinds ELSE '*' END, OLD.status, OLD.sensitive, -1
    FROM (SELECT 0 AS slice UNION ALL SELECT so.organisation_id FROM engagement_organisations so WHERE so.engagement_id = OLD.engagement_id) s JOIN (SELECT 'd' AS grain UNION ALL SELECT 'm' AS grain) g JOIN (SELECT 0 AS facet UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3) f WHERE (OLD.date IS NOT NEW.date OR OLD.status IS NOT NEW.status OR OLD.sensitive IS NOT NEW.sensitive OR (f.facet & 1 AND OLD.kind IS NOT NEW.kind) OR (f.facet & 2 AND OLD.org_kinds IS NOT NEW.org_kinds)) AND (s.slice = 0 OR g.grain = 'm')
    ON CONFLICT (grain, facet, slice, period, kind, org_kinds, status, sensitive) DO UPDATE SET n = n + excluded.n;
  INSERT INTO report_action_counts (grain, facet, slice, period, engagement_kind, org_kinds, action_kind, outcome, due_date, n)
    SELECT g.grain, f.facet, s.slice, CASE g.grain WHEN 'd' THEN OLD.date ELSE substr(OLD.date, 1, 7) END, CASE WHEN f.facet & 1 THEN OLD.kind ELSE '*' END, CASE WHEN f.facet & 2 THEN OLD.org_kinds ELSE '*' END, a.kind, CASE WHEN a.status IN ('open', 'in_progress') THEN 'outstanding' ELSE a.status END, CASE WHEN a.status IN ('open', 'in_progress') THEN coalesce(a.due_date, '') ELSE '' END, -1 * count(*)
    FROM actions a JOIN (SELECT 0 AS slice UNION ALL SELECT so.organisation_id FROM engagement_organisations so WHERE so.engagement_id = OLD.engagement_id) s JOIN (SELECT 'd' AS grain UNION ALL SELECT 'm' AS grain) g JOIN (SELECT 0 AS facet UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3) f WHERE a.engagement_id = OLD.engagement_id AND (OLD.date IS NOT NEW.date OR (f.facet & 1 AND OLD.kind IS NOT NEW.kind) OR (f.facet & 2 AND OLD.org_kinds IS NOT NEW.org_kinds)) AND (s.slice = 0 OR (g.grain = 'm' AND f.facet < 2)) GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9
    ON CONFLICT (grain, facet, slice, period, engagement_kind, org_kinds, action_kind, outcome, due_date) DO UPDATE SET n = n + excluded.n;
  INSERT INTO report_organisation_counts (grain, facet, organisation_id, period, engagement_kind, org_kinds, n)
    SELECT g.grain, f.facet, eo.organisation_id, CASE g.grain WHEN 'd' THEN OLD.date ELSE substr(OLD.date, 1, 7) END, CASE WHEN f.facet & 1 THEN OLD.kind ELSE '*' END, CASE WHEN f.facet & 2 THEN OLD.org_kinds ELSE '*' END, -1
    FROM engagement_organisations eo JOIN (SELECT 'd' AS grain UNION ALL SELECT 'm' AS grain) g JOIN (SELECT 0 AS facet UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3) f WHERE eo.engagement_id = OLD.engagement_id AND (OLD.date IS NOT NEW.date OR (f.facet & 1 AND OLD.kind IS NOT NEW.kind) OR (f.facet & 2 AND OLD.org_kinds IS NOT NEW.org_kinds))
    ON CONFLICT (grain, facet, organisation_id, period, engagement_kind, org_kinds) DO UPDATE SET n = n + excluded.n;
  INSERT INTO report_engagement_counts (grain, facet, slice, period, kind, org_kinds, status, sensitive, n)
    SELECT g.grain, f.facet, s.slice, CASE g.grain WHEN 'd' THEN NEW.date ELSE substr(NEW.date, 1, 7) END, CASE WHEN f.facet & 1 THEN NEW.kind ELSE '*' END, CASE WHEN f.facet & 2 THEN NEW.org_kinds ELSE '*' END, NEW.status, NEW.sensitive, 1
    FROM (SELECT 0 AS slice UNION ALL SELECT so.organisation_id FROM engagement_organisations so WHERE so.engagement_id = NEW.engagement_id) s JOIN (SELECT 'd' AS grain UNION ALL SELECT 'm' AS grain) g JOIN (SELECT 0 AS facet UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3) f WHERE (OLD.date IS NOT NEW.date OR OLD.status IS NOT NEW.status OR OLD.sensitive IS NOT NEW.sensitive OR (f.facet & 1 AND OLD.kind IS NOT NEW.kind) OR (f.facet & 2 AND OLD.org_kinds IS NOT NEW.org_kinds)) AND (s.slice = 0 OR g.grain = 'm')
    ON CONFLICT (grain, facet, slice, period, kind, org_kinds, status, sensitive) DO UPDATE SET n = n + excluded.n;
  INSERT INTO report_action_counts (grain, facet, slice, period, engagement_kind, org_kinds, action_kind, outcome, due_date, n)
    SELECT g.grain, f.facet, s.slice, CASE g.grain WHEN 'd' THEN NEW.date ELSE substr(NEW.date, 1, 7) END, CASE WHEN f.facet & 1 THEN NEW.kind ELSE '*' END, CASE WHEN f.facet & 2 THEN NEW.org_kinds ELSE '*' END, a.kind, CASE WHEN a.status IN ('open', 'in_progress') THEN 'outstanding' ELSE a.status END, CASE WHEN a.status IN ('open', 'in_progress') THEN coalesce(a.due_date, '') ELSE '' END, 1 * count(*)
    FROM actions a JOIN (SELECT 0 AS slice UNION ALL SELECT so.organisation_id FROM engagement_organisations so WHERE so.engagement_id = NEW.engagement_id) s JOIN (SELECT 'd' AS grain UNION ALL SELECT 'm' AS grain) g JOIN (SELECT 0 AS facet UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3) f WHERE a.engagement_id = NEW.engagement_id AND (OLD.date IS NOT NEW.date OR (f.facet & 1 AND OLD.kind IS NOT NEW.kind) OR (f.facet & 2 AND OLD.org_kinds IS NOT NEW.org_kinds)) AND (s.slice = 0 OR (g.grain = 'm' AND f.facet < 2)) GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9
    ON CONFLICT (grain, facet, slice, period, engagement_kind, org_kinds, action_kind, outcome, due_date) DO UPDATE SET n = n + excluded.n;
  INSERT INTO report_organisation_counts (grain, facet, organisation_id, period, engagement_kind, org_kinds, n)
    SELECT g.grain, f.facet, eo.organisation_id, CASE g.grain WHEN 'd' THEN NEW.date ELSE substr(NEW.date, 1, 7) END, CASE WHEN f.facet & 1 THEN NEW.kind ELSE '*' END, CASE WHEN f.facet & 2 THEN NEW.org_kinds ELSE '*' END, 1
    FROM engagement_organisations eo JOIN (SELECT 'd' AS grain UNION ALL SELECT 'm' AS grain) g JOIN (SELECT 0 AS facet UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3) f WHERE eo.engagement_id = NEW.engagement_id AND (OLD.date IS NOT NEW.date OR (f.facet & 1 AND OLD.kind IS NOT NEW.kind) OR (f.facet & 2 AND OLD.org_kinds IS NOT NEW.org_kinds))
    ON CONFLICT (grain, facet, organisation_id, period, engagement_kind, org_kinds) DO UPDATE SET n = n + excluded.n;
END;
--> statement-breakpoint
CREATE TRIGGER `report_counts_engagement_insert` AFTER INSERT ON `engagements`
BEGIN
  INSERT INTO report_engagement_keys (engagement_id, date, kind, status, sensitive, org_kinds)
    SELECT NEW.id, NEW.date, NEW.kind, NEW.status, NEW.marking = 'OFFICIAL-SENSITIVE', coalesce((SELECT group_concat(ok.kind, ',') FROM (SELECT DISTINCT o.kind FROM engagement_organisations eo JOIN organisations o ON o.id = eo.organisation_id WHERE eo.engagement_id = NEW.id ORDER BY o.kind) ok), '') WHERE NEW.archived_at IS NULL;
END;
--> statement-breakpoint
CREATE TRIGGER `report_counts_engagement_update` AFTER UPDATE OF date, kind, status, marking, archived_at ON `engagements`
WHEN OLD.date IS NOT NEW.date OR OLD.kind IS NOT NEW.kind OR OLD.status IS NOT NEW.status OR OLD.marking IS NOT NEW.marking
  OR (OLD.archived_at IS NULL) <> (NEW.archived_at IS NULL)
BEGIN
  DELETE FROM report_engagement_keys WHERE engagement_id = OLD.id AND NEW.archived_at IS NOT NULL;
  UPDATE report_engagement_keys SET date = NEW.date, kind = NEW.kind, status = NEW.status, sensitive = NEW.marking = 'OFFICIAL-SENSITIVE'
    WHERE engagement_id = NEW.id AND NEW.archived_at IS NULL;
  INSERT INTO report_engagement_keys (engagement_id, date, kind, status, sensitive, org_kinds)
    SELECT NEW.id, NEW.date, NEW.kind, NEW.status, NEW.marking = 'OFFICIAL-SENSITIVE', coalesce((SELECT group_concat(ok.kind, ',') FROM (SELECT DISTINCT o.kind FROM engagement_organisations eo JOIN organisations o ON o.id = eo.organisation_id WHERE eo.engagement_id = NEW.id ORDER BY o.kind) ok), '') WHERE NEW.archived_at IS NULL AND NOT EXISTS (SELECT 1 FROM report_engagement_keys WHERE engagement_id = NEW.id);
END;
--> statement-breakpoint
CREATE TRIGGER `report_counts_engagement_delete` AFTER DELETE ON `engagements`
BEGIN
  DELETE FROM report_engagement_keys WHERE engagement_id = OLD.id;
END;
--> statement-breakpoint
CREATE TRIGGER `report_counts_action_insert` AFTER INSERT ON `actions`
BEGIN
  INSERT INTO report_action_counts (grain, facet, slice, period, engagement_kind, org_kinds, action_kind, outcome, due_date, n)
    SELECT g.grain, f.facet, s.slice, CASE g.grain WHEN 'd' THEN k.date ELSE substr(k.date, 1, 7) END, CASE WHEN f.facet & 1 THEN k.kind ELSE '*' END, CASE WHEN f.facet & 2 THEN k.org_kinds ELSE '*' END, NEW.kind, CASE WHEN NEW.status IN ('open', 'in_progress') THEN 'outstanding' ELSE NEW.status END, CASE WHEN NEW.status IN ('open', 'in_progress') THEN coalesce(NEW.due_date, '') ELSE '' END, 1
    FROM report_engagement_keys k JOIN (SELECT 0 AS slice UNION ALL SELECT so.organisation_id FROM engagement_organisations so WHERE so.engagement_id = NEW.engagement_id) s JOIN (SELECT 'd' AS grain UNION ALL SELECT 'm' AS grain) g JOIN (SELECT 0 AS facet UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3) f WHERE k.engagement_id = NEW.engagement_id AND (s.slice = 0 OR (g.grain = 'm' AND f.facet < 2))
    ON CONFLICT (grain, facet, slice, period, engagement_kind, org_kinds, action_kind, outcome, due_date) DO UPDATE SET n = n + excluded.n;
END;
--> statement-breakpoint
CREATE TRIGGER `report_counts_action_delete` AFTER DELETE ON `actions`
BEGIN
  INSERT INTO report_action_counts (grain, facet, slice, period, engagement_kind, org_kinds, action_kind, outcome, due_date, n)
    SELECT g.grain, f.facet, s.slice, CASE g.grain WHEN 'd' THEN k.date ELSE substr(k.date, 1, 7) END, CASE WHEN f.facet & 1 THEN k.kind ELSE '*' END, CASE WHEN f.facet & 2 THEN k.org_kinds ELSE '*' END, OLD.kind, CASE WHEN OLD.status IN ('open', 'in_progress') THEN 'outstanding' ELSE OLD.status END, CASE WHEN OLD.status IN ('open', 'in_progress') THEN coalesce(OLD.due_date, '') ELSE '' END, -1
    FROM report_engagement_keys k JOIN (SELECT 0 AS slice UNION ALL SELECT so.organisation_id FROM engagement_organisations so WHERE so.engagement_id = OLD.engagement_id) s JOIN (SELECT 'd' AS grain UNION ALL SELECT 'm' AS grain) g JOIN (SELECT 0 AS facet UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3) f WHERE k.engagement_id = OLD.engagement_id AND (s.slice = 0 OR (g.grain = 'm' AND f.facet < 2))
    ON CONFLICT (grain, facet, slice, period, engagement_kind, org_kinds, action_kind, outcome, due_date) DO UPDATE SET n = n + excluded.n;
END;
--> statement-breakpoint
CREATE TRIGGER `report_counts_action_update` AFTER UPDATE OF engagement_id, kind, status, due_date ON `actions`
WHEN OLD.engagement_id IS NOT NEW.engagement_id OR OLD.kind IS NOT NEW.kind OR OLD.status IS NOT NEW.status OR OLD.due_date IS NOT NEW.due_date
BEGIN
  INSERT INTO report_action_counts (grain, facet, slice, period, engagement_kind, org_kinds, action_kind, outcome, due_date, n)
    SELECT g.grain, f.facet, s.slice, CASE g.grain WHEN 'd' THEN k.date ELSE substr(k.date, 1, 7) END, CASE WHEN f.facet & 1 THEN k.kind ELSE '*' END, CASE WHEN f.facet & 2 THEN k.org_kinds ELSE '*' END, OLD.kind, CASE WHEN OLD.status IN ('open', 'in_progress') THEN 'outstanding' ELSE OLD.status END, CASE WHEN OLD.status IN ('open', 'in_progress') THEN coalesce(OLD.due_date, '') ELSE '' END, -1
    FROM report_engagement_keys k JOIN (SELECT 0 AS slice UNION ALL SELECT so.organisation_id FROM engagement_organisations so WHERE so.engagement_id = OLD.engagement_id) s JOIN (SELECT 'd' AS grain UNION ALL SELECT 'm' AS grain) g JOIN (SELECT 0 AS facet UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3) f WHERE k.engagement_id = OLD.engagement_id AND (s.slice = 0 OR (g.grain = 'm' AND f.facet < 2))
    ON CONFLICT (grain, facet, slice, period, engagement_kind, org_kinds, action_kind, outcome, due_date) DO UPDATE SET n = n + excluded.n;
  INSERT INTO report_action_counts (grain, facet, slice, period, engagement_kind, org_kinds, action_kind, outcome, due_date, n)
    SELECT g.grain, f.facet, s.slice, CASE g.grain WHEN 'd' THEN k.date ELSE substr(k.date, 1, 7) END, CASE WHEN f.facet & 1 THEN k.kind ELSE '*' END, CASE WHEN f.facet & 2 THEN k.org_kinds ELSE '*' END, NEW.kind, CASE WHEN NEW.status IN ('open', 'in_progress') THEN 'outstanding' ELSE NEW.status END, CASE WHEN NEW.status IN ('open', 'in_progress') THEN coalesce(NEW.due_date, '') ELSE '' END, 1
    FROM report_engagement_keys k JOIN (SELECT 0 AS slice UNION ALL SELECT so.organisation_id FROM engagement_organisations so WHERE so.engagement_id = NEW.engagement_id) s JOIN (SELECT 'd' AS grain UNION ALL SELECT 'm' AS grain) g JOIN (SELECT 0 AS facet UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3) f WHERE k.engagement_id = NEW.engagement_id AND (s.slice = 0 OR (g.grain = 'm' AND f.facet < 2))
    ON CONFLICT (grain, facet, slice, period, engagement_kind, org_kinds, action_kind, outcome, due_date) DO UPDATE SET n = n + excluded.n;
END;
--> statement-breakpoint
CREATE TRIGGER `report_counts_engagement_organisation_insert` AFTER INSERT ON `engagement_organisations`
BEGIN
  INSERT INTO report_organisation_counts (grain, facet, organisation_id, period, engagement_kind, org_kinds, n)
    SELECT g.grain, f.facet, eo.organisation_id, CASE g.grain WHEN 'd' THEN k.date ELSE substr(k.date, 1, 7) END, CASE WHEN f.facet & 1 THEN k.kind ELSE '*' END, CASE WHEN f.facet & 2 THEN k.org_kinds ELSE '*' END, 1
    FROM report_engagement_keys k JOIN (SELECT NEW.organisation_id AS organisation_id) eo JOIN (SELECT 'd' AS grain UNION ALL SELECT 'm' AS grain) g JOIN (SELECT 0 AS facet UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3) f WHERE k.engagement_id = NEW.engagement_id
    ON CONFLICT (grain, facet, organisation_id, period, engagement_kind, org_kinds) DO UPDATE SET n = n + excluded.n;
  INSERT INTO report_engagement_counts (grain, facet, slice, period, kind, org_kinds, status, sensitive, n)
    SELECT g.grain, f.facet, s.slice, CASE g.grain WHEN 'd' THEN k.date ELSE substr(k.date, 1, 7) END, CASE WHEN f.facet & 1 THEN k.kind ELSE '*' END, CASE WHEN f.facet & 2 THEN k.org_kinds ELSE '*' END, k.status, k.sensitive, 1
    FROM report_engagement_keys k JOIN (SELECT NEW.organisation_id AS slice) s JOIN (SELECT 'd' AS grain UNION ALL SELECT 'm' AS grain) g JOIN (SELECT 0 AS facet UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3) f WHERE k.engagement_id = NEW.engagement_id AND (s.slice = 0 OR g.grain = 'm')
    ON CONFLICT (grain, facet, slice, period, kind, org_kinds, status, sensitive) DO UPDATE SET n = n + excluded.n;
  INSERT INTO report_action_counts (grain, facet, slice, period, engagement_kind, org_kinds, action_kind, outcome, due_date, n)
    SELECT g.grain, f.facet, s.slice, CASE g.grain WHEN 'd' THEN k.date ELSE substr(k.date, 1, 7) END, CASE WHEN f.facet & 1 THEN k.kind ELSE '*' END, CASE WHEN f.facet & 2 THEN k.org_kinds ELSE '*' END, a.kind, CASE WHEN a.status IN ('open', 'in_progress') THEN 'outstanding' ELSE a.status END, CASE WHEN a.status IN ('open', 'in_progress') THEN coalesce(a.due_date, '') ELSE '' END, 1 * count(*)
    FROM report_engagement_keys k JOIN actions a ON a.engagement_id = k.engagement_id JOIN (SELECT NEW.organisation_id AS slice) s JOIN (SELECT 'd' AS grain UNION ALL SELECT 'm' AS grain) g JOIN (SELECT 0 AS facet UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3) f WHERE k.engagement_id = NEW.engagement_id AND (s.slice = 0 OR (g.grain = 'm' AND f.facet < 2)) GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9
    ON CONFLICT (grain, facet, slice, period, engagement_kind, org_kinds, action_kind, outcome, due_date) DO UPDATE SET n = n + excluded.n;
  UPDATE report_engagement_keys SET org_kinds = coalesce((SELECT group_concat(ok.kind, ',') FROM (SELECT DISTINCT o.kind FROM engagement_organisations eo JOIN organisations o ON o.id = eo.organisation_id WHERE eo.engagement_id = report_engagement_keys.engagement_id ORDER BY o.kind) ok), '')
    WHERE engagement_id = NEW.engagement_id AND org_kinds IS NOT coalesce((SELECT group_concat(ok.kind, ',') FROM (SELECT DISTINCT o.kind FROM engagement_organisations eo JOIN organisations o ON o.id = eo.organisation_id WHERE eo.engagement_id = report_engagement_keys.engagement_id ORDER BY o.kind) ok), '');
END;
--> statement-breakpoint
CREATE TRIGGER `report_counts_engagement_organisation_delete` AFTER DELETE ON `engagement_organisations`
BEGIN
  INSERT INTO report_organisation_counts (grain, facet, organisation_id, period, engagement_kind, org_kinds, n)
    SELECT g.grain, f.facet, eo.organisation_id, CASE g.grain WHEN 'd' THEN k.date ELSE substr(k.date, 1, 7) END, CASE WHEN f.facet & 1 THEN k.kind ELSE '*' END, CASE WHEN f.facet & 2 THEN k.org_kinds ELSE '*' END, -1
    FROM report_engagement_keys k JOIN (SELECT OLD.organisation_id AS organisation_id) eo JOIN (SELECT 'd' AS grain UNION ALL SELECT 'm' AS grain) g JOIN (SELECT 0 AS facet UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3) f WHERE k.engagement_id = OLD.engagement_id
    ON CONFLICT (grain, facet, organisation_id, period, engagement_kind, org_kinds) DO UPDATE SET n = n + excluded.n;
  INSERT INTO report_engagement_counts (grain, facet, slice, period, kind, org_kinds, status, sensitive, n)
    SELECT g.grain, f.facet, s.slice, CASE g.grain WHEN 'd' THEN k.date ELSE substr(k.date, 1, 7) END, CASE WHEN f.facet & 1 THEN k.kind ELSE '*' END, CASE WHEN f.facet & 2 THEN k.org_kinds ELSE '*' END, k.status, k.sensitive, -1
    FROM report_engagement_keys k JOIN (SELECT OLD.organisation_id AS slice) s JOIN (SELECT 'd' AS grain UNION ALL SELECT 'm' AS grain) g JOIN (SELECT 0 AS facet UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3) f WHERE k.engagement_id = OLD.engagement_id AND (s.slice = 0 OR g.grain = 'm')
    ON CONFLICT (grain, facet, slice, period, kind, org_kinds, status, sensitive) DO UPDATE SET n = n + excluded.n;
  INSERT INTO report_action_counts (grain, facet, slice, period, engagement_kind, org_kinds, action_kind, outcome, due_date, n)
    SELECT g.grain, f.facet, s.slice, CASE g.grain WHEN 'd' THEN k.date ELSE substr(k.date, 1, 7) END, CASE WHEN f.facet & 1 THEN k.kind ELSE '*' END, CASE WHEN f.facet & 2 THEN k.org_kinds ELSE '*' END, a.kind, CASE WHEN a.status IN ('open', 'in_progress') THEN 'outstanding' ELSE a.status END, CASE WHEN a.status IN ('open', 'in_progress') THEN coalesce(a.due_date, '') ELSE '' END, -1 * count(*)
    FROM report_engagement_keys k JOIN actions a ON a.engagement_id = k.engagement_id JOIN (SELECT OLD.organisation_id AS slice) s JOIN (SELECT 'd' AS grain UNION ALL SELECT 'm' AS grain) g JOIN (SELECT 0 AS facet UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3) f WHERE k.engagement_id = OLD.engagement_id AND (s.slice = 0 OR (g.grain = 'm' AND f.facet < 2)) GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9
    ON CONFLICT (grain, facet, slice, period, engagement_kind, org_kinds, action_kind, outcome, due_date) DO UPDATE SET n = n + excluded.n;
  UPDATE report_engagement_keys SET org_kinds = coalesce((SELECT group_concat(ok.kind, ',') FROM (SELECT DISTINCT o.kind FROM engagement_organisations eo JOIN organisations o ON o.id = eo.organisation_id WHERE eo.engagement_id = report_engagement_keys.engagement_id ORDER BY o.kind) ok), '')
    WHERE engagement_id = OLD.engagement_id AND org_kinds IS NOT coalesce((SELECT group_concat(ok.kind, ',') FROM (SELECT DISTINCT o.kind FROM engagement_organisations eo JOIN organisations o ON o.id = eo.organisation_id WHERE eo.engagement_id = report_engagement_keys.engagement_id ORDER BY o.kind) ok), '');
END;
--> statement-breakpoint
CREATE TRIGGER `report_counts_organisation_kind` AFTER UPDATE OF kind ON `organisations`
WHEN OLD.kind IS NOT NEW.kind
BEGIN
  UPDATE report_engagement_keys SET org_kinds = coalesce((SELECT group_concat(ok.kind, ',') FROM (SELECT DISTINCT o.kind FROM engagement_organisations eo JOIN organisations o ON o.id = eo.organisation_id WHERE eo.engagement_id = report_engagement_keys.engagement_id ORDER BY o.kind) ok), '')
    WHERE engagement_id IN (SELECT engagement_id FROM engagement_organisations WHERE organisation_id = NEW.id) AND org_kinds IS NOT coalesce((SELECT group_concat(ok.kind, ',') FROM (SELECT DISTINCT o.kind FROM engagement_organisations eo JOIN organisations o ON o.id = eo.organisation_id WHERE eo.engagement_id = report_engagement_keys.engagement_id ORDER BY o.kind) ok), '');
END;
--> statement-breakpoint
CREATE TRIGGER `report_engagement_counts_drop_nought` AFTER UPDATE OF n ON `report_engagement_counts`
WHEN NEW.n = 0
BEGIN
  DELETE FROM report_engagement_counts WHERE rowid = NEW.rowid;
END;
--> statement-breakpoint
CREATE TRIGGER `report_action_counts_drop_nought` AFTER UPDATE OF n ON `report_action_counts`
WHEN NEW.n = 0
BEGIN
  DELETE FROM report_action_counts WHERE rowid = NEW.rowid;
END;
--> statement-breakpoint
CREATE TRIGGER `report_organisation_counts_drop_nought` AFTER UPDATE OF n ON `report_organisation_counts`
WHEN NEW.n = 0
BEGIN
  DELETE FROM report_organisation_counts WHERE rowid = NEW.rowid;
END;
