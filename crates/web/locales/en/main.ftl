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
