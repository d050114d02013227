CREATE TABLE `inspection_reports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`title` text NOT NULL,
	`publisher_id` integer NOT NULL,
	`published_on` text NOT NULL,
	`link` text,
	`marking` text DEFAULT 'OFFICIAL' NOT NULL,
	`summary` text,
	`subject_force_id` integer,
	`response_received_on` text,
	`created_by_id` integer,
	`archived_at` text,
	`is_demo` integer DEFAULT false NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`publisher_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`subject_force_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `inspection_reports_published_idx` ON `inspection_reports` (`published_on`,`id`);--> statement-breakpoint
CREATE INDEX `inspection_reports_publisher_idx` ON `inspection_reports` (`publisher_id`);--> statement-breakpoint
CREATE TABLE `recommendation_addressees` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`recommendation_id` integer NOT NULL,
	`organisation_id` integer NOT NULL,
	`via_group` text,
	`status` text DEFAULT 'not_known' NOT NULL,
	`status_on` text,
	`source` text,
	`note` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`recommendation_id`) REFERENCES `recommendations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `recommendation_addressees_unique` ON `recommendation_addressees` (`recommendation_id`,`organisation_id`);--> statement-breakpoint
CREATE INDEX `recommendation_addressees_org_idx` ON `recommendation_addressees` (`organisation_id`,`status`);--> statement-breakpoint
CREATE INDEX `recommendation_addressees_status_idx` ON `recommendation_addressees` (`status`);--> statement-breakpoint
CREATE TABLE `recommendations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`report_id` integer NOT NULL,
	`number` text NOT NULL,
	`position` integer NOT NULL,
	`text` text NOT NULL,
	`kind` text NOT NULL,
	`due_on` text,
	`archived_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`report_id`) REFERENCES `inspection_reports`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `recommendations_report_number_unique` ON `recommendations` (`report_id`,lower("number"));--> statement-breakpoint
CREATE INDEX `recommendations_report_position_idx` ON `recommendations` (`report_id`,`position`);--> statement-breakpoint
CREATE TABLE `take_up_changes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`addressee_id` integer NOT NULL,
	`status` text NOT NULL,
	`status_on` text,
	`source` text,
	`note` text,
	`changed_at` text NOT NULL,
	`changed_by_id` integer,
	FOREIGN KEY (`addressee_id`) REFERENCES `recommendation_addressees`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`changed_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `take_up_changes_addressee_idx` ON `take_up_changes` (`addressee_id`,`id`);