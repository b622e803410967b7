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
