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
export-title = Eksporter
export-year = Bare dette året (valgfritt)
export-submit = Last ned .zip
gender-short-male = Gutt
gender-short-female = Jente
gender-short-other = Annet
gender-short-unknown = Ukjent

# Youths and the follow-up journal
contacts-follow-up = Følg opp
nav-youths = Ungdommer
error-leader-only = Bare leder kan gjøre dette.
error-no-personal-data = Rollen din gir ikke tilgang til personopplysninger.
error-record-blocked = Ungdommen har sperret journalen for deg. Du kan ikke åpne den, heller ikke med nødtilgang.
error-record-need-to-know = Du er ikke kontaktperson for denne ungdommen. Søk på fullt navn og fødselsdato og be om nødtilgang hvis du trenger journalen nå.
date-hint = Skriv datoen som dd.mm.åååå, for eksempel 26.11.2026.
youths-title = Ungdommer i oppfølging
youths-follow-up-title = Følg opp en feltkontakt
youths-follow-up-intro = Velg ungdommen du fulgte opp. Sted og tid hentes fra feltkontakten.
youths-drafts-heading = Usignerte utkast eldre enn ett døgn
youths-new = Registrer ungdom
youths-all = Alle ungdommer i tjenesten
youths-mine = Ungdommer du er kontaktperson for
youths-none = Ingen ennå.
youths-search-title = Søk etter ungdom
youths-search-intro = Søket krever fullt navn og fødselsdato, og treffer bare nøyaktig. Søket logges.
youths-search-button = Søk
youths-search-result = Resultat
youths-search-none = Ingen ungdom med dette navnet og denne fødselsdatoen.
youths-search-hit = Det finnes en journal med referanse { $reference }.
youths-open-record = Åpne journalen
youth-record-title = Journal
youth-new-title = Registrer ungdom
youth-edit-title = Endre personopplysninger
youth-name = Navn
youth-first-name = Fornavn
youth-last-name = Etternavn
youth-birth-date = Fødselsdato
youth-age = Alder
youth-age-years = { $n } år
youth-gender = Kjønn
youth-municipality = Bostedskommune
youth-municipality-hint = Kommunenummer og navn på kommunen ungdommen bor i.
youth-phone = Telefon
youth-school = Skole
youth-guardians = Foresatte
youth-guardian-name-1 = Foresatt 1, navn
youth-guardian-phone-1 = Foresatt 1, telefon
youth-guardian-name-2 = Foresatt 2, navn
youth-guardian-phone-2 = Foresatt 2, telefon
youth-contact-persons = Kontaktpersoner
youth-contact-person-1 = Kontaktperson 1
youth-contact-person-2 = Kontaktperson 2
youth-contact-persons-leader-hint = Velg nøyaktig to kontaktpersoner.
youth-contact-persons-worker-hint = Du er selv den ene av to kontaktpersoner; velg den andre, gjerne makkeren din i feltet. Leder kan endre dem senere.
youth-choose-person = Velg person
youth-reference = Referanse
youth-reference-hint = Tom: en referanse lages automatisk.
youth-status = Status
youth-open = Aktiv
youth-closed = Avsluttet
youth-close = Avslutt oppfølgingen
youth-reopen = Gjenåpne oppfølgingen
youth-save = Lagre
youth-cancel = Avbryt
youth-save-contact-persons = Lagre kontaktpersoner
youth-register-anyway = Registrer likevel som ny ungdom
youth-duplicates-heading = Finnes ungdommen allerede?
youth-duplicates-intro = Det finnes journal for en ungdom med samme fødselsdato og lignende navn, eller samme telefonnummer. Sjekk før du lager en ny.
youth-duplicate-no-access = du har ikke tilgang; kontakt leder
youth-elsewhere = Ungdommen bor i en annen kommune. Vurder overføring til hjemkommunen.
youth-elsewhere-short = annen kommune
youth-conversations = Oppfølgingssamtaler
youth-journal = Journal
youth-assessments = Kartlegging av risiko- og beskyttelsesfaktorer
youth-leader-section = For leder
youth-none = Ingen registrert.
youth-minutes = { $n } min
youth-done-saved = Lagret.
youth-done-signed = Notatet er signert og kan ikke lenger endres.
youth-done-corrected = Rettelsen er lagret som ny versjon. Den opprinnelige teksten står fortsatt.
youth-done-deleted = Notatet er slettet. Beslutningen er journalført.
youth-done-withheld = Unntak fra innsyn er lagret.
youth-done-blocked = Sperringen er lagret.
youth-done-emergency = Du har nødtilgang. Tilgangen er logget og blir gjennomgått av leder.
youth-error-first-name = Skriv fornavnet.
youth-error-last-name = Skriv etternavnet.
youth-error-birth-date = Skriv en gyldig fødselsdato (dd.mm.åååå), ikke frem i tid og ikke mer enn 30 år tilbake.
youth-error-gender = Velg kjønn.
youth-error-municipality = Velg en bostedskommune fra listen.
youth-error-phone = Telefonnummeret «{ $value }» er ikke gyldig. Bruk bare sifre, gjerne med +47.
youth-error-contact-persons = Velg to forskjellige kontaktpersoner.
youth-error-reference-taken = Referansen { $value } er allerede i bruk.
youth-error-date = Skriv en gyldig dato (dd.mm.åååå).
conversation-new-title = Ny oppfølgingssamtale
conversation-from-contact = Sted og tid er hentet fra feltkontakten.
conversation-date = Dato
conversation-time = Klokkeslett
conversation-staff = Ansatte til stede
conversation-staff-hint = Velg én eller to.
conversation-setting = Arena
conversation-duration = Varighet
conversation-duration-minutes = Varighet i minutter
conversation-challenges = Utfordringer
conversation-note = Journalnotat
conversation-error-when = Skriv dato (dd.mm.åååå) og klokkeslett (tt:mm).
conversation-error-staff = Velg én eller to ansatte som var til stede.
conversation-error-duration = Varigheten må være et helt antall minutter mellom 1 og 1440.
setting-street = Gate
setting-planned-meeting = Avtalt møte
setting-school = Skole
setting-digital = Digitalt
setting-phone = Telefon
challenge-substance-use = Rus
challenge-crime = Kriminalitet
challenge-exclusion = Utenforskap
challenge-mental-health = Psykisk helse
challenge-other = Annet
journal-kind-note = Notat
journal-kind-conversation = Samtale
journal-kind-collaboration = Samarbeid
journal-kind-concern-report = Bekymringsmelding
journal-kind-correction-refused = Avslått retting
journal-draft = Utkast, ikke signert
journal-version = Versjon
journal-author = Skrevet av
journal-written = skrevet
journal-help-given = Hjelpen ble gitt
journal-signed-at = signert { $when }
journal-reason = Begrunnelse for rettelsen
journal-edit-draft = Endre utkastet
journal-save-draft = Lagre utkast
journal-sign = Signer notatet
journal-sign-now = Signer med en gang (teksten kan da ikke endres, bare rettes)
journal-correct = Rett notatet
journal-corrected-text = Rettet tekst
journal-save-correction = Lagre rettelsen som ny versjon
journal-leader-actions = Lederhandlinger
journal-withhold = Lagre unntak fra innsyn
journal-withhold-reason = Grunn til å unnta fra innsyn
journal-withhold-hint = Pasient- og brukerrettighetsloven § 5-1 andre ledd. Tomt felt opphever unntaket.
journal-withheld-note = Unntatt fra innsyn: { $reason }
journal-delete = Slett notatet
journal-delete-reason = Vedtak og grunn for sletting
journal-delete-hint = Helsepersonelloven § 43. Teksten blir borte; vedtaket journalføres.
journal-deletions = Slettede notater
journal-new-note = Nytt journalnotat
journal-hidden = { $n ->
    [one] Ett notat er sperret for deg.
   *[other] { $n } notater er sperret for deg.
}
journal-refused-signed = Et signert notat kan ikke endres. Skriv en rettelse.
journal-refused-not-author = Bare forfatteren kan endre eller signere et utkast.
journal-refused-not-signed = Bare signerte notater kan rettes. Endre utkastet i stedet.
journal-refused-no-reason = Skriv en begrunnelse.
journal-refused-empty = Journalteksten er tom.
assessment-new = Ny kartlegging
assessment-date = Dato for kartleggingen
assessment-factor = Faktor
assessment-comment = Kommentar
assessment-save = Lagre kartleggingen
factor-substance-use = Rus
factor-crime = Kriminalitet
factor-school = Skole
factor-family = Familie
factor-network = Venner og nettverk
factor-mental-health = Psykisk helse
factor-housing = Bolig
factor-leisure = Fritid
factor-present = Til stede
factor-absent = Ikke til stede
factor-unknown = Ukjent
block-title = Sperring
block-intro = Ungdommen kan be om at journalen eller enkeltnotater sperres for navngitte ansatte, også for notater som skrives senere.
block-person = Sperres for
block-scope = Omfang
block-whole-record = Hele journalen
block-one-entry = Ett notat ({ $entry })
block-reason = Grunn (ungdommens anmodning)
block-add = Sperr
block-lift = Opphev sperringen
block-lifted = opphevet { $when }
block-error-person = Velg en ansatt i tjenesten.
block-error-reason = Skriv grunnen til sperringen.
emergency-title = Nødtilgang
emergency-intro = Du er ikke kontaktperson for ungdommen med referanse { $reference }. Ta nødtilgang bare når du trenger journalen for å gi hjelp nå.
emergency-duration = { $hours ->
    [one] Tilgangen varer i én time, logges og gjennomgås av leder.
   *[other] Tilgangen varer i { $hours } timer, logges og gjennomgås av leder.
}
emergency-reason = Begrunnelse
emergency-reason-hint = Hvorfor trenger du journalen nå? Minst 10 tegn.
emergency-take = Ta nødtilgang
emergency-error-reason = Skriv en begrunnelse på minst 10 tegn.
emergency-active = Du har nødtilgang til denne journalen. Begrunnelse: { $reason }
review-title = Gjennomgang av nødtilganger
review-intro = Alle nødtilganger skal gjennomgås. Se også hele tilgangshistorikken til hver ansatt i loggen.
review-open = Ikke gjennomgått
review-done = Gjennomgått
review-none-open = Ingen nødtilganger venter på gjennomgang.
review-granted = Gitt
review-expires = utløper
review-history = Tilgangshistorikk for { $name }
review-note = Merknad
review-mark = Merk som gjennomgått
review-reviewed = Gjennomgått
innsyn-title = Innsyn i journal
innsyn-html = Innsyn (nettside)
innsyn-pdf = Innsyn (PDF)
innsyn-produced = Utskrift laget { $when }.
innsyn-withheld = { $n ->
    [one] Ett notat er unntatt fra innsyn etter pasient- og brukerrettighetsloven § 5-1 andre ledd.
   *[other] { $n } notater er unntatt fra innsyn etter pasient- og brukerrettighetsloven § 5-1 andre ledd.
}
innsyn-accesses = Hvem har sett journalen
innsyn-accesses-intro = Alle som har åpnet, endret eller skrevet ut journalen, med tidspunkt og grunnlag.
innsyn-col-when = Tidspunkt
innsyn-col-who = Hvem
innsyn-col-what = Hva
innsyn-col-basis = Grunnlag
innsyn-access-read = Lest
innsyn-access-change = Endret
innsyn-access-export = Skrevet ut
innsyn-access-emergency = Tok nødtilgang
basis-contact-person = Kontaktperson
basis-leader = Leder
basis-emergency = Nødtilgang
basis-administration = Administrasjon

report-follow-up = 2.3 Individuell oppfølging
report-fu-measure = Mål
report-fu-conversations = Oppfølgingssamtaler
report-fu-youths = Unike ungdommer
report-fu-new-youths = Nye ungdommer i år
report-fu-other-municipality = Ungdommer som bor i en annen kommune
report-fu-challenges = Ungdommer per utfordring

home-overdue-drafts = { $n ->
    [one] Ett journalutkast er eldre enn ett døgn og ikke signert.
   *[other] { $n } journalutkast er eldre enn ett døgn og ikke signert.
}

# Consent, collaboration, inquiries, child welfare
nav-inquiries = Henvendelser
nav-counterparts = Samarbeidstjenester
answer-yes = Ja
answer-no = Nei
youth-done-consent = Samtykket er registrert.
youth-done-withdrawn = Tilbaketrekkingen er registrert. Ingenting deles under samtykket fra og med denne datoen.
youth-done-collaboration = Samarbeidet er registrert i journalen.
youth-done-welfare = Registrert i journalen.
youth-done-answered = Svaret er registrert.
counterparts-title = Samarbeidstjenester
counterparts-intro = Tjenestene teamet samarbeider med eller får henvendelser fra. Arkiverte tjenester står i gamle registreringer, men tilbys ikke i nye.
counterparts-code = Kode
counterparts-code-hint = Små bokstaver, sifre og _ (for eksempel nav). Koden brukes i import og eksport.
counterparts-name = Navn
counterparts-rename = Lagre navn
counterparts-add = Legg til tjeneste
counterparts-saved = Lagret.
counterparts-error-code = Koden kan bare ha små bokstaver a–z, sifre og _.
counterparts-error-name = Skriv et navn på høyst 200 tegn.
counterparts-error-taken = Koden { $code } er allerede i bruk.
inquiries-title = Henvendelser uten samtykke
inquiries-intro = Henvendelser fra og til andre tjenester når det ikke finnes samtykke: bare generelle råd, ingen opplysninger om enkeltungdom.
inquiries-direction = Retning
inquiries-service = Tjeneste
inquiries-topic = Tema
inquiries-topic-warning = Ikke skriv noe som kan identifisere en ungdom: ingen navn, skole, adresse eller kjennetegn.
inquiries-save = Registrer henvendelsen
inquiries-saved = Henvendelsen er registrert.
inquiries-list = Henvendelser i { $year }
inquiries-error-direction = Velg retning.
inquiries-error-service = Velg en tjeneste fra listen.
direction-incoming = Inn (tjenesten kom til oss)
direction-outgoing = Ut (vi henviste eller samarbeidet)
consent-title = Samtykke til samarbeid
consent-covered-today = Samtykke dekker i dag
consent-none-in-force = ingen tjenester
consent-new-title = Registrer samtykke
consent-intro = Registrer hvem som samtykket, hvilke tjenester det gjelder, hva som kan deles og til hvilket formål. Fra 16 år samtykker ungdommen selv; under 16 samtykker foresatte, og ungdommens egen mening skal alltid høres (pasient- og brukerrettighetsloven §§ 3-4, 4-3 og 4-4).
consent-given-on = Samtykket gitt
consent-age-note = { $n ->
    [one] Ungdommen var { $n } år denne dagen.
   *[other] Ungdommen var { $n } år denne dagen.
}
consent-given-by = Hvem samtykket
consent-by-youth = Ungdommen
consent-by-guardian = Foresatte
consent-by-both = Ungdommen og foresatte
consent-services = Tjenester samtykket gjelder
consent-what = Hva kan deles
consent-purpose = Formål
consent-valid-until = Gyldig til
consent-valid-until-hint = Tom: til samtykket trekkes tilbake.
consent-form = Form
consent-oral = Muntlig
consent-written = Skriftlig
consent-youth-view = Ungdommens egen mening
consent-youth-view-hint = Må fylles ut når ungdommen er under 16.
consent-guardians-not-involved = Hvorfor foresatte ikke er involvert
consent-guardians-not-involved-hint = Bare når ungdommen er under 16 og samtykker alene: skriv hvorfor foresatte ikke involveres (pasient- og brukerrettighetsloven § 3-4).
consent-save = Lagre samtykket
consent-given = Gitt
consent-until = Gyldig til
consent-no-end = til det trekkes tilbake
consent-in-force = gjelder
consent-not-in-force = gjelder ikke i dag
consent-recorded = Registrert av
consent-withdrawn = Trukket tilbake { $when }
consent-withdrawn-on = Trukket tilbake dato
consent-withdraw = Registrer tilbaketrekking
consent-renew-16 = Ungdommen har fylt 16 og samtykker nå selv. Forny samtykket for { $services }.
consent-renew-18 = Ungdommen har fylt 18. Forny samtykket for { $services }.
consent-renew-expiring = Et samtykke utløper { $until }. Vurder å fornye det.
consent-error-given-by = Velg hvem som samtykket.
consent-error-youth-must-consent = Fra 16 år samtykker ungdommen selv; foresatte kan ikke samtykke alene.
consent-error-guardian-needed = Under 16 år må foresatte samtykke, med mindre du skriver hvorfor foresatte ikke er involvert.
consent-error-youth-view = Under 16 år skal ungdommens egen mening registreres.
consent-error-no-service = Velg minst én tjeneste.
consent-error-ends-before-start = Samtykket kan ikke slutte før det begynner.
consent-error-withdraw = Samtykket er allerede trukket tilbake, eller datoen er før samtykket ble gitt.
collaboration-title = Samarbeid med andre tjenester
collaboration-new-title = Registrer samarbeid
collaboration-intro = Samarbeid om en ungdom krever samtykke som dekker tjenesten på datoen.
collaboration-note = Notat
collaboration-save = Lagre samarbeidet
collaboration-refused-heading = Samarbeidet kan ikke lagres
collaboration-not-covered = Ingen samtykke fra ungdommen dekker { $service }. Registrer samtykke først, eller registrer en anonym henvendelse uten opplysninger om ungdommen.
collaboration-record-consent = Registrer samtykke
collaboration-register-inquiry = Registrer anonym henvendelse i stedet
welfare-title = Barnevernstjenesten
welfare-report-title = Send bekymringsmelding
welfare-request-title = Registrer anmodning om opplysninger
welfare-report-intro = Bekymringsmelding til barnevernstjenesten for barn under 18 år (helsepersonelloven § 33). Meldingen journalføres.
welfare-request-intro = Anmodning om opplysninger fra barnevernstjenesten: hva som ble spurt om og svarfrist.
welfare-date-sent = Dato sendt
welfare-date-received = Dato mottatt
welfare-grounds = Grunnlag
welfare-grounds-text = Grunnlaget med egne ord
welfare-sent = Hva ble sendt
welfare-youth-told = Ungdommen er informert
welfare-guardians-told = Foresatte er informert
welfare-legal-basis = Hjemmel
welfare-legal-basis-default = helsepersonelloven § 33
welfare-asked = Hva ble det spurt om
welfare-deadline = Svarfrist
welfare-save = Lagre
welfare-report-sent = Bekymringsmelding sendt
welfare-request-received = Anmodning om opplysninger mottatt
welfare-overdue = fristen er passert
welfare-answered = Besvart
welfare-answered-on = Besvart dato
welfare-answer = Hva ble svart
welfare-save-answer = Lagre svaret
welfare-error-adult = Ungdommen er 18 år eller eldre på datoen. Bekymringsmelding gjelder barn under 18 år.
welfare-error-grounds = Velg minst ett grunnlag.
welfare-error-answer = Skriv hva som ble svart.
welfare-error-answered = Anmodningen er allerede besvart, eller svaret er datert før den ble mottatt.
ground-neglect = Omsorgssvikt
ground-violence = Vold eller overgrep
ground-substance-use = Rus
ground-behaviour = Alvorlige atferdsvansker
ground-mental-health = Psykisk helse
ground-other = Annet

home-awaiting-contact-persons = Ungdommer som venter på kontaktpersoner
home-awaiting-contact-persons-hint = Disse oppfølgingene har færre enn to aktive kontaktpersoner (importert uten, eller en kontaktperson har sluttet). Åpne journalen og tildel to.
home-requests = Åpne anmodninger fra barnevernstjenesten

report-collaborations = 2.5 Samarbeid med andre tjenester
report-collaborations-desc = Samarbeid om enkeltungdom med samtykke, inn (tjenesten kom til oss) og ut (vi henviste eller samarbeidet).
report-incoming = Inn
report-outgoing = Ut
report-total = Sum
report-inquiries = 2.6 Henvendelser
report-inquiries-desc = Henvendelser fra og til andre tjenester uten samtykke: generelle råd, ingen opplysninger om enkeltungdom.
report-child-welfare = 2.9 Bekymringsmeldinger til barnevernstjenesten
report-cw-concern-reports = Bekymringsmeldinger sendt
report-cw-requests = Anmodninger om opplysninger mottatt
report-cw-answered = Anmodninger besvart

collaboration-api-not-covered = Ingen samtykke fra ungdommen dekker tjenesten på datoen. Ingenting ble lagret. Registrer samtykke, eller registrer en anonym henvendelse i stedet.

inquiries-choose-service = Velg tjeneste

refusal-title = Avslått krav om retting
refusal-intro = Når ungdommen ber om retting og kravet avslås, skal avslaget journalføres, med retten til å klage til Statsforvalteren (helsepersonelloven § 42).
refusal-request = Kravet om retting
refusal-reason = Begrunnelse for avslaget
refusal-complaint = Ungdommen er informert om retten til å klage til Statsforvalteren.
refusal-save = Journalfør avslaget
refusal-error = Skriv både kravet og begrunnelsen for avslaget.

home-unreviewed = { $n ->
    [one] Én nødtilgang venter på din gjennomgang.
   *[other] { $n } nødtilganger venter på din gjennomgang.
}

audit-youth = Ungdom { $reference }

pager-label = Sider
pager-position = Side { $page }
pager-total = { $n ->
    [one] { $n } ungdom
   *[other] { $n } ungdommer
}
pager-previous = Forrige side
pager-next = Neste side
error-entry-blocked = Dette notatet er sperret for deg etter ønske fra den unge.

# Groups
nav-groups = Grupper
groups-title = Grupper
groups-intro = Gruppene teamet driver – livsmestring (Sisterhood/Brotherhood), FLYT, gaming og andre – med oppmøte per samling.
groups-none = Ingen grupper ennå.
groups-year = Samlinger og oppmøter i { $year }
groups-name = Navn
groups-kind = Type
groups-place = Skole eller sted
groups-no-place = (intet fast sted)
groups-sessions = Samlinger
groups-attendances = Oppmøter
groups-new = Ny gruppe
groups-create = Opprett gruppen
group-kind-life_skills = Livsmestring
group-kind-flyt = FLYT
group-kind-gaming = Gaming
group-kind-other = Annen gruppe
groups-roll-call = Oppmøte på en samling
groups-named = Ungdommer i oppfølging
groups-named-hint = Bare ungdommer du har tilgang til vises: dine egne og de som har vært med i gruppen før.
groups-no-candidates = Ingen ungdommer å krysse av – skriv deltakerne som kallenavn under.
groups-anonymous = Anonyme deltakere
groups-pseudonyms = Anonyme deltakere (kallenavn eller gamertag, én per linje)
groups-pseudonyms-hint = Bruk kallenavn eller gamertag, aldri fullt navn. Samme kallenavn regnes som samme deltaker.
groups-save-session = Lagre oppmøtet
groups-no-sessions = Ingen samlinger registrert.
groups-recorded = { $n ->
    [one] Ett oppmøte er lagret.
   *[other] { $n } oppmøter er lagret.
}
groups-already-there = { $n ->
    [one] Ett var registrert fra før og ble ikke telt på nytt.
   *[other] { $n } var registrert fra før og ble ikke telt på nytt.
}
groups-error-name = Skriv et navn på gruppen (høyst 100 tegn).
groups-error-name-taken = Det finnes allerede en gruppe med dette navnet.
groups-error-place = Velg et sted som finnes.
groups-error-pseudonym = Et kallenavn kan være høyst 100 tegn.
youth-groups = Gruppeoppmøter
