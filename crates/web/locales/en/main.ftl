# Gatelangs – English

skip-to-content = Skip to main content
nav-label = Main menu
nav-menu = Menu
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
contact-too-old = The registration is more than 400 days old. Contacts that old are brought in by importing a file (administrator).
contact-id-taken = The registration has an id that is already in use and was not stored. Register the contact again.
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
export-title = Export
export-year = Only this year (optional)
export-submit = Download .zip
gender-short-male = Boy
gender-short-female = Girl
gender-short-other = Other
gender-short-unknown = Unknown

# Youths and the follow-up journal
contacts-follow-up = Follow up
nav-youths = Youths
error-leader-only = Only a leader can do this.
error-no-personal-data = Your role gives no access to personal data.
error-record-blocked = The youth has blocked this record for you. You cannot open it, not even with emergency access.
error-record-need-to-know = You are not a contact person of this youth. Search by full name and birth date and ask for emergency access if you need the record now.
date-hint = Write the date as dd.mm.yyyy, for example 26.11.2026.
youths-title = Youths in follow-up
youths-follow-up-title = Follow up a field contact
youths-follow-up-intro = Choose the youth you followed up. Place and time come from the field contact.
youths-drafts-heading = Unsigned drafts older than a day
youths-new = Register a youth
youths-all = All youths of the service
youths-mine = Youths you are a contact person for
youths-none = None yet.
youths-search-title = Search for a youth
youths-search-intro = The search needs the full name and birth date, and finds exact matches only. Searches are logged.
youths-search-button = Search
youths-search-result = Result
youths-search-none = No youth with this name and birth date.
youths-search-hit = There is a record with reference { $reference }.
youths-open-record = Open the record
youth-record-title = Record
youth-new-title = Register a youth
youth-edit-title = Change personal details
youth-name = Name
youth-first-name = First name
youth-last-name = Last name
youth-birth-date = Birth date
youth-age = Age
youth-age-years = { $n ->
    [one] { $n } year
   *[other] { $n } years
}
youth-gender = Gender
youth-municipality = Municipality of residence
youth-municipality-hint = Number and name of the municipality the youth lives in.
youth-phone = Phone
youth-school = School
youth-guardians = Guardians
youth-guardian-name-1 = Guardian 1, name
youth-guardian-phone-1 = Guardian 1, phone
youth-guardian-name-2 = Guardian 2, name
youth-guardian-phone-2 = Guardian 2, phone
youth-contact-persons = Contact persons
youth-contact-person-1 = Contact person 1
youth-contact-person-2 = Contact person 2
youth-contact-persons-leader-hint = Choose exactly two contact persons.
youth-contact-persons-worker-hint = You are one of the two contact persons; choose the second, often your field partner. A leader can change them later.
youth-choose-person = Choose a person
youth-reference = Reference
youth-reference-hint = Empty: a reference is made for you.
youth-status = Status
youth-open = Active
youth-closed = Closed
youth-close = Close the follow-up
youth-reopen = Reopen the follow-up
youth-save = Save
youth-cancel = Cancel
youth-save-contact-persons = Save contact persons
youth-register-anyway = Register as a new youth anyway
youth-duplicates-heading = Is the youth already registered?
youth-duplicates-intro = There is a record of a youth with the same birth date and a similar name, or the same phone number. Check before you make a new one.
youth-duplicate-no-access = you have no access; ask the leader
youth-elsewhere = The youth lives in another municipality. Consider handing over to the home municipality.
youth-elsewhere-short = other municipality
youth-conversations = Follow-up conversations
youth-journal = Journal
youth-assessments = Assessment of risk and protective factors
youth-leader-section = For the leader
youth-none = None recorded.
youth-minutes = { $n } min
youth-done-saved = Saved.
youth-done-signed = The note is signed and can no longer be changed.
youth-done-corrected = The correction is saved as a new version. The original text stays.
youth-done-deleted = The note is deleted. The decision is recorded.
youth-done-withheld = The withholding from access is saved.
youth-done-blocked = The block is saved.
youth-done-emergency = You have emergency access. It is logged and reviewed by the leader.
youth-error-first-name = Write the first name.
youth-error-last-name = Write the last name.
youth-error-birth-date = Write a valid birth date (dd.mm.yyyy), not in the future and at most 30 years ago.
youth-error-gender = Choose a gender.
youth-error-municipality = Choose a municipality from the list.
youth-error-phone = The phone number “{ $value }” is not valid. Use digits only, +47 allowed.
youth-error-contact-persons = Choose two different contact persons.
youth-error-reference-taken = The reference { $value } is already in use.
youth-error-date = Write a valid date (dd.mm.yyyy).
conversation-new-title = New follow-up conversation
conversation-from-contact = Place and time come from the field contact.
conversation-date = Date
conversation-time = Time
conversation-staff = Staff present
conversation-staff-hint = Choose one or two.
conversation-setting = Setting
conversation-duration = Duration
conversation-duration-minutes = Duration in minutes
conversation-challenges = Challenges
conversation-note = Journal note
conversation-error-when = Write the date (dd.mm.yyyy) and time (hh:mm).
conversation-error-staff = Choose one or two staff members who were present.
conversation-error-duration = The duration must be a whole number of minutes from 1 to 1440.
setting-street = Street
setting-planned-meeting = Planned meeting
setting-school = School
setting-digital = Digital
setting-phone = Phone
challenge-substance-use = Substance use
challenge-crime = Crime
challenge-exclusion = Exclusion
challenge-mental-health = Mental health
challenge-other = Other
journal-kind-note = Note
journal-kind-conversation = Conversation
journal-kind-collaboration = Collaboration
journal-kind-concern-report = Concern report
journal-kind-correction-refused = Refused correction
journal-draft = Draft, not signed
journal-version = Version
journal-author = Written by
journal-written = written
journal-help-given = Help given
journal-signed-at = signed { $when }
journal-reason = Reason for the correction
journal-edit-draft = Change the draft
journal-save-draft = Save draft
journal-sign = Sign the note
journal-sign-now = Sign at once (the text can then not be changed, only corrected)
journal-correct = Correct the note
journal-corrected-text = Corrected text
journal-save-correction = Save the correction as a new version
journal-leader-actions = Leader actions
journal-withhold = Save withholding from access
journal-withhold-reason = Reason to withhold from the youth's copy
journal-withhold-hint = Patients' and users' rights act § 5-1 second paragraph. An empty field lifts the withholding.
journal-withheld-note = Withheld from access: { $reason }
journal-delete = Delete the note
journal-delete-reason = Decision and reason for deleting
journal-delete-hint = Health personnel act § 43. The text is gone; the decision is recorded.
journal-deletions = Deleted notes
journal-new-note = New journal note
journal-hidden = { $n ->
    [one] One note is blocked for you.
   *[other] { $n } notes are blocked for you.
}
journal-refused-signed = A signed note cannot be changed. Write a correction.
journal-refused-not-author = Only the author can change or sign a draft.
journal-refused-not-signed = Only signed notes can be corrected. Change the draft instead.
journal-refused-no-reason = Write a reason.
journal-refused-empty = The journal text is empty.
assessment-new = New assessment
assessment-date = Date of the assessment
assessment-factor = Factor
assessment-comment = Comment
assessment-save = Save the assessment
factor-substance-use = Substance use
factor-crime = Crime
factor-school = School
factor-family = Family
factor-network = Friends and network
factor-mental-health = Mental health
factor-housing = Housing
factor-leisure = Leisure
factor-present = Present
factor-absent = Absent
factor-unknown = Unknown
block-title = Blocking
block-intro = The youth may ask for the record or single notes to be blocked for named staff, also for notes written later.
block-person = Blocked for
block-scope = Scope
block-whole-record = The whole record
block-one-entry = One note ({ $entry })
block-reason = Reason (the youth's request)
block-add = Block
block-lift = Lift the block
block-lifted = lifted { $when }
block-error-person = Choose a staff member of the service.
block-error-reason = Write the reason for the block.
emergency-title = Emergency access
emergency-intro = You are not a contact person of the youth with reference { $reference }. Take emergency access only when you need the record to help now.
emergency-duration = { $hours ->
    [one] Access lasts one hour, is logged and is reviewed by the leader.
   *[other] Access lasts { $hours } hours, is logged and is reviewed by the leader.
}
emergency-reason = Reason
emergency-reason-hint = Why do you need the record now? At least 10 characters.
emergency-take = Take emergency access
emergency-error-reason = Write a reason of at least 10 characters.
emergency-active = You have emergency access to this record. Reason: { $reason }
review-title = Review of emergency access
review-intro = Every emergency access is reviewed. See each staff member's full access history in the log too.
review-open = Not reviewed
review-done = Reviewed
review-none-open = No emergency access awaits review.
review-granted = Granted
review-expires = expires
review-history = Access history of { $name }
review-note = Note
review-mark = Mark as reviewed
review-reviewed = Reviewed
innsyn-title = Access to the record
innsyn-html = Copy of the record (web page)
innsyn-pdf = Copy of the record (PDF)
innsyn-produced = Produced { $when }.
innsyn-withheld = { $n ->
    [one] One note is withheld under the Patients' and users' rights act § 5-1 second paragraph.
   *[other] { $n } notes are withheld under the Patients' and users' rights act § 5-1 second paragraph.
}
innsyn-accesses = Who has seen the record
innsyn-accesses-intro = Everyone who opened, changed or printed the record, with time and basis.
innsyn-col-when = Time
innsyn-col-who = Who
innsyn-col-what = What
innsyn-col-basis = Basis
innsyn-access-read = Read
innsyn-access-change = Changed
innsyn-access-export = Printed
innsyn-access-emergency = Took emergency access
basis-contact-person = Contact person
basis-leader = Leader
basis-emergency = Emergency access
basis-administration = Administration

report-follow-up = 2.3 Individual follow-up
report-fu-measure = Measure
report-fu-conversations = Follow-up conversations
report-fu-youths = Unique youths
report-fu-new-youths = New youths this year
report-fu-other-municipality = Youths living in another municipality
report-fu-challenges = Youths per challenge

home-overdue-drafts = { $n ->
    [one] One journal draft is older than a day and not signed.
   *[other] { $n } journal drafts are older than a day and not signed.
}

# Consent, collaboration, inquiries, child welfare
nav-inquiries = Inquiries
nav-counterparts = Counterpart services
answer-yes = Yes
answer-no = No
youth-done-consent = The consent is recorded.
youth-done-withdrawn = The withdrawal is recorded. Nothing is shared under the consent from that date.
youth-done-collaboration = The collaboration is recorded in the journal.
youth-done-welfare = Recorded in the journal.
youth-done-answered = The answer is recorded.
counterparts-title = Counterpart services
counterparts-intro = The services the team works with or gets inquiries from. Archived services stay in old records but are not offered for new ones.
counterparts-code = Code
counterparts-code-hint = Lower-case letters, digits and _ (e.g. nav). The code is used in import and export.
counterparts-name = Name
counterparts-rename = Save name
counterparts-add = Add a service
counterparts-saved = Saved.
counterparts-error-code = The code may hold lower-case letters a–z, digits and _ only.
counterparts-error-name = Write a name of at most 200 characters.
counterparts-error-taken = The code { $code } is already in use.
inquiries-title = Inquiries without consent
inquiries-intro = Inquiries from and to other services where no consent exists: general advice only, nothing about an individual youth.
inquiries-direction = Direction
inquiries-service = Service
inquiries-topic = Topic
inquiries-topic-warning = Do not write anything that could identify a youth: no name, school, address or distinguishing features.
inquiries-save = Register the inquiry
inquiries-saved = The inquiry is registered.
inquiries-list = Inquiries in { $year }
inquiries-error-direction = Choose a direction.
inquiries-error-service = Choose a service from the list.
direction-incoming = Incoming (the service came to us)
direction-outgoing = Outgoing (we referred or worked with the service)
consent-title = Consent to collaborate
consent-covered-today = Consent covers today
consent-none-in-force = no services
consent-new-title = Record a consent
consent-intro = Record who consented, which services it covers, what may be shared and for what purpose. From 16 the youth consents alone; under 16 guardians consent, and the youth's own view is always heard (Patients' and users' rights act §§ 3-4, 4-3 and 4-4).
consent-given-on = Consent given on
consent-age-note = { $n ->
    [one] The youth was { $n } year old that day.
   *[other] The youth was { $n } years old that day.
}
consent-given-by = Who consented
consent-by-youth = The youth
consent-by-guardian = Guardians
consent-by-both = The youth and guardians
consent-services = Services the consent covers
consent-what = What may be shared
consent-purpose = Purpose
consent-valid-until = Valid until
consent-valid-until-hint = Empty: until withdrawn.
consent-form = Form
consent-oral = Oral
consent-written = Written
consent-youth-view = The youth's own view
consent-youth-view-hint = Required when the youth is under 16.
consent-guardians-not-involved = Why guardians are not involved
consent-guardians-not-involved-hint = Only when the youth is under 16 and consents alone: write why guardians are not involved (Patients' and users' rights act § 3-4).
consent-save = Save the consent
consent-given = Given
consent-until = Valid until
consent-no-end = until withdrawn
consent-in-force = in force
consent-not-in-force = not in force today
consent-recorded = Recorded by
consent-withdrawn = Withdrawn { $when }
consent-withdrawn-on = Withdrawal date
consent-withdraw = Record the withdrawal
consent-renew-16 = The youth has turned 16 and now consents alone. Renew the consent for { $services }.
consent-renew-18 = The youth has turned 18. Renew the consent for { $services }.
consent-renew-expiring = A consent expires { $until }. Consider renewing it.
consent-error-given-by = Choose who consented.
consent-error-youth-must-consent = From 16 the youth consents; guardians cannot consent alone.
consent-error-guardian-needed = Under 16 a guardian must consent, unless you write why guardians are not involved.
consent-error-youth-view = Under 16 the youth's own view must be recorded.
consent-error-no-service = Choose at least one service.
consent-error-ends-before-start = The consent cannot end before it starts.
consent-error-withdraw = The consent is already withdrawn, or the date is before it was given.
collaboration-title = Collaboration with other services
collaboration-new-title = Register a collaboration
collaboration-intro = Collaboration about a youth needs a consent that covers the service on the date.
collaboration-note = Note
collaboration-save = Save the collaboration
collaboration-refused-heading = The collaboration cannot be saved
collaboration-not-covered = No consent of the youth covers { $service }. Record a consent first, or register an anonymous inquiry with nothing about the youth.
collaboration-record-consent = Record a consent
collaboration-register-inquiry = Register an anonymous inquiry instead
welfare-title = Child welfare service
welfare-report-title = Send a concern report
welfare-request-title = Register an information request
welfare-report-intro = A concern report to the child welfare service for a child under 18 (Health personnel act § 33). The report is journaled.
welfare-request-intro = An information request from the child welfare service: what was asked and the deadline.
welfare-date-sent = Date sent
welfare-date-received = Date received
welfare-grounds = Grounds
welfare-grounds-text = The grounds in your own words
welfare-sent = What was sent
welfare-youth-told = The youth was told
welfare-guardians-told = The guardians were told
welfare-legal-basis = Legal basis
welfare-legal-basis-default = helsepersonelloven § 33
welfare-asked = What was asked
welfare-deadline = Deadline
welfare-save = Save
welfare-report-sent = Concern report sent
welfare-request-received = Information request received
welfare-overdue = the deadline has passed
welfare-answered = Answered
welfare-answered-on = Answer date
welfare-answer = What was answered
welfare-save-answer = Save the answer
welfare-error-adult = The youth is 18 or older on that date. Concern reports concern children under 18.
welfare-error-grounds = Choose at least one ground.
welfare-error-answer = Write what was answered.
welfare-error-answered = The request is already answered, or the answer is dated before it was received.
ground-neglect = Neglect
ground-violence = Violence or abuse
ground-substance-use = Substance use
ground-behaviour = Serious behavioural problems
ground-mental-health = Mental health
ground-other = Other

home-awaiting-contact-persons = Youths waiting for contact persons
home-awaiting-contact-persons-hint = These follow-ups have fewer than two active contact persons (imported without them, or a contact person left). Open the record and assign two.
home-requests = Open requests from the child welfare service

report-collaborations = 2.5 Collaboration with other services
report-collaborations-desc = Collaboration about individual youths with consent, incoming (the service came to us) and outgoing (we referred or worked with the service).
report-incoming = Incoming
report-outgoing = Outgoing
report-total = Total
report-inquiries = 2.6 Inquiries
report-inquiries-desc = Inquiries from and to other services without consent: general advice, nothing about individual youths.
report-child-welfare = 2.9 Concern reports to the child welfare service
report-cw-concern-reports = Concern reports sent
report-cw-requests = Information requests received
report-cw-answered = Information requests answered

collaboration-api-not-covered = No consent of the youth covers the service on the date. Nothing was stored. Record a consent, or register an anonymous inquiry instead.

inquiries-choose-service = Choose a service

refusal-title = Refused request for correction
refusal-intro = When the youth asks for a correction and it is refused, the refusal is journaled, with the right to complain to the County Governor (Health personnel act § 42).
refusal-request = The request for correction
refusal-reason = Reason for the refusal
refusal-complaint = The youth has been told of the right to complain to the County Governor (Statsforvalteren).
refusal-save = Journal the refusal
refusal-error = Write both the request and the reason for refusing it.

home-unreviewed = { $n ->
    [one] One emergency access awaits your review.
   *[other] { $n } emergency accesses await your review.
}

audit-youth = Youth { $reference }

pager-label = Pages
pager-position = Page { $page }
pager-total = { $n ->
    [one] { $n } youth
   *[other] { $n } youths
}
pager-previous = Previous page
pager-next = Next page
error-entry-blocked = The young person has blocked this entry for you.

# Groups
nav-groups = Groups
groups-title = Groups
groups-intro = The groups the team runs – life skills (Sisterhood/Brotherhood), FLYT, gaming and others – with attendance per session.
groups-none = No groups yet.
groups-year = Sessions and attendances in { $year }
groups-name = Name
groups-kind = Kind
groups-place = School or place
groups-no-place = (no fixed place)
groups-sessions = Sessions
groups-attendances = Attendances
groups-new = New group
groups-create = Create the group
group-kind-life_skills = Life skills
group-kind-flyt = FLYT
group-kind-gaming = Gaming
group-kind-other = Other group
groups-roll-call = Attendance at a session
groups-named = Youths in follow-up
groups-named-hint = Only youths you have access to are shown: your own, and those who came to the group before.
groups-no-candidates = No youths to tick – type the participants as nicknames below.
groups-anonymous = Anonymous participants
groups-pseudonyms = Anonymous participants (nickname or gamer tag, one per line)
groups-pseudonyms-hint = Use a nickname or gamer tag, never a full name. The same nickname counts as the same participant.
groups-save-session = Save the attendance
groups-no-sessions = No sessions recorded.
groups-recorded = { $n ->
    [one] One attendance was saved.
   *[other] { $n } attendances were saved.
}
groups-already-there = { $n ->
    [one] One was recorded already and was not counted again.
   *[other] { $n } were recorded already and were not counted again.
}
groups-error-name = Type a name for the group (at most 100 characters).
groups-error-name-taken = A group with this name exists already.
groups-error-place = Choose a place that exists.
groups-error-pseudonym = A nickname can be at most 100 characters.
youth-groups = Group attendance

# Prevention and trends
nav-prevention = Prevention
nav-trends = Trends
prevention-title = Prevention and information work
prevention-intro = Drug-prevention classes, parent meetings, talks and information work.
prevention-kind = Kind
prevention-kind-drug_prevention_class = Drug-prevention class
prevention-kind-parent_meeting = Parent meeting
prevention-kind-talk = Talk
prevention-kind-information = Information work
prevention-grade = Grade
prevention-classes = Classes
prevention-participants = Participants
prevention-events = Events
prevention-save = Save the event
prevention-saved = The event was saved.
prevention-year = Prevention in { $year }
prevention-error-grade = The grade must be from 1 to 13.
prevention-error-count = Classes, participants and grade are whole numbers (0 or more).
prevention-error-place = Choose a place that exists.
trends-title = Trends in youth environments
trends-intro = Observations of youth environments per district, for the collaboration forums (SLT, police, schools).
trends-district = District
trends-themes = Themes
trends-summary = Observation
trends-summary-warning = Write about the environment, never about individuals: no names, nicknames or details that could identify anyone.
trends-save = Save the observation
trends-saved = The observation was saved.
trends-notes = Observations
trends-summary-year = Summary for { $year }
trends-summary-intro = Observations per district and theme. Counts from 1 to 4 are shown as "<5", so no one can be recognised.
trends-error-themes = Choose at least one theme.
trends-error-summary = Write the observation (at most 4000 characters).
trends-error-district = Choose a district.
theme-substance_use = Substance use
theme-violence = Violence
theme-crime = Crime
theme-gangs = Gangs
theme-digital = Digital
theme-exclusion = Exclusion
theme-other = Other

report-groups = 2.4 Group work
report-groups-sessions = Sessions
report-groups-attendances = Attendances
report-groups-named = Unique youths in follow-up
report-groups-anonymous = Unique anonymous participants
report-prevention = 2.7 Prevention and information work
report-trends = 2.8 Trends in youth environments

## Staffing plan and rota
nav-staffing = Staffing plan
nav-rota = Rota
staffing-title = Staffing plan
staffing-intro = The target number of field teams (two staff per team) per shift and weekday. A seasonal change with a period of validity takes precedence over the standing plan on the days it covers.
staffing-to-rota = See the rota
staffing-in-force-on = Plan in force on
staffing-show = Show
staffing-plan-on = Staffing plan in force on { $date }
staffing-caption = Field teams per shift and weekday (least – most)
staffing-empty = No staffing plan is recorded for this date.
staffing-hours = Working hours
staffing-rows = Every row of the plan
staffing-weekday = Weekday
staffing-teams = Field teams
staffing-period = Valid
staffing-standing = Standing plan
staffing-delete = Delete
staffing-add = Add a target for a shift
staffing-shift = Shift
staffing-shift-hint = The shift's name, for example day, evening or night.
staffing-starts = Starts
staffing-ends = Ends
staffing-ends-hint = A shift that ends before it starts ends the next day (for example 16:00–01:00).
staffing-weekdays = Weekdays
staffing-min = Least number of field teams
staffing-max = Most field teams
staffing-valid-from = Valid from (optional)
staffing-valid-to = Valid to (optional)
staffing-period-hint = Empty: the standing plan. With a date: a seasonal change, for example summer reinforcement (dd.mm.yyyy).
staffing-save = Save
staffing-saved = The staffing plan is saved.
staffing-error-shift = Type a name for the shift (at most 40 characters, no semicolon).
staffing-error-time = Type the start and end as hh:mm; a shift cannot start and end at the same time.
staffing-error-teams = A number of field teams is a whole number from 0 to 50, and the least cannot be above the most.
staffing-error-period = "Valid to" cannot be before "Valid from".
staffing-error-weekdays = Choose at least one weekday.
staffing-error-slot-taken = The shift already has a target on one of these weekdays for the same period. Delete the old row first.
staffing-error-hours-differ = The shift is already in the standing plan with other working hours. Use another name.
rota-title = Rota
rota-to-plan = See the staffing plan
rota-periods = Choose a period
rota-previous-week = Previous week
rota-next-week = Next week
rota-previous-month = Previous month
rota-next-month = Next month
rota-show-week = Show week
rota-show-month = Show month
rota-week = Week { $week }: { $from }–{ $to }
rota-month = Month { $month }
rota-under-count = { $n ->
    [one] One shift is under the staffing plan's target.
   *[other] { $n } shifts are under the staffing plan's target.
}
rota-empty = No shifts in the period.
rota-day = Day
rota-target = Target
rota-planned = Planned
rota-status = Status
rota-teams = Field teams
rota-under = Under target
rota-over = Over target
rota-ok = As planned
rota-delete = Remove
rota-conflicts = Conflicts in the rota
rota-conflict-team-of-one = { $day } { $shift }: the field team has only one member of staff ({ $staff }).
rota-conflict-twice = { $person } is on two shifts at once on { $day } ({ $first } and { $second }).
rota-conflict-rest = { $person } has only { $rest } hours of rest between { $first } and { $second } (at least 11 hours).
rota-add = Put a field team on the rota
rota-date = Date
rota-staff-n = Staff { $n }
rota-nobody = (nobody)
rota-district = District or area (optional)
rota-no-district = (not chosen)
rota-save = Add
rota-saved = The field team is on the rota.
rota-error-staff = Choose two staff (field workers or leaders of the service), each only once.
rota-error-shift = Choose a shift of the staffing plan.
rota-error-district = Choose a district from the list.
home-my-shifts = My shifts in the next 14 days
home-no-shifts = You are not on the rota in the next 14 days.
report-staffing-heading = 3.0 Staffing plan
report-staffing-intro = Field teams per shift and weekday in the staffing plan in force on 1 July { $year }. A field team is two staff.
contacts-page = Page { $page }:
contacts-pages = Pages of the list
contacts-newer = Newer registrations
contacts-older = Older registrations

## Time use
nav-time = Time use
time-title = Time use
time-recent-shifts = My shifts in the last 14 days
time-no-shifts = You have no shifts on the rota in the last 14 days.
time-outside-rota = Record time for a day outside the rota
time-recorded = recorded { $hours } h
time-not-recorded = not recorded
time-for-shift = Time for the shift { $day } { $shift }
time-for-day = Time for { $day } outside the rota
time-hours-hint = Hours like 6.5 or 6:30. The shift's length is suggested as field work; split it the way the day went.
time-save = Save the time
time-saved = The time is saved.
time-category = Category
time-hours = Hours
time-share = Share
time-my-year = My time use in { $year }
time-team-year = The service's time use in { $year }
time-worker = Member of staff
time-field-share = Field work
time-direct-share = Direct work with youths
time-targets = Targets
time-targets-met = Met
time-targets-missed = Not met
time-service = The whole service
time-target-field = Field work: { $share } of the time (target: at least { $target } %).
time-target-direct = Direct work with youths: { $share } of the time (target: at least { $target } %).
time-oslo-heading = Compared with the Oslo standard
time-oslo-part = Part
time-oslo-recommended = Recommended
time-oslo-ours = Our share
time-oslo-outreach = Outreach field work
time-oslo-follow_up = Follow-up of youths (groups included)
time-oslo-documentation = Records and documentation
time-category-field_work = Outreach field work
time-category-follow_up = Individual follow-up
time-category-groups = Groups
time-category-prevention = Prevention teaching
time-category-documentation = Documentation and records
time-category-meetings_other = Meetings and other
time-error-entries = Hours are from 0 up, and no more than a day in all.
time-error-hours = Type hours like 6.5 or 6:30 (at most 24).
time-error-team = Choose one of your own shifts.
time-error-day-total = The day would then have more than 24 hours recorded in all.
rota-error-team-has-time = Time has been recorded for this field team, so it stays on the rota.
report-time-heading = 1.3 Time use
report-time-targets = Targets and the Oslo standard (40 % field work, 40 % follow-up, 20 % documentation)
report-time-goal = Target
report-documents = Download the annual report
report-documents-hint = The public version hides counts from 1 to 4, and counts that would give them away. Use it for anything shared outside the service.
report-public = Public version
report-internal = Internal version (every count)
report-field-teams = Field-team hours
report-field-teams-intro = Hours the field teams were out according to the rota, by district, weekday and time of day, and contacts per field-team hour. A contact counts for the team on duty when it was registered: the team of whoever registered it, else a team on duty in the same district.
report-field-teams-none = No field teams are on the rota this year.
report-field-teams-rows = { $n ->
    [one] Show one row
   *[other] Show { $n } rows
}
report-time-band = Time of day
report-team-hours = Field-team hours
report-linked-contacts = Contacts
report-per-team-hour = Contacts per field-team hour
report-thin = thin: under 5 field-team hours

## School contacts
nav-schools = School contacts
schools-title = School contacts
schools-intro = Which staff are each school's contacts, and how many day and evening shifts the school team has a week. The day shifts are spent at the school.
schools-summary = The school teams have on average { $evening } evening shifts and { $day } day shifts a week.
schools-none = No school teams are recorded.
schools-caption = School teams
schools-school = School
schools-members = School contacts
schools-day = Day shifts a week
schools-evening = Evening shifts a week
schools-set = Set the school team of a school
schools-no-places = First add the schools as places (kind school).
schools-error-shifts = Shifts a week is a whole number from 0 to 14.
schools-error-members = Choose one to six staff (field workers or leaders of the service).
schools-error-school = Choose a school from the list.
report-schools-heading = 4.0 School contacts
staffing-error-shift-in-use = This is the shift's last row, and field teams on the rota stand on it. Remove the teams first, or add a new row for the shift.
contacts-total-page = { $total } young people on this page.
home-dashboard = The service this month ({ $month })
home-month-contacts = Contacts so far this month: { $now }. The same month last year: { $last }.
home-under-target = { $n ->
    [one] One shift this week is under the staffing plan's target.
   *[other] { $n } shifts this week are under the staffing plan's target.
}
home-no-under-target = Every shift this week has at least the staffing plan's target.
home-expiring-consents = { $n ->
    [0] No consents run out in the next 30 days.
    [one] One consent runs out in the next 30 days.
   *[other] { $n } consents run out in the next 30 days.
}
home-districts = Contacts per district this month and the same month last year
home-this-month = This month
home-same-month-last-year = The same month last year

## 8th-grade checklist
classes-title = Drug-prevention teaching in 8th grade
classes-intro = The checklist of every 8th-grade class in the municipality this year: taught, planned or not yet.
classes-back = Back to prevention work
classes-share = { $taught } of { $all } classes are taught ({ $percent } %).
classes-none = No classes are entered for this year.
classes-caption = Classes
classes-class = Class
classes-status = Status
classes-save = Save
classes-status-taught = Taught
classes-status-planned = Planned
classes-status-not_yet = Not yet
classes-add = Enter classes
classes-names = Classes
classes-names-hint = One class per line, for example 8A.
classes-add-button = Enter the classes
classes-error-name = Type at least one class, one per line (at most 40 characters each).
classes-error-school = Choose a school from the list.
prevention-classes-link = The 8th-grade checklist
