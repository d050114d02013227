CREATE TABLE `recommendation_links` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`recommendation_id` integer NOT NULL,
	`engagement_id` integer NOT NULL,
	`agenda_item_id` integer,
	`action_id` integer,
	`created_at` text NOT NULL,
	FOREIGN KEY (`recommendation_id`) REFERENCES `recommendations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`engagement_id`) REFERENCES `engagements`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`agenda_item_id`) REFERENCES `agenda_items`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`action_id`) REFERENCES `actions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `recommendation_links_recommendation_idx` ON `recommendation_links` (`recommendation_id`,`engagement_id`);--> statement-breakpoint
CREATE INDEX `recommendation_links_engagement_idx` ON `recommendation_links` (`engagement_id`);--> statement-breakpoint
CREATE INDEX `recommendation_links_agenda_item_idx` ON `recommendation_links` (`agenda_item_id`);--> statement-breakpoint
CREATE INDEX `recommendation_links_action_idx` ON `recommendation_links` (`action_id`);--> statement-breakpoint
ALTER TABLE `recommendation_addressees` ADD `archived_at` text;--> statement-breakpoint
ALTER TABLE `take_up_changes` ADD `change` text DEFAULT 'status' NOT NULL;