//! English and German. The English text is the key: `t("Roles")` is "Roles" or "Rollen",
//! whichever language is on, and reading it inside a view subscribes that text to the switcher.
//! A unit test reads the sources and checks that every text passed to [`t`], [`tr`], [`tf`] or
//! [`k`] has a German entry, in [`GERMAN`] (the first download) or in `GERMAN_SCREENS` (the
//! screens' chunk), and that no entry is unused.

use leptos::prelude::*;
use std::fmt::Display;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    En,
    De,
}

impl Lang {
    /// awork's `language` (`de`, `de-DE`, `en-GB`…) or a browser's; `None` for other languages.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let base = tag.trim().split(['-', '_']).next().unwrap_or("").to_ascii_lowercase();
        match base.as_str() {
            "de" => Some(Lang::De),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::De => "de",
        }
    }

    /// The language's name in itself, for the switcher.
    pub fn name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::De => "Deutsch",
        }
    }

    pub const ALL: [Lang; 2] = [Lang::En, Lang::De];
}

thread_local! {
    /// The German of the screens once their chunk is there ([`screens_loaded`]); native tests,
    /// which load no chunk, have it from the start.
    static MORE: std::cell::Cell<&'static [(&'static str, &'static str)]> =
        const { std::cell::Cell::new(if cfg!(target_arch = "wasm32") { &[] } else { GERMAN_SCREENS }) };
    /// Reference-counted rather than owned by whichever component first read it, so no owner's
    /// cleanup can dispose of it: every text, anywhere, reads the live language.
    static LANG: ArcRwSignal<Lang> = ArcRwSignal::new(Lang::En);
    /// Whether the admin picked the language (then `/me` no longer decides it).
    static PICKED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// The language on (tracked: a view reading it follows the switcher).
pub fn lang() -> Lang {
    LANG.with(|l| l.get())
}

/// Switches the language; `picked` when the admin chose it.
pub fn set_lang(lang: Lang, picked: bool) {
    if picked {
        PICKED.with(|p| p.set(true));
    }
    LANG.with(|l| {
        if l.get_untracked() != lang {
            l.set(lang)
        }
    });
    #[cfg(target_arch = "wasm32")]
    if let Some(html) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
        let _ = html.set_attribute("lang", lang.tag());
    }
}

/// Follows `/me`'s `language`, unless the admin picked one in this tab.
pub fn follow(tag: Option<&str>) {
    if let Some(lang) = tag.and_then(Lang::from_tag) {
        if !PICKED.with(|p| p.get()) {
            set_lang(lang, false);
        }
    }
}

/// The text in the language on.
pub fn t(en: &'static str) -> &'static str {
    translate(en).unwrap_or(en)
}

/// A text as a view child or attribute that follows the switcher.
pub fn tr(en: &'static str) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    move || t(en)
}

/// A text with `{name}` placeholders filled in.
pub fn tf(en: &'static str, args: &[(&str, &dyn Display)]) -> String {
    let mut out = t(en).to_string();
    for (name, value) in args {
        out = out.replace(&format!("{{{name}}}"), &value.to_string());
    }
    out
}

/// Marks a text as one to translate later, where it is shown (see [`t_dyn`]).
pub const fn k(en: &'static str) -> &'static str {
    en
}

/// A text marked with [`k`], in the language on; other texts stay as they are.
pub fn t_dyn(s: &str) -> String {
    translate(s).unwrap_or(s).to_string()
}

/// `en` in the language on, when that is not English and a translation exists.
fn translate(en: &str) -> Option<&'static str> {
    match lang() {
        Lang::En => None,
        Lang::De => GERMAN.iter().chain(MORE.with(|m| m.get())).find(|(e, _)| *e == en).map(|(_, de)| *de),
    }
}

/// Called by the screens' chunk as it starts (see [`GERMAN_SCREENS`]).
pub fn screens_loaded() {
    MORE.with(|m| m.set(GERMAN_SCREENS));
}

/// A whole number with the language's thousands separator: 10,000 or 10.000.
pub fn number(n: usize) -> String {
    let sep = match lang() {
        Lang::En => ',',
        Lang::De => '.',
    };
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

/// What views and messages need: `use crate::i18n::prelude::*;`.
pub mod prelude {
    pub use super::{k, number, t, t_dyn, tf, tr};
}

/// (English, German): the texts of the first download (the sign-in screen, the frame of the app,
/// what awork's errors say). A unit test fails when a text used outside the screens' modules is
/// not here.
pub const GERMAN: &[(&str, &str)] = &[
    ("API token", "API-Token"),
    ("Admin", "Admin"),
    ("Assign", "Zuweisen"),
    ("Assign by email", "Per E-Mail zuweisen"),
    ("Could not check your session", "Ihre Sitzung konnte nicht geprüft werden"),
    ("Could not reach awork. Check the connection and try again.", "awork ist nicht erreichbar. Prüfen Sie die Verbindung und versuchen Sie es erneut."),
    ("English", "Englisch"),
    ("Guest", "Gast"),
    ("Invite", "Einladen"),
    ("Invite many", "Viele einladen"),
    ("Language", "Sprache"),
    ("Loading this screen…", "Diese Ansicht wird geladen …"),
    ("Main", "Hauptnavigation"),
    ("Name", "Name"),
    ("Opening awork…", "awork wird geöffnet …"),
    ("Paste an awork API token. It is checked with awork, kept only in this browser tab, and forgotten when you sign out or close the tab.", "Fügen Sie ein awork-API-Token ein. Es wird bei awork geprüft, nur in diesem Browser-Tab aufbewahrt und beim Abmelden oder Schließen des Tabs vergessen."),
    ("Paste your awork API token first.", "Fügen Sie zuerst Ihr awork-API-Token ein."),
    ("People", "Personen"),
    ("Profile", "Profil"),
    ("Recommended: signs you in with your own awork account and role, without a long-lived API key.", "Empfohlen: meldet Sie mit Ihrem eigenen awork-Konto und Ihrer Rolle an, ohne langlebigen API-Schlüssel."),
    ("Result", "Ergebnis"),
    ("Role", "Rolle"),
    ("Roles", "Rollen"),
    ("Sign in", "Anmelden"),
    ("Sign in to awork admin", "Bei awork admin anmelden"),
    ("Sign in with awork", "Mit awork anmelden"),
    ("Sign out", "Abmelden"),
    ("Signing in with awork did not finish: {reason}", "Die Anmeldung mit awork wurde nicht abgeschlossen: {reason}"),
    ("Signing in with awork was cancelled.", "Die Anmeldung mit awork wurde abgebrochen."),
    ("Signing in with awork…", "Anmeldung mit awork …"),
    ("Signing in…", "Anmeldung …"),
    ("Skip to content", "Zum Inhalt springen"),
    ("Status", "Status"),
    ("The browser blocked the sign-in window. Allow pop-ups for this page, or open awork admin in a tab of its own.", "Der Browser hat das Anmeldefenster blockiert. Erlauben Sie Pop-ups für diese Seite oder öffnen Sie awork admin in einem eigenen Tab."),
    ("This account lacks the permission for this screen. Ask a workspace admin for access.", "Diesem Konto fehlt die Berechtigung für diese Ansicht. Bitten Sie einen Workspace-Admin um Zugriff."),
    ("This browser cannot sign in with awork here (it needs a secure https page with sessionStorage).", "Dieser Browser kann sich hier nicht mit awork anmelden (dafür ist eine sichere https-Seite mit sessionStorage nötig)."),
    ("This email is already in the workspace.", "Diese E-Mail-Adresse ist bereits im Workspace."),
    ("This screen could not be loaded. Check the connection and try again.", "Diese Ansicht konnte nicht geladen werden. Prüfen Sie die Verbindung und versuchen Sie es erneut."),
    ("This sign-in answer did not come from the sign-in this tab started, so it was ignored. Please sign in again.", "Diese Anmeldeantwort gehört nicht zu der in diesem Tab gestarteten Anmeldung und wurde ignoriert. Bitte melden Sie sich erneut an."),
    ("This token was not accepted by awork. Check that you copied the whole API key and that it belongs to this workspace.", "awork hat dieses Token nicht akzeptiert. Prüfen Sie, ob Sie den ganzen API-Schlüssel kopiert haben und ob er zu diesem Workspace gehört."),
    ("This value was not accepted.", "Dieser Wert wurde nicht akzeptiert."),
    ("Try again", "Erneut versuchen"),
    ("Unnamed user", "Unbenannter Benutzer"),
    ("Workspace", "Workspace"),
    ("You were signed out after {n} minutes without activity. Please sign in again.", "Sie wurden nach {n} Minuten ohne Aktivität abgemeldet. Bitte melden Sie sich erneut an."),
    ("Your session has ended. Please sign in again.", "Ihre Sitzung ist beendet. Bitte melden Sie sich erneut an."),
    ("awork answered with an unexpected status ({status}).", "awork hat mit einem unerwarteten Status geantwortet ({status})."),
    ("awork could not find what was asked for.", "awork konnte das Gesuchte nicht finden."),
    ("awork did not accept the input.", "awork hat die Eingabe nicht akzeptiert."),
    ("awork did not accept this sign-in. Please sign in again.", "awork hat diese Anmeldung nicht akzeptiert. Bitte melden Sie sich erneut an."),
    ("awork did not answer within {s} seconds, so the change may or may not have been made. Check before sending it again.", "awork hat nicht innerhalb von {s} Sekunden geantwortet; die Änderung wurde vielleicht trotzdem vorgenommen. Prüfen Sie das, bevor Sie sie erneut senden."),
    ("awork did not answer within {s} seconds. Try again.", "awork hat nicht innerhalb von {s} Sekunden geantwortet. Versuchen Sie es erneut."),
    ("awork did not sign you in ({code}). Please try again.", "awork hat Sie nicht angemeldet ({code}). Bitte versuchen Sie es erneut."),
    ("awork had a problem ({status}). Try again.", "Bei awork ist ein Problem aufgetreten ({status}). Versuchen Sie es erneut."),
    ("awork is busy (too many requests). Try again in a moment.", "awork ist ausgelastet (zu viele Anfragen). Versuchen Sie es gleich noch einmal."),
    ("awork is busy (too many requests). Try again in {s} s.", "awork ist ausgelastet (zu viele Anfragen). Versuchen Sie es in {s} s erneut."),
    ("awork sent an answer that could not be read. Try again.", "awork hat eine unlesbare Antwort gesendet. Versuchen Sie es erneut."),
    ("awork sent more than this app takes in one answer, so it was not loaded.", "awork hat mehr gesendet, als diese App in einer Antwort annimmt; es wurde nicht geladen."),
    ("awork workspace", "awork-Workspace"),
    ("deactivate", "deaktivieren"),
    ("or", "oder"),
];

/// (English, German): the texts only the screens behind the sign-in use. They are in the screens'
/// wasm chunk, not in the first download: [`screens_loaded`], called by that chunk, adds them.
/// `scripts/check-texts.mjs` fails the tests when a text here is in the main wasm after all
/// (the first download uses it, and so it would show in English until the chunk is there).
static GERMAN_SCREENS: &[(&str, &str)] = &[
    (" · about {s} s left", " · noch etwa {s} s"),
    (". Role and teams by name; several teams separated by ; — an empty role means the default member role.", ". Rolle und Teams mit Namen; mehrere Teams durch ; getrennt – ohne Rolle gilt die Standard-Mitgliederrolle."),
    ("1 member", "1 Mitglied"),
    ("A new invitation is on its way to {name}.", "Eine neue Einladung an {name} ist unterwegs."),
    ("API user", "API-Nutzer"),
    ("About", "Über"),
    ("Access", "Zugang"),
    ("Active", "Aktiv"),
    ("Add to team…", "Zu Team hinzufügen …"),
    ("Add {name} to a team", "{name} zu einem Team hinzufügen"),
    ("Add {name} to the team", "{name} zum Team hinzufügen"),
    ("Address", "Adresse"),
    ("Agent", "Agent"),
    ("All roles", "Alle Rollen"),
    ("All statuses", "Alle Status"),
    ("All teams", "Alle Teams"),
    ("Apply to {n} people", "Auf {n} Personen anwenden"),
    ("April", "April"),
    ("Archived", "Archiviert"),
    ("Assigning…", "Wird zugewiesen …"),
    ("August", "August"),
    ("Birth date", "Geburtsdatum"),
    ("Cancel", "Abbrechen"),
    ("Cancelled", "Abgebrochen"),
    ("Cancelling…", "Wird abgebrochen …"),
    ("Change for the selected", "Änderung für die Ausgewählten"),
    ("Change my role", "Meine Rolle ändern"),
    ("Change role", "Rolle ändern"),
    ("Change role of {name}", "Rolle von {name} ändern"),
    ("Change role to…", "Rolle ändern zu …"),
    ("Change task", "Andere Aufgabe"),
    ("Change the selected people", "Die ausgewählten Personen ändern"),
    ("Changed", "Geändert"),
    ("Changes are still being sent. Leave anyway? People not changed yet will not be.", "Änderungen werden noch gesendet. Trotzdem verlassen? Noch nicht geänderte Personen werden nicht geändert."),
    ("Check rows", "Zeilen prüfen"),
    ("Choose a change and what it changes to.", "Wählen Sie eine Änderung und wozu sie ändert."),
    ("Choose a gender from the list.", "Wählen Sie ein Geschlecht aus der Liste."),
    ("Choose the role the person gets.", "Wählen Sie die Rolle, die die Person erhält."),
    ("Choose the task: type its key or id, or words from its name and pick it from the list.", "Wählen Sie die Aufgabe: Geben Sie ihren Schlüssel oder ihre ID ein, oder Wörter aus ihrem Namen, und wählen Sie sie aus der Liste."),
    ("Choose…", "Auswählen …"),
    ("Clear selection", "Auswahl aufheben"),
    ("Close", "Schließen"),
    ("Contact", "Kontakt"),
    ("Copied", "Kopiert"),
    ("Copy", "Kopieren"),
    ("Deactivate", "Deaktivieren"),
    ("Deactivate {name}", "{name} deaktivieren"),
    ("Deactivate {name}? They can no longer sign in to awork. Their licence stays booked.", "{name} deaktivieren? Die Person kann sich nicht mehr bei awork anmelden. Ihre Lizenz bleibt gebucht."),
    ("Deactivate {n} people", "{n} Personen deaktivieren"),
    ("Deactivate {n} people? They can no longer sign in to awork. Their licences stay booked.", "{n} Personen deaktivieren? Sie können sich nicht mehr bei awork anmelden. Ihre Lizenzen bleiben gebucht."),
    ("Deactivated", "Deaktiviert"),
    ("December", "Dezember"),
    ("Don't send the invitation email", "Keine Einladungs-E-Mail senden"),
    ("Download results (CSV)", "Ergebnisse herunterladen (CSV)"),
    ("Dutch", "Niederländisch"),
    ("Email", "E-Mail"),
    ("Enter the email address of the person.", "Geben Sie die E-Mail-Adresse der Person ein."),
    ("Enter the email address to invite.", "Geben Sie die E-Mail-Adresse ein, die eingeladen werden soll."),
    ("Export CSV", "CSV exportieren"),
    ("External", "Extern"),
    ("Failed: {message}", "Fehlgeschlagen: {message}"),
    ("February", "Februar"),
    ("Female", "Weiblich"),
    ("First name", "Vorname"),
    ("For example Designer", "Zum Beispiel Designerin"),
    ("For example Dr.", "Zum Beispiel Dr."),
    ("French", "Französisch"),
    ("Gender", "Geschlecht"),
    ("German", "Deutsch"),
    ("Give {name} admin rights? They can then change everything in the workspace.", "{name} Admin-Rechte geben? Damit lässt sich alles im Workspace ändern."),
    ("Go to your profile", "Zu Ihrem Profil"),
    ("Invitation", "Einladung"),
    ("Invitation accepted", "Einladung angenommen"),
    ("Invitation code", "Einladungscode"),
    ("Invitation pending", "Einladung offen"),
    ("Invitation pending, sent {ago}.", "Einladung offen, gesendet {ago}."),
    ("Invitation sent to ", "Einladung gesendet an "),
    ("Invitations are still being sent. Leave anyway? Rows not sent yet will not be sent.", "Es werden noch Einladungen gesendet. Trotzdem verlassen? Noch nicht gesendete Zeilen werden nicht gesendet."),
    ("Invitations sent", "Gesendete Einladungen"),
    ("Invite a person", "Person einladen"),
    ("Invite a person and assign them to a task in one step.", "Eine Person einladen und ihr in einem Schritt eine Aufgabe zuweisen."),
    ("Invite by assigning a task instead", "Stattdessen über eine Aufgabenzuweisung einladen"),
    ("Invite many at once", "Viele auf einmal einladen"),
    ("Invite {name} again", "{name} erneut einladen"),
    ("Invited · {code}", "Eingeladen · {code}"),
    ("Inviting…", "Wird eingeladen …"),
    ("Italian", "Italienisch"),
    ("January", "Januar"),
    ("July", "Juli"),
    ("June", "Juni"),
    ("Last name", "Nachname"),
    ("Line", "Zeile"),
    ("Loading members…", "Mitglieder werden geladen …"),
    ("Loading people…", "Personen werden geladen …"),
    ("Loading roles and teams…", "Rollen und Teams werden geladen …"),
    ("Loading roles…", "Rollen werden geladen …"),
    ("Loading teams…", "Teams werden geladen …"),
    ("Loading your profile…", "Ihr Profil wird geladen …"),
    ("Loading…", "Wird geladen …"),
    ("Looking for tasks…", "Aufgaben werden gesucht …"),
    ("Male", "Männlich"),
    ("Manage", "Verwalten"),
    ("Manage {name}", "{name} verwalten"),
    ("March", "März"),
    ("Matching tasks", "Passende Aufgaben"),
    ("May", "Mai"),
    ("Members of {role}", "Mitglieder von {role}"),
    ("Messenger", "Messenger"),
    ("Move {n} people", "{n} Personen verschieben"),
    ("Move {n} people to the role “{role}”?", "{n} Personen in die Rolle „{role}“ verschieben?"),
    ("Name or email", "Name oder E-Mail"),
    ("New role", "Neue Rolle"),
    ("New user id: ", "Neue Benutzer-ID: "),
    ("No contact details.", "Keine Kontaktdaten."),
    ("No member matches the search.", "Kein Mitglied passt zur Suche."),
    ("No tags.", "Keine Tags."),
    ("No task has the key {key}.", "Keine Aufgabe hat den Schlüssel {key}."),
    ("No task has this id.", "Keine Aufgabe hat diese ID."),
    ("No task you can see matches “{text}”.", "Keine für Sie sichtbare Aufgabe passt zu „{text}“."),
    ("Nobody matches the search and filters.", "Niemand passt zur Suche und zu den Filtern."),
    ("Not in any team.", "In keinem Team."),
    ("Not set", "Nicht angegeben"),
    ("Nothing here", "Hier ist nichts"),
    ("Nothing to change: the selected people are already as asked.", "Nichts zu ändern: Die ausgewählten Personen sind bereits so."),
    ("November", "November"),
    ("October", "Oktober"),
    ("One person per line: ", "Eine Person pro Zeile: "),
    ("Only workspace admins can invite people. Ask an admin of this workspace.", "Nur Workspace-Admins können Personen einladen. Fragen Sie einen Admin dieses Workspaces."),
    ("Or upload a CSV file", "Oder eine CSV-Datei hochladen"),
    ("Other", "Divers"),
    ("Paste CSV", "CSV einfügen"),
    ("People changed", "Geänderte Personen"),
    ("Phone", "Telefon"),
    ("Polish", "Polnisch"),
    ("Portuguese", "Portugiesisch"),
    ("Position", "Position"),
    ("Preset", "Vorgabe"),
    ("Reactivate", "Reaktivieren"),
    ("Reactivate {name}", "{name} reaktivieren"),
    ("Reactivate {name}? They can sign in again, and awork emails them. This needs a free seat.", "{name} reaktivieren? Die Person kann sich wieder anmelden, und awork schreibt ihr eine E-Mail. Dafür braucht es einen freien Platz."),
    ("Reactivate {n} people", "{n} Personen reaktivieren"),
    ("Reactivate {n} people? They can sign in again, and awork emails each of them. Each needs a free seat.", "{n} Personen reaktivieren? Sie können sich wieder anmelden, und awork schreibt jeder eine E-Mail. Jede braucht einen freien Platz."),
    ("Ready", "Bereit"),
    ("Refresh", "Aktualisieren"),
    ("Refreshing…", "Wird aktualisiert …"),
    ("Remove from team…", "Aus Team entfernen …"),
    ("Remove {name} from {team}", "{name} aus {team} entfernen"),
    ("Retry {n} failed or cancelled", "{n} fehlgeschlagene oder abgebrochene erneut senden"),
    ("Role not found", "Rolle nicht gefunden"),
    ("Role of {name}", "Rolle von {name}"),
    ("Rows", "Zeilen"),
    ("Saving…", "Wird gespeichert …"),
    ("Search members", "Mitglieder durchsuchen"),
    ("Search people", "Personen suchen"),
    ("See them among the members of ", "Unter den Mitgliedern ansehen: "),
    ("Select all {n} shown", "Alle {n} angezeigten auswählen"),
    ("Select {name}", "{name} auswählen"),
    ("Send", "Senden"),
    ("Send {name} a new invitation email? The new code is valid for 24 hours.", "{name} eine neue Einladung per E-Mail senden? Der neue Code gilt 24 Stunden."),
    ("Send {n} invitations", "{n} Einladungen senden"),
    ("Sending…", "Wird gesendet …"),
    ("September", "September"),
    ("Show archived", "Archivierte zeigen"),
    ("Social", "Soziale Netzwerke"),
    ("Some changes are not offered: this account lacks the permission, which an admin has.", "Manche Änderungen werden nicht angeboten: Diesem Konto fehlt die Berechtigung, die ein Admin hat."),
    ("Sort by", "Sortieren nach"),
    ("Spanish", "Spanisch"),
    ("Tags", "Tags"),
    ("Take away your own admin rights? You can no longer change people here, and only another admin can give them back.", "Ihre eigenen Admin-Rechte abgeben? Sie können hier dann keine Personen mehr ändern, und nur ein anderer Admin kann sie Ihnen zurückgeben."),
    ("Take the admin rights from {name}?", "{name} die Admin-Rechte entziehen?"),
    ("Task", "Aufgabe"),
    ("Task key (ACME-12), words from its name, or its id", "Aufgabenschlüssel (ACME-12), Wörter aus dem Namen oder die ID"),
    ("Team", "Team"),
    ("Teams", "Teams"),
    ("The API users could not be loaded ({reason}). Until they are, bulk changes leave everyone out, so that no API user is taken for a person.", "Die API-Nutzer konnten nicht geladen werden ({reason}). Bis sie da sind, lassen Sammeländerungen alle aus, damit kein API-Nutzer für eine Person gehalten wird."),
    ("The code is valid for 24 hours.", "Der Code ist 24 Stunden gültig."),
    ("The email is missing.", "Die E-Mail-Adresse fehlt."),
    ("The email is not valid.", "Die E-Mail-Adresse ist ungültig."),
    ("The file could not be read as text.", "Die Datei konnte nicht als Text gelesen werden."),
    ("The file has no rows to invite.", "Die Datei enthält keine Zeilen zum Einladen."),
    ("The file has {n} rows; at most {max} are taken at a time. Split it into smaller files.", "Die Datei hat {n} Zeilen; höchstens {max} werden auf einmal übernommen. Teilen Sie sie in kleinere Dateien auf."),
    ("The file is {kb} KB; at most {max} KB are taken at a time. Split it into smaller files.", "Die Datei ist {kb} KB groß; höchstens {max} KB werden auf einmal übernommen. Teilen Sie sie in kleinere Dateien auf."),
    ("The people, their roles and the API users are still loading: changes to a selection wait until they are all in.", "Personen, ihre Rollen und die API-Nutzer werden noch geladen: Änderungen an einer Auswahl warten, bis alles da ist."),
    ("The results file holds the invitation codes: for 24 hours, anyone with a code can join the workspace. Keep it to yourself.", "Die Ergebnisdatei enthält die Einladungscodes: 24 Stunden lang kann jeder mit einem Code dem Workspace beitreten. Geben Sie sie nicht weiter."),
    ("The same email is on line {line}.", "Dieselbe E-Mail-Adresse steht in Zeile {line}."),
    ("There is no role “{role}”.", "Es gibt keine Rolle „{role}“."),
    ("There is no team “{name}”.", "Es gibt kein Team „{name}“."),
    ("This account may look at people but not change them: that needs an admin.", "Dieses Konto darf Personen ansehen, aber nicht ändern: Dafür braucht es einen Admin."),
    ("This address does not lead to a screen of awork admin.", "Diese Adresse führt zu keiner Ansicht von awork admin."),
    ("This is not a valid email address (name@example.com).", "Das ist keine gültige E-Mail-Adresse (name@example.com)."),
    ("This is the last active admin: awork needs at least one, so their role stays.", "Das ist der letzte aktive Admin: awork braucht mindestens einen, daher bleibt die Rolle."),
    ("This is the last active admin: awork needs at least one, so they stay active.", "Das ist der letzte aktive Admin: awork braucht mindestens einen, daher bleibt die Person aktiv."),
    ("This role has no members.", "Diese Rolle hat keine Mitglieder."),
    ("This workspace has no roles.", "Dieser Workspace hat keine Rollen."),
    ("This workspace has no teams.", "Dieser Workspace hat keine Teams."),
    ("This workspace's awork API no longer offers invitations.", "Die awork-API dieses Workspace bietet keine Einladungen mehr an."),
    ("This would leave the workspace without an active admin, which awork refuses. Keep at least one admin out of the selection.", "Damit bliebe der Workspace ohne aktiven Admin, was awork ablehnt. Lassen Sie mindestens einen Admin aus der Auswahl."),
    ("Title", "Titel"),
    ("Unnamed role", "Unbenannte Rolle"),
    ("Unnamed team", "Unbenanntes Team"),
    ("Unnamed workspace", "Unbenannter Workspace"),
    ("Untitled task", "Unbenannte Aufgabe"),
    ("User record not available", "Benutzerdaten nicht verfügbar"),
    ("User {id}", "Benutzer {id}"),
    ("Web", "Web"),
    ("Who the admins are is not known yet, so changes that touch admin rights wait until the roles have loaded.", "Noch ist nicht bekannt, wer Admin ist; Änderungen, die Admin-Rechte berühren, warten, bis die Rollen geladen sind."),
    ("You are left out: this change would take away your own admin rights or lock you out.", "Sie selbst bleiben außen vor: Diese Änderung würde Ihnen Ihre Admin-Rechte nehmen oder Sie aussperren."),
    ("You cannot deactivate your own account here: you would be locked out.", "Ihr eigenes Konto können Sie hier nicht deaktivieren: Sie wären ausgesperrt."),
    ("Your profile is still loading; try again in a moment.", "Ihr Profil wird noch geladen; versuchen Sie es gleich noch einmal."),
    ("add to team: {team}", "zum Team hinzufügen: {team}"),
    ("awork admin does not change archived people or API users.", "awork admin ändert keine archivierten Personen und keine API-Nutzer."),
    ("awork could not find this task any more; choose it again.", "awork findet diese Aufgabe nicht mehr; wählen Sie sie erneut."),
    ("awork creates the user and, unless you say otherwise, emails them an invitation.", "awork legt den Benutzer an und schickt ihm, wenn Sie nichts anderes wählen, eine Einladung per E-Mail."),
    ("awork did not say which workspace this is, so nobody can be invited.", "awork hat nicht mitgeteilt, um welchen Workspace es sich handelt; daher kann niemand eingeladen werden."),
    ("awork invites the person to the workspace if they are not in it yet.", "awork lädt die Person in den Workspace ein, falls sie noch nicht dazugehört."),
    ("awork sends no email; share the invitation code shown after inviting yourself.", "awork sendet keine E-Mail; geben Sie den nach dem Einladen angezeigten Einladungscode selbst weiter."),
    ("invited {ago}", "eingeladen {ago}"),
    ("members unknown", "Mitglieder unbekannt"),
    ("reactivate", "reaktivieren"),
    ("remove from team: {team}", "aus Team entfernen: {team}"),
    ("role: {role}", "Rolle: {role}"),
    ("this role", "dieser Rolle"),
    ("today", "heute"),
    ("yesterday", "gestern"),
    ("{email} is assigned to “{task}”", "{email} ist „{task}“ zugewiesen"),
    ("{k} of them get admin rights: they can change everything in the workspace.", "{k} davon erhalten Admin-Rechte: Sie können alles im Workspace ändern."),
    ("{k} of them lose their admin rights.", "{k} davon verlieren ihre Admin-Rechte."),
    ("{loaded} of {total}", "{loaded} von {total}"),
    ("{members}, {n} deactivated", "{members}, {n} deaktiviert"),
    ("{name} has a new role.", "{name} hat eine neue Rolle."),
    ("{name} is active again; awork has emailed them.", "{name} ist wieder aktiv; awork hat eine E-Mail geschickt."),
    ("{name} is deactivated. awork gave {reassigned} private projects another manager and deleted {deleted}.", "{name} ist deaktiviert. awork hat {reassigned} privaten Projekten eine andere Leitung gegeben und {deleted} gelöscht."),
    ("{name} joined the team.", "{name} ist jetzt im Team."),
    ("{name} left the team.", "{name} ist nicht mehr im Team."),
    ("{n} are left out: the API users could not be loaded, so nobody can be told from one.", "{n} bleiben außen vor: Die API-Nutzer konnten nicht geladen werden, daher lässt sich niemand von einem unterscheiden."),
    ("{n} days ago", "vor {n} Tagen"),
    ("{n} members", "{n} Mitglieder"),
    ("{n} months ago", "vor {n} Monaten"),
    ("{n} of the selected are already as asked, archived or API users: they are left alone.", "{n} der Ausgewählten sind bereits so, archiviert oder API-Nutzer: Sie bleiben unverändert."),
    ("{n} roles are called “{role}”: rename one in awork.", "{n} Rollen heißen „{role}“: Benennen Sie eine in awork um."),
    ("{n} selected", "{n} ausgewählt"),
    ("{n} teams are called “{name}”: rename one in awork.", "{n} Teams heißen „{name}“: Benennen Sie eines in awork um."),
    ("{n} weeks ago", "vor {n} Wochen"),
    ("{n} years ago", "vor {n} Jahren"),
    ("{ready} ready, {bad} with problems", "{ready} bereit, {bad} mit Problemen"),
    ("{reassigned} projects reassigned, {deleted} deleted", "{reassigned} Projekte neu vergeben, {deleted} gelöscht"),
    ("{sent} of {total} done · {ok} changed · {failed} failed", "{sent} von {total} erledigt · {ok} geändert · {failed} fehlgeschlagen"),
    ("{sent} of {total} sent · {invited} invited · {failed} failed", "{sent} von {total} gesendet · {invited} eingeladen · {failed} fehlgeschlagen"),
    ("{shown} of {total} people", "{shown} von {total} Personen"),
    ("← All roles", "← Alle Rollen"),
];

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::{BTreeMap, BTreeSet};

    #[test]
    fn language_tags_pick_the_language() {
        assert_eq!(Lang::from_tag("de-DE"), Some(Lang::De));
        assert_eq!(Lang::from_tag("de"), Some(Lang::De));
        assert_eq!(Lang::from_tag("DE_at"), Some(Lang::De));
        assert_eq!(Lang::from_tag("en-GB"), Some(Lang::En));
        assert_eq!(Lang::from_tag("fr-FR"), None);
        assert_eq!(Lang::from_tag(""), None);
    }

    /// Source files whose code only the screens behind the sign-in run (their texts may be in
    /// [`GERMAN_SCREENS`]). Listing a file here that the first download uses after all is caught
    /// by `scripts/check-texts.mjs` on the built wasm.
    fn screens_only(path: &std::path::Path) -> bool {
        let p = path.to_string_lossy().replace('\\', "/");
        let p = p.split("/src/").last().unwrap_or("");
        let (dir, file) = p.rsplit_once('/').unwrap_or(("", p));
        ((dir == "pages" || dir == "rules") && file != "sign_in.rs")
            || ["people.rs", "jobs.rs", "drafts.rs", "download.rs", "format.rs"].contains(&p)
            || (dir == "components" && ["windowed.rs", "field.rs", "avatar.rs"].contains(&file))
    }

    /// Every literal passed to t(, tr(, tf( or k( in the sources (not in comments), with whether
    /// a file outside [`screens_only`] uses it.
    fn keys_in_sources() -> BTreeMap<String, bool> {
        fn walk(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
            for e in std::fs::read_dir(dir).unwrap().flatten() {
                let p = e.path();
                if p.is_dir() {
                    walk(&p, out);
                } else if p.extension().is_some_and(|x| x == "rs") {
                    out.push(p);
                }
            }
        }
        let mut files = Vec::new();
        walk(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut files);
        let mut keys = BTreeMap::new();
        for f in files {
            let first_download = !screens_only(&f);
            let source = std::fs::read_to_string(&f).unwrap();
            // The app's code only: not its tests, not comment lines; a call may put its text on the
            // next line.
            let code = source.split("#[cfg(test)]").next().unwrap_or("");
            let text: String =
                code.lines().filter(|l| !l.trim_start().starts_with("//")).collect::<Vec<_>>().join("\n");
            let b = text.as_bytes();
            for name in ["t(", "tr(", "tf(", "k("] {
                let mut from = 0;
                while let Some(at) = text[from..].find(name) {
                    let start = from + at;
                    from = start + name.len();
                    if start > 0 && (b[start - 1].is_ascii_alphanumeric() || b[start - 1] == b'_') {
                        continue;
                    }
                    let rest = text[from..].trim_start();
                    let Some(rest) = rest.strip_prefix('"') else { continue };
                    let mut lit = String::new();
                    let mut chars = rest.chars();
                    while let Some(c) = chars.next() {
                        match c {
                            '\\' => lit.push(match chars.next() {
                                Some('n') => '\n',
                                Some(o) => o,
                                None => break,
                            }),
                            '"' => break,
                            c => lit.push(c),
                        }
                    }
                    *keys.entry(lit).or_insert(false) |= first_download;
                }
            }
        }
        keys
    }

    #[test]
    fn every_text_has_german_and_every_german_is_used() {
        let used = keys_in_sources();
        assert!(used.len() > 100, "the scan found only {} texts", used.len());
        let first: BTreeSet<&str> = GERMAN.iter().map(|(e, _)| *e).collect();
        let screens: BTreeSet<&str> = GERMAN_SCREENS.iter().map(|(e, _)| *e).collect();
        assert_eq!(first.len(), GERMAN.len(), "an English text is listed twice in GERMAN");
        assert_eq!(screens.len(), GERMAN_SCREENS.len(), "an English text is listed twice in GERMAN_SCREENS");
        let both: Vec<_> = first.intersection(&screens).collect();
        assert!(both.is_empty(), "in both tables: {both:#?}");
        let missing: Vec<_> =
            used.keys().filter(|k| !first.contains(k.as_str()) && !screens.contains(k.as_str())).collect();
        assert!(missing.is_empty(), "no German for {} texts:\n{missing:#?}", missing.len());
        let unused: Vec<_> = first.union(&screens).filter(|e| !used.contains_key(**e)).collect();
        assert!(unused.is_empty(), "German for texts no longer used: {unused:#?}");
        let misplaced: Vec<_> = used.iter().filter(|(k, outside)| **outside && screens.contains(k.as_str())).collect();
        assert!(misplaced.is_empty(), "used by the first download, so they belong in GERMAN: {misplaced:#?}");
    }

    #[test]
    fn placeholders_survive_translation() {
        for (en, de) in GERMAN.iter().chain(GERMAN_SCREENS) {
            let holes = |s: &str| {
                let mut v: Vec<String> =
                    s.split('{').skip(1).filter_map(|p| p.split_once('}').map(|(h, _)| h.to_string())).collect();
                v.sort();
                v
            };
            assert_eq!(holes(en), holes(de), "{en:?} vs {de:?}");
        }
    }

    #[test]
    fn numbers_and_texts_follow_the_language() {
        set_lang(Lang::En, false);
        assert_eq!(number(10_000), "10,000");
        assert_eq!(number(999), "999");
        assert_eq!(number(1_234_567), "1,234,567");
        set_lang(Lang::De, false);
        assert_eq!(number(10_000), "10.000");
        assert_eq!(t("Roles"), "Rollen");
        assert_eq!(tf("{n} members", &[("n", &number(1200))]), "1.200 Mitglieder");
        set_lang(Lang::En, false);
        assert_eq!(t("Roles"), "Roles");
    }
}
