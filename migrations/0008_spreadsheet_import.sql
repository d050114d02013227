CREATE TABLE `import_mappings` (
	`kind` text PRIMARY KEY NOT NULL,
	`mapping` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by_id` integer,
	FOREIGN KEY (`updated_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `import_records` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`import_id` integer NOT NULL,
	`entity_type` text NOT NULL,
	`entity_id` integer NOT NULL,
	`source_row` integer NOT NULL,
	`fingerprint` text NOT NULL,
	FOREIGN KEY (`import_id`) REFERENCES `imports`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `import_records_import_idx` ON `import_records` (`import_id`);--> statement-breakpoint
CREATE INDEX `import_records_fingerprint_idx` ON `import_records` (`fingerprint`);--> statement-breakpoint
CREATE INDEX `import_records_entity_idx` ON `import_records` (`entity_type`,`entity_id`);--> statement-breakpoint
CREATE TABLE `imports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`file_name` text NOT NULL,
	`owner_user_id` integer NOT NULL,
	`headers` text NOT NULL,
	`rows` text NOT NULL,
	`notes` text DEFAULT '[]' NOT NULL,
	`mapping` text DEFAULT '{}' NOT NULL,
	`row_count` integer NOT NULL,
	`created_at` text NOT NULL,
	`expires_at` text NOT NULL,
	`saved_at` text,
	`result` text,
	`undone_at` text,
	`undone_by_id` integer,
	FOREIGN KEY (`owner_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`undone_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `imports_owner_idx` ON `imports` (`owner_user_id`,`id`);--> statement-breakpoint
CREATE INDEX `imports_status_expires_idx` ON `imports` (`status`,`expires_at`);--> statement-breakpoint
CREATE TABLE `organisation_aliases` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`alias` text NOT NULL,
	`organisation_id` integer NOT NULL,
	`created_at` text NOT NULL,
	`created_by_id` integer,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `organisation_aliases_alias_unique` ON `organisation_aliases` (`alias`);