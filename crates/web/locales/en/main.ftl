# Gatelangs – English

skip-to-content = Skip to main content
nav-label = Main menu
nav-home = Home
nav-audit-log = Audit log
nav-security = Sign-in and security
nav-log-out = Log out
footer-text = Gatelangs – records and statistics for outreach youth work

form-errors-heading = Please correct the following
error-title = Something went wrong
error-back-home = Go to the start page
error-not-found = The page or record does not exist.
error-forbidden = You do not have access to this.
error-bad-request = The request is not valid.
error-bad-form = The form has missing or invalid fields.
error-too-large = The request is too large.
error-content-type = Wrong content type: send a form or JSON.
error-method-not-allowed = This action is not allowed here.
error-conflict = This already exists.
error-too-many-attempts = Too many attempts. Wait a few minutes and try again.
error-unavailable = The service is temporarily unavailable. Try again shortly.
error-internal = An unexpected error occurred. It has been logged.
error-unauthenticated = You need to log in.
error-login-failed = Wrong username or password.

role-field-worker = Field worker
role-leader = Leader
role-admin = Administrator
role-analyst = Analyst

login-title = Log in
login-expired = Your session has expired. Please log in again.
login-setup-done = The service has been created. Log in with the user you just made.
login-demo-notice = This is a demo. Usernames and passwords were printed when the server started. Two-factor sign-in is off in the demo service, so you get straight in.
login-submit = Log in
field-username = Username
field-password = Password
field-code = Code
field-name = Full name
field-new-password = New password
field-password-hint = At least 12 characters. Several words work well; common passwords are refused.
field-password-again = Repeat the password

second-factor-title = Confirm it is you
second-factor-help = Enter the six-digit code from your authenticator app, or one of your recovery codes.
second-factor-submit = Confirm
second-factor-cancel = Cancel and log out
second-factor-wrong = The code is wrong or has already been used.

enrol-title = Two-factor sign-in
enrol-already = Two-factor sign-in is on for your account.
enrol-required = The service requires two-factor sign-in because you can see personal data. Set it up before you continue.
enrol-step-app = Open an authenticator app on your phone (for example Microsoft Authenticator or Google Authenticator).
enrol-step-scan = Scan the QR code with the app.
enrol-manual = Cannot scan? Enter this key:
enrol-step-code = Enter the code the app shows.
enrol-submit = Turn on two-factor sign-in
enrol-wrong-code = The code does not match. Check that the phone's clock is right and try a new code.
enrol-qr-label = QR code to add Gatelangs to the authenticator app

recovery-title = Recovery codes
recovery-enrolled = Two-factor sign-in is on.
recovery-help = Write these codes down and keep them safe. Each code works once if you lose your phone. They are shown only now.
recovery-continue = Continue

setup-title = Set up Gatelangs
setup-intro = Create the service and its first administrator. This link works only once.
setup-service = The service
setup-admin = First administrator
setup-submit = Create
field-service-name = Name of the service
field-slug = Short name
field-slug-hint = Lowercase letters, digits and hyphens, for example out-lillestrom.
field-municipality = Municipality number
field-municipality-hint = Four digits, for example 3205 for Lillestrøm. May be left empty.
setup-invalid-link = The setup link is invalid or has already been used.
setup-passwords-differ = The passwords do not match.
setup-bad-slug = The short name may only hold lowercase letters a–z, digits and hyphens (2–64 characters).
setup-bad-service-name = Enter the name of the service.
setup-bad-municipality = The municipality number must have four digits, for example 3205.
setup-bad-name = Enter the full name.
setup-bad-username = The username may only hold lowercase letters a–z, digits, dots, underscores and hyphens (2–64 characters).
setup-taken = The short name or the username is already in use.
password-too-short = The password must have at least 12 characters.
password-too-common = The password is too common or too easy to guess. Several words work well.

home-title = Home
home-welcome = Hello, { $name }
home-service = Service
home-role = Role
home-two-factor = Two-factor sign-in
home-two-factor-on = On
home-two-factor-off = Off
home-audit-link = See the log of sign-ins and access

audit-title = Audit log
audit-intro = Every sign-in, change of users and access to personal data in the service. The log cannot be changed.
audit-filter-user = User
audit-filter-all-users = All users
audit-filter-from = From date
audit-filter-to = To date (inclusive)
audit-filter-submit = Show
audit-count = { $count ->
    [one] Showing one event.
   *[other] Showing { $count } events.
}
audit-col-time = Time
audit-col-user = User
audit-col-action = Event
audit-col-subject = Concerns
audit-col-detail = Details
audit-bad-date = Write the date as 26.11.2026.

nav-field = Register contacts
nav-contacts = Contacts
nav-report = Report
nav-places = Places
nav-import = Import and export

age-primary-school = Under 13
age-lower-secondary = 13–15
age-upper-secondary = 16–18
age-young-adult = 19–24
age-unknown = Age unknown
gender-male = Boy
gender-female = Girl
gender-other = Other gender
gender-unknown = Gender unknown
channel-street = Street
channel-school = School
channel-digital = Digital
kind-school = School
kind-street = Street area
kind-transit = Transit hub
kind-youth-club = Youth club
kind-mall = Shopping centre
kind-digital = Digital platform
kind-other = Other
level-primary = Primary school
level-lower-secondary = Lower secondary
level-upper-secondary = Upper secondary
band-day = Day (weekdays 08–16)
band-evening = Evening (weekdays 16–24)
band-weekend = Weekend (08–24)
band-night = Night (00–08)
topic-substance-use = Substance use
topic-violence = Violence
topic-crime = Crime
topic-mental-health = Mental health
topic-school = School
topic-family = Family
topic-digital = Digital
topic-other = Other
weekday-mon = Monday
weekday-tue = Tuesday
weekday-wed = Wednesday
weekday-thu = Thursday
weekday-fri = Friday
weekday-sat = Saturday
weekday-sun = Sunday
month-01 = January
month-02 = February
month-03 = March
month-04 = April
month-05 = May
month-06 = June
month-07 = July
month-08 = August
month-09 = September
month-10 = October
month-11 = November
month-12 = December

contact-in-future = The time is in the future. Check the phone's clock.
contact-too-old = The registration is too old to send here. Enter it in the shift table.
contact-unknown-place = The place does not exist (any more) in the service.
contact-not-found = The registration does not exist.
contact-not-yours = You can only undo or correct your own registrations, and only for a while.
contact-bad-time = The time is not valid.
contact-bad-code = A code (channel, age, gender or topic) is not valid.
contact-bad-count = The count must be between 1 and 500.
contact-too-many = Too many registrations in one request.
error-bad-date = Write the date as 26.11.2026.

field-title = Register contacts
field-registered = Registered.
field-no-places = The service has no places yet. A leader or administrator adds them under Places.
field-place = Place
field-channel = Channel
field-count = Number of youths
field-count-other = Other number
field-topics = Topics (optional)
field-topics-hint = Topics only – never names or anything that could identify anyone.
field-grid-caption = Tap once per contact: age and gender
field-shift-list = This shift
field-shift-table-link = Enter a whole shift in a table
field-pending = { $count } waiting for the network
field-all-sent = Everything is sent.
field-login-to-send = Log in again to send { $count } waiting.
field-undo = Undo
field-undone = Undone
field-waiting = waiting
field-sent = sent
field-rejected = rejected

places-title = Places
places-intro = Districts and places where the team meets young people. Digital platforms (Snapchat, Instagram, gaming) are places of the kind digital platform. A place with registered contacts can be archived but not deleted.
places-saved = Saved.
places-archived = archived
places-archive = Archive
places-restore = Restore
places-none = No places in the district yet.
places-name = Name
places-kind = Kind
places-level = School level
places-coordinates = Coordinates
places-actions = Actions
places-edit = Edit
places-up = Move up
places-down = Move down
places-delete = Delete
places-add-district = Add district
places-district-name = Name of the district
places-add-place = Add place
places-district = District
places-lat = Latitude (optional)
places-lon = Longitude (optional)
places-edit-title = Edit place
places-save = Save
places-back = Back to places
places-bad-district = Choose a district.
places-bad-name = Enter a name (at most 200 characters).
places-bad-kind = Choose a kind and, if any, a school level from the list.
places-bad-coordinates = Write coordinates as decimal numbers, for example 59.955 and 11.049 – both or neither.
places-name-taken = The name is already used in the service.
places-has-contacts = The place has registered contacts and cannot be deleted. Archive it instead.

contacts-title = Contacts
contacts-any = All
contacts-staff = Registered by
contacts-age = Age
contacts-gender = Gender
contacts-number = Number
contacts-topics = Topics (codes separated by ;)
contacts-delete = Delete
contacts-back = Back to contacts
contacts-count = { $count ->
    [one] One registration.
   *[other] { $count } registrations.
}
contacts-total = { $total } young people in all.
contacts-saved = { $count ->
    [0] Saved.
    [one] Saved: one young person.
   *[other] Saved: { $count } young people.
}
contact-edit-title = Correct a contact
contact-edit-invalid = Check the date, time, place and number.
shift-title = Enter a shift
shift-intro = Enter the number of young people per age and gender for a place and a time. Empty fields count as zero.
shift-date = Date
shift-time = Time
shift-caption = Number of young people by age and gender
shift-submit = Save the shift
shift-channel-from-place = From the place
shift-bad-time = Enter the date and time.
shift-empty = Enter at least one number.

report-title = Report: outreach field work
report-year = Year
report-bad-year = Enter a year, for example 2024.
report-summary = Contacts in all: { $total }.
report-previous = The year before: { $previous }.
report-places = Contacts per district and place
report-channels = Street and school against digital
report-street-school = On the street or at schools: { $count }.
report-digital = Digital: { $count }.
report-age-gender = Contacts by age and gender
report-age-gender-desc = Horizontal bars, one per combination of age group and gender, with the number written beside the bar.
report-months = Contacts per month
report-months-desc = Horizontal bars, one per month, with the number written beside the bar.
report-heat = Weekday and time of day
report-heat-desc = Contacts per weekday and time band. Darker cells have more contacts; the number is in every cell.
report-download = Download
report-month = Month

import-title = Import and export
import-intro = Upload a .zip of CSV files (services.csv, staff.csv, places.csv, contacts.csv) as the interchange contract describes. If anything is wrong, every problem is shown with its file and line, and nothing is saved.
import-file = File (.zip)
import-submit = Import
import-no-file = Choose a .zip file.
import-nothing-written = Nothing was imported.
import-problems = { $count ->
    [one] One problem
   *[other] { $count } problems
}
import-done = Imported:
import-counts = new / already present: { $counts }
import-skipped = not imported – this version does not read the file yet
export-title = Export
export-year = Only this year (optional)
export-submit = Download .zip
gender-short-male = Boy
gender-short-female = Girl
gender-short-other = Other
gender-short-unknown = Unknown
