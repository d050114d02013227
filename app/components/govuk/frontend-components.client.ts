// The GOV.UK Frontend components this app's pages use, named one by one so the bundler leaves the others out.
export {
  Button,
  Checkboxes,
  createAll,
  ErrorSummary,
  ExitThisPage,
  NotificationBanner,
  Radios,
  ServiceNavigation,
  SkipLink,
} from "govuk-frontend";
