-- Text search of engagements (the list's `q`): an FTS5 index with the trigram tokenizer, so that any
-- part of a word of three or more characters matches ("traff" finds "trafficking"), case- and accent-
-- insensitively, without scanning the table. External content: the text lives once, in engagements;
-- triggers keep the index in step with every insert, update and delete.
CREATE VIRTUAL TABLE `engagements_fts` USING fts5(
	`title`, `purpose`, `summary`, `location`,
	content='engagements', content_rowid='id', tokenize='trigram remove_diacritics 1'
);
--> statement-breakpoint
CREATE TRIGGER `engagements_fts_after_insert` AFTER INSERT ON `engagements` BEGIN
	INSERT INTO `engagements_fts` (rowid, `title`, `purpose`, `summary`, `location`)
	VALUES (new.`id`, new.`title`, new.`purpose`, new.`summary`, new.`location`);
END;
--> statement-breakpoint
CREATE TRIGGER `engagements_fts_after_delete` AFTER DELETE ON `engagements` BEGIN
	INSERT INTO `engagements_fts` (`engagements_fts`, rowid, `title`, `purpose`, `summary`, `location`)
	VALUES ('delete', old.`id`, old.`title`, old.`purpose`, old.`summary`, old.`location`);
END;
--> statement-breakpoint
CREATE TRIGGER `engagements_fts_after_update` AFTER UPDATE OF `title`, `purpose`, `summary`, `location` ON `engagements` BEGIN
	INSERT INTO `engagements_fts` (`engagements_fts`, rowid, `title`, `purpose`, `summary`, `location`)
	VALUES ('delete', old.`id`, old.`title`, old.`purpose`, old.`summary`, old.`location`);
	INSERT INTO `engagements_fts` (rowid, `title`, `purpose`, `summary`, `location`)
	VALUES (new.`id`, new.`title`, new.`purpose`, new.`summary`, new.`location`);
END;
--> statement-breakpoint
INSERT INTO `engagements_fts` (`engagements_fts`) VALUES ('rebuild');
