CREATE TABLE `engagement_day_counts` (
	`date` text NOT NULL,
	`kind` text NOT NULL,
	`n` integer NOT NULL,
	PRIMARY KEY(`date`, `kind`)
);
--> statement-breakpoint
CREATE TABLE `organisation_engagement_dates` (
	`organisation_id` integer NOT NULL,
	`status` text NOT NULL,
	`date` text NOT NULL,
	`engagement_id` integer NOT NULL,
	PRIMARY KEY(`organisation_id`, `status`, `date`, `engagement_id`)
);
--> statement-breakpoint
CREATE INDEX `organisation_engagement_dates_engagement_idx` ON `organisation_engagement_dates` (`engagement_id`);--> statement-breakpoint
CREATE TABLE `outstanding_action_counts` (
	`theme_id` integer NOT NULL,
	`person_id` integer NOT NULL,
	`kind` text NOT NULL,
	`status` text NOT NULL,
	`owner_user_id` integer NOT NULL,
	`owner_type` text NOT NULL,
	`organisation_id` integer NOT NULL,
	`dated` integer NOT NULL,
	`n` integer NOT NULL,
	PRIMARY KEY(`theme_id`, `person_id`, `kind`, `status`, `owner_user_id`, `owner_type`, `organisation_id`, `dated`)
);
--> statement-breakpoint
CREATE INDEX `outstanding_action_counts_slice_idx` ON `outstanding_action_counts` (`theme_id`,`person_id`,`kind`,`status`,`owner_user_id`,`owner_type`,`organisation_id`,`dated`,`n`);--> statement-breakpoint
CREATE TABLE `outstanding_action_due_counts` (
	`facet` text NOT NULL,
	`value` text NOT NULL,
	`due_date` text NOT NULL,
	`n` integer NOT NULL,
	PRIMARY KEY(`facet`, `value`, `due_date`)
);
--> statement-breakpoint
CREATE INDEX `outstanding_action_due_counts_facet_due_idx` ON `outstanding_action_due_counts` (`facet`,`due_date`,`value`,`n`);