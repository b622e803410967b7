# Gatelangs – norsk bokmål (standardspråk)

skip-to-content = Gå til hovedinnholdet
nav-label = Hovedmeny
nav-home = Forside
nav-audit-log = Logg
nav-security = Innlogging og sikkerhet
nav-log-out = Logg ut
footer-text = Gatelangs – journal og statistikk for oppsøkende ungdomsarbeid

form-errors-heading = Noe må rettes
error-title = Noe gikk galt
error-back-home = Til forsiden
error-not-found = Siden eller posten finnes ikke.
error-forbidden = Du har ikke tilgang til dette.
error-bad-request = Forespørselen er ikke gyldig.
error-bad-form = Skjemaet mangler felt eller har felt som ikke er gyldige.
error-too-large = Forespørselen er for stor.
error-content-type = Feil innholdstype: send et skjema eller JSON.
error-method-not-allowed = Denne handlingen er ikke tillatt her.
error-conflict = Dette finnes allerede.
error-too-many-attempts = For mange forsøk. Vent noen minutter og prøv igjen.
error-unavailable = Tjenesten er midlertidig utilgjengelig. Prøv igjen om litt.
error-internal = En uventet feil oppstod. Feilen er logget.
error-unauthenticated = Du må logge inn.
error-login-failed = Feil brukernavn eller passord.

role-field-worker = Feltarbeider
role-leader = Leder
role-admin = Administrator
role-analyst = Analytiker

login-title = Logg inn
login-expired = Økten din er utløpt. Logg inn på nytt.
login-setup-done = Tjenesten er opprettet. Logg inn med brukeren du nettopp laget.
login-demo-notice = Dette er en demo. Brukernavn og passord ble skrevet ut da serveren startet. Tofaktorinnlogging er slått av i demotjenesten, så du kommer rett inn.
login-submit = Logg inn
field-username = Brukernavn
field-password = Passord
field-code = Kode
field-name = Fullt navn
field-new-password = Nytt passord
field-password-hint = Minst 12 tegn. Bruk gjerne flere ord; vanlige passord avvises.
field-password-again = Gjenta passordet

second-factor-title = Bekreft at det er deg
second-factor-help = Skriv inn den sekssifrede koden fra autentiseringsappen, eller en av gjenopprettingskodene dine.
second-factor-submit = Bekreft
second-factor-cancel = Avbryt og logg ut
second-factor-wrong = Koden er ikke riktig, eller den er allerede brukt.

enrol-title = Tofaktorinnlogging
enrol-already = Tofaktorinnlogging er slått på for kontoen din.
enrol-required = Tjenesten krever tofaktorinnlogging fordi du kan se personopplysninger. Sett det opp før du fortsetter.
enrol-step-app = Åpne en autentiseringsapp på telefonen (for eksempel Microsoft Authenticator eller Google Authenticator).
enrol-step-scan = Skann QR-koden med appen.
enrol-manual = Kan du ikke skanne? Skriv inn denne nøkkelen:
enrol-step-code = Skriv inn koden appen viser.
enrol-submit = Slå på tofaktorinnlogging
enrol-wrong-code = Koden stemmer ikke. Sjekk at klokken på telefonen går riktig, og prøv med en ny kode.
enrol-qr-label = QR-kode for å legge til Gatelangs i autentiseringsappen

recovery-title = Gjenopprettingskoder
recovery-enrolled = Tofaktorinnlogging er slått på.
recovery-help = Skriv ned disse kodene og oppbevar dem trygt. Hver kode kan brukes én gang hvis du mister telefonen. De vises bare nå.
recovery-continue = Fortsett

setup-title = Sett opp Gatelangs
setup-intro = Opprett tjenesten og den første administratoren. Lenken kan bare brukes én gang.
setup-service = Tjenesten
setup-admin = Første administrator
setup-submit = Opprett
field-service-name = Navn på tjenesten
field-slug = Kortnavn
field-slug-hint = Små bokstaver, tall og bindestrek, for eksempel out-lillestrom.
field-municipality = Kommunenummer
field-municipality-hint = Fire sifre, for eksempel 3205 for Lillestrøm. Kan stå tomt.
setup-invalid-link = Oppsettlenken er ugyldig eller allerede brukt.
setup-passwords-differ = Passordene er ikke like.
setup-bad-slug = Kortnavnet kan bare ha små bokstaver a–z, tall og bindestrek (2–64 tegn).
setup-bad-service-name = Skriv navnet på tjenesten.
setup-bad-municipality = Kommunenummeret må ha fire sifre, for eksempel 3205.
setup-bad-name = Skriv fullt navn.
setup-bad-username = Brukernavnet kan bare ha små bokstaver a–z, tall, punktum, understrek og bindestrek (2–64 tegn).
setup-taken = Kortnavnet eller brukernavnet er allerede i bruk.
password-too-short = Passordet må ha minst 12 tegn.
password-too-common = Passordet er for vanlig eller for lett å gjette. Bruk gjerne flere ord.

home-title = Forside
home-welcome = Hei, { $name }
home-service = Tjeneste
home-role = Rolle
home-two-factor = Tofaktorinnlogging
home-two-factor-on = På
home-two-factor-off = Av
home-audit-link = Se loggen over innlogging og tilgang

audit-title = Logg
audit-intro = Alle innlogginger, endringer av brukere og tilganger til personopplysninger i tjenesten. Loggen kan ikke endres.
audit-filter-user = Bruker
audit-filter-all-users = Alle brukere
audit-filter-from = Fra dato
audit-filter-to = Til og med dato
audit-filter-submit = Vis
audit-count = { $count ->
    [one] Viser én hendelse.
   *[other] Viser { $count } hendelser.
}
audit-col-time = Tidspunkt
audit-col-user = Bruker
audit-col-action = Hendelse
audit-col-subject = Gjelder
audit-col-detail = Detaljer
audit-bad-date = Datoen må skrives som 26.11.2026.

nav-field = Registrer treff
nav-contacts = Treff
nav-report = Rapport
nav-places = Steder
nav-import = Import og eksport

age-primary-school = Under 13
age-lower-secondary = 13–15
age-upper-secondary = 16–18
age-young-adult = 19–24
age-unknown = Ukjent alder
gender-male = Gutt
gender-female = Jente
gender-other = Annet kjønn
gender-unknown = Ukjent kjønn
channel-street = Gate
channel-school = Skole
channel-digital = Digitalt
kind-school = Skole
kind-street = Gateområde
kind-transit = Knutepunkt
kind-youth-club = Fritidsklubb
kind-mall = Kjøpesenter
kind-digital = Digital plattform
kind-other = Annet
level-primary = Barneskole
level-lower-secondary = Ungdomsskole
level-upper-secondary = Videregående
band-day = Dag (hverdag 08–16)
band-evening = Kveld (hverdag 16–24)
band-weekend = Helg (08–24)
band-night = Natt (00–08)
topic-substance-use = Rus
topic-violence = Vold
topic-crime = Kriminalitet
topic-mental-health = Psykisk helse
topic-school = Skole
topic-family = Familie
topic-digital = Digitalt
topic-other = Annet
weekday-mon = mandag
weekday-tue = tirsdag
weekday-wed = onsdag
weekday-thu = torsdag
weekday-fri = fredag
weekday-sat = lørdag
weekday-sun = søndag
month-01 = januar
month-02 = februar
month-03 = mars
month-04 = april
month-05 = mai
month-06 = juni
month-07 = juli
month-08 = august
month-09 = september
month-10 = oktober
month-11 = november
month-12 = desember

contact-in-future = Tidspunktet ligger i fremtiden. Sjekk klokken på telefonen.
contact-too-old = Registreringen er for gammel til å sendes inn her. Før den inn i skifttabellen.
contact-unknown-place = Stedet finnes ikke (lenger) i tjenesten.
contact-not-found = Registreringen finnes ikke.
contact-not-yours = Du kan bare angre eller rette dine egne registreringer, og bare en stund etterpå.
contact-bad-time = Tidspunktet er ikke gyldig.
contact-bad-code = En kode (kanal, alder, kjønn eller tema) er ikke gyldig.
contact-bad-count = Antallet må være mellom 1 og 500.
contact-too-many = For mange registreringer i én sending.
error-bad-date = Datoen må skrives som 26.11.2026.

field-title = Registrer treff
field-registered = Registrert.
field-no-places = Tjenesten har ingen steder ennå. En leder eller administrator legger dem inn under Steder.
field-place = Sted
field-channel = Kanal
field-count = Antall ungdommer
field-count-other = Annet antall
field-topics = Tema (valgfritt)
field-topics-hint = Bare tema – aldri navn eller noe som kan identifisere noen.
field-grid-caption = Trykk én gang per treff: alder og kjønn
field-shift-list = Denne vakten
field-shift-table-link = Før inn en hel vakt i tabell
field-pending = { $count } venter på nett
field-all-sent = Alt er sendt.
field-login-to-send = Logg inn igjen for å sende { $count } som venter.
field-undo = Angre
field-undone = Angret
field-waiting = venter
field-sent = sendt
field-rejected = avvist

places-title = Steder
places-intro = Områder og steder der teamet møter ungdom. Digitale plattformer (Snapchat, Instagram, spill) er steder av typen digital plattform. Et sted med registrerte treff kan arkiveres, men ikke slettes.
places-saved = Lagret.
places-archived = arkivert
places-archive = Arkiver
places-restore = Gjenopprett
places-none = Ingen steder i området ennå.
places-name = Navn
places-kind = Type
places-level = Skoletrinn
places-coordinates = Koordinater
places-actions = Handlinger
places-edit = Endre
places-up = Flytt opp
places-down = Flytt ned
places-delete = Slett
places-add-district = Legg til område
places-district-name = Navn på området
places-add-place = Legg til sted
places-district = Område
places-lat = Breddegrad (valgfritt)
places-lon = Lengdegrad (valgfritt)
places-edit-title = Endre sted
places-save = Lagre
places-back = Tilbake til steder
places-bad-district = Velg et område.
places-bad-name = Skriv et navn (høyst 200 tegn).
places-bad-kind = Velg type og eventuelt skoletrinn fra listen.
places-bad-coordinates = Koordinater skrives som desimaltall, for eksempel 59.955 og 11.049 – begge eller ingen.
places-name-taken = Navnet er allerede i bruk i tjenesten.
places-has-contacts = Stedet har registrerte treff og kan ikke slettes. Arkiver det i stedet.

contacts-title = Treff
contacts-any = Alle
contacts-staff = Registrert av
contacts-age = Alder
contacts-gender = Kjønn
contacts-number = Antall
contacts-topics = Tema (koder, adskilt med ;)
contacts-delete = Slett
contacts-back = Tilbake til treff
contacts-count = { $count ->
    [one] Én registrering.
   *[other] { $count } registreringer.
}
contacts-total = Til sammen { $total } ungdommer.
contacts-saved = { $count ->
    [0] Lagret.
    [one] Lagret: én ungdom.
   *[other] Lagret: { $count } ungdommer.
}
contact-edit-title = Rett et treff
contact-edit-invalid = Sjekk dato, tid, sted og antall.
shift-title = Før inn en vakt
shift-intro = Skriv antall ungdommer per alder og kjønn for et sted og et tidspunkt. Tomme felt teller som null.
shift-date = Dato
shift-time = Klokkeslett
shift-caption = Antall ungdommer etter alder og kjønn
shift-submit = Lagre vakten
shift-channel-from-place = Etter stedet
shift-bad-time = Skriv dato og klokkeslett.
shift-empty = Skriv minst ett antall.

report-title = Rapport: oppsøkende feltarbeid
report-year = År
report-bad-year = Skriv et årstall, for eksempel 2024.
report-summary = Treff i alt: { $total }.
report-previous = Året før: { $previous }.
report-places = Treff per område og sted
report-channels = Gate og skole mot digitalt
report-street-school = På gata eller på skolene: { $count }.
report-digital = Digitalt: { $count }.
report-age-gender = Treff etter alder og kjønn
report-age-gender-desc = Liggende søyler, én per kombinasjon av aldersgruppe og kjønn, med antallet skrevet ved søylen.
report-months = Treff per måned
report-months-desc = Liggende søyler, én per måned, med antallet skrevet ved søylen.
report-heat = Ukedag og tidsrom
report-heat-desc = Antall treff per ukedag og tidsrom. Mørkere felt har flere treff; tallet står i hvert felt.
report-download = Last ned
report-month = Måned

import-title = Import og eksport
import-intro = Last opp en .zip med CSV-filer (services.csv, staff.csv, places.csv, contacts.csv) slik grensesnittbeskrivelsen sier. Er noe galt, vises hver feil med fil og linje, og ingenting blir lagret.
import-file = Fil (.zip)
import-submit = Importer
import-no-file = Velg en .zip-fil.
import-nothing-written = Ingenting ble importert.
import-problems = { $count ->
    [one] Én feil
   *[other] { $count } feil
}
import-done = Importert:
import-counts = nye / fantes fra før: { $counts }
import-skipped = ikke importert – denne versjonen leser ikke filen ennå
export-title = Eksporter
export-year = Bare dette året (valgfritt)
export-submit = Last ned .zip
gender-short-male = Gutt
gender-short-female = Jente
gender-short-other = Annet
gender-short-unknown = Ukjent
