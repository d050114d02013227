CREATE INDEX `actions_agenda_item_idx` ON `actions` (`agenda_item_id`);--> statement-breakpoint
CREATE INDEX `attendees_contact_idx` ON `attendees` (`contact_id`);