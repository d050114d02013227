CREATE TABLE `report_action_counts` (
	`grain` text NOT NULL,
	`facet` integer NOT NULL,
	`slice` integer NOT NULL,
	`period` text NOT NULL,
	`engagement_kind` text NOT NULL,
	`org_kinds` text NOT NULL,
	`action_kind` text NOT NULL,
	`outcome` text NOT NULL,
	`due_date` text NOT NULL,
	`n` integer NOT NULL,
	PRIMARY KEY(`grain`, `facet`, `slice`, `period`, `engagement_kind`, `org_kinds`, `action_kind`, `outcome`, `due_date`)
);
--> statement-breakpoint
CREATE INDEX `report_action_counts_period_idx` ON `report_action_counts` (`grain`,`facet`,`slice`,`period`,`engagement_kind`,`org_kinds`,`action_kind`,`outcome`,`due_date`,`n`);--> statement-breakpoint
CREATE TABLE `report_engagement_counts` (
	`grain` text NOT NULL,
	`facet` integer NOT NULL,
	`slice` integer NOT NULL,
	`period` text NOT NULL,
	`kind` text NOT NULL,
	`org_kinds` text NOT NULL,
	`status` text NOT NULL,
	`sensitive` integer NOT NULL,
	`n` integer NOT NULL,
	PRIMARY KEY(`grain`, `facet`, `slice`, `period`, `kind`, `org_kinds`, `status`, `sensitive`)
);
--> statement-breakpoint
CREATE INDEX `report_engagement_counts_period_idx` ON `report_engagement_counts` (`grain`,`facet`,`slice`,`period`,`kind`,`org_kinds`,`status`,`sensitive`,`n`);--> statement-breakpoint
CREATE TABLE `report_engagement_keys` (
	`engagement_id` integer PRIMARY KEY NOT NULL,
	`date` text NOT NULL,
	`kind` text NOT NULL,
	`status` text NOT NULL,
	`sensitive` integer NOT NULL,
	`org_kinds` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `report_organisation_counts` (
	`grain` text NOT NULL,
	`facet` integer NOT NULL,
	`organisation_id` integer NOT NULL,
	`period` text NOT NULL,
	`engagement_kind` text NOT NULL,
	`org_kinds` text NOT NULL,
	`n` integer NOT NULL,
	PRIMARY KEY(`grain`, `facet`, `organisation_id`, `period`, `engagement_kind`, `org_kinds`)
);
--> statement-breakpoint
CREATE INDEX `report_organisation_counts_period_idx` ON `report_organisation_counts` (`grain`,`facet`,`organisation_id`,`period`,`engagement_kind`,`org_kinds`,`n`);