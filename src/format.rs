//! How awork's values read on screen: names, dates, languages, contact links, colours, icons.
//! Plain functions, so the rules are tested without a browser.

use crate::api::models::ContactInfo;
use crate::i18n::prelude::*;
use crate::i18n::{self, Lang};

fn present(s: &Option<String>) -> Option<&str> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

/// "Dr. Hanna Berger"; falls back to what exists, or "Unnamed user".
pub fn full_name(title: &Option<String>, first: &Option<String>, last: &Option<String>) -> String {
    let parts: Vec<&str> = [present(title), present(first), present(last)].into_iter().flatten().collect();
    let has_name = present(first).is_some() || present(last).is_some();
    if has_name {
        parts.join(" ")
    } else {
        t("Unnamed user").into()
    }
}

/// Lower case, as Unicode has it ("Ärzte" → "ärzte"), for searching and comparing. In the browser,
/// text beyond ASCII goes to the browser's `toLowerCase`: Rust's own would bring Unicode's case
/// tables into the wasm (about 20 KB gzip).
pub fn lowercase(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    #[cfg(target_arch = "wasm32")]
    return js_sys::JsString::from(s).to_lower_case().into();
    #[cfg(not(target_arch = "wasm32"))]
    #[allow(clippy::disallowed_methods)] // natively the tables cost nothing that matters
    s.to_lowercase()
}

/// Upper case, as [`lowercase`] is lower case.
pub fn uppercase(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_uppercase();
    }
    #[cfg(target_arch = "wasm32")]
    return js_sys::JsString::from(s).to_upper_case().into();
    #[cfg(not(target_arch = "wasm32"))]
    #[allow(clippy::disallowed_methods)] // natively the tables cost nothing that matters
    s.to_uppercase()
}

/// Initials for an avatar: "HB".
pub fn initials(first: &Option<String>, last: &Option<String>) -> String {
    let letter =
        |s: &Option<String>| present(s).and_then(|s| s.chars().next()).map(|c| uppercase(c.encode_utf8(&mut [0; 4])));
    let out = format!("{}{}", letter(first).unwrap_or_default(), letter(last).unwrap_or_default());
    if out.is_empty() {
        "?".into()
    } else {
        out
    }
}

const MONTHS: [&str; 12] = [
    k("January"),
    k("February"),
    k("March"),
    k("April"),
    k("May"),
    k("June"),
    k("July"),
    k("August"),
    k("September"),
    k("October"),
    k("November"),
    k("December"),
];

/// awork sends dates as ISO date-times (`1988-04-19T00:00:00Z`, sometimes with odd fractions);
/// birth dates are calendar days, so only the date part counts: "19 April 1988".
pub fn calendar_date(iso: &str) -> Option<String> {
    let date = iso.get(..10)?;
    let mut it = date.split('-');
    let (y, m, d) = (it.next()?, it.next()?, it.next()?);
    let (y, m, d): (u32, usize, u32) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) || y < 1000 {
        return None;
    }
    Some(match i18n::lang() {
        Lang::En => format!("{d} {} {y}", MONTHS[m - 1]),
        Lang::De => format!("{d}. {} {y}", t(MONTHS[m - 1])),
    })
}

/// "English (en-GB)"; unknown codes show as they are.
pub fn language_name(code: &str) -> String {
    let base = code.split(['-', '_']).next().unwrap_or("").to_ascii_lowercase();
    let name = match base.as_str() {
        "en" => t("English"),
        "de" => t("German"),
        "fr" => t("French"),
        "es" => t("Spanish"),
        "it" => t("Italian"),
        "nl" => t("Dutch"),
        "pt" => t("Portuguese"),
        "pl" => t("Polish"),
        _ => return code.to_string(),
    };
    format!("{name} ({code})")
}

pub fn gender_label(g: &str) -> String {
    match g.to_ascii_lowercase().as_str() {
        "male" => t("Male").into(),
        "female" => t("Female").into(),
        "other" => t("Other").into(),
        _ => g.to_string(),
    }
}

/// Colour names awork uses for tags and teams; anything else gets the neutral style. Only these
/// names ever reach a `class` attribute.
pub fn palette(color: &Option<String>) -> &'static str {
    match present(color).map(str::to_ascii_lowercase).as_deref() {
        Some("red") => "c-red",
        Some("coral") => "c-coral",
        Some("yellow") => "c-yellow",
        Some("green") => "c-green",
        Some("teal") => "c-teal",
        Some("arctic") => "c-arctic",
        Some("blue") => "c-blue",
        Some("azure") => "c-azure",
        Some("purple") => "c-purple",
        Some("violet") => "c-violet",
        _ => "c-neutral",
    }
}

/// awork's team icons are Material icon names; no icon font is loaded (nothing from a CDN), so
/// each gets a close Unicode symbol.
pub fn team_icon(icon: &Option<String>) -> &'static str {
    match present(icon).unwrap_or("") {
        "attach_money" => "💰",
        "poll" => "📊",
        "golf_course" => "⛳",
        "all_inclusive" => "♾",
        "portrait" => "🖼",
        "timeline" => "📈",
        "transform" => "🔀",
        "description" => "📄",
        "folder" => "📁",
        "computer" => "💻",
        "web" => "🌐",
        "phone_iphone" => "📱",
        "cloud" => "☁",
        "local_movies" => "🎞",
        "shopping_cart" => "🛒",
        "brush" => "🖌",
        "image" => "🖼",
        "camera_alt" => "📷",
        "movie_creation" => "🎬",
        "public" => "🌍",
        "whatshot" => "🔥",
        "extension" => "🧩",
        "explore" => "🧭",
        "lock" => "🔒",
        "settings" => "⚙",
        "stars" => "⭐",
        "store" => "🏬",
        "school" => "🎓",
        "local_bar" => "🍸",
        "question_answer" => "💬",
        "favorite" => "❤",
        "work" => "💼",
        "flight_takeoff" => "🛫",
        "map" => "🗺",
        "local_dining" => "🍽",
        _ => "👥",
    }
}

/// One contact info as the profile shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct ContactEntry {
    /// "Email (work)".
    pub label: String,
    pub content: ContactContent,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ContactContent {
    Link { href: String, text: String },
    Address(Vec<String>),
    Text(String),
}

/// A link target for a contact value, or `None` when the value cannot be linked safely. Only
/// `mailto:`, `tel:` and `http(s):` ever come out, so data can never become a `javascript:` link.
pub fn contact_href(kind: &str, value: &str) -> Option<String> {
    let v = value.trim();
    match kind {
        "email" => {
            let (local, domain) = v.split_once('@')?;
            let ok = !local.is_empty()
                && domain.contains('.')
                && !v.chars().any(|c| c.is_whitespace() || "<>\"'".contains(c));
            ok.then(|| format!("mailto:{v}"))
        }
        "phone" => {
            let dial: String = v.chars().filter(|c| c.is_ascii_digit() || *c == '+').collect();
            (dial.chars().filter(char::is_ascii_digit).count() >= 3).then(|| format!("tel:{dial}"))
        }
        _ => web_link(v),
    }
}

/// `http(s)` URLs as they are; a bare `www.example.com` gets `https://`; anything else none.
pub fn web_link(v: &str) -> Option<String> {
    let v = v.trim();
    if v.chars().any(|c| c.is_whitespace() || c.is_control() || "<>\"'`".contains(c)) || v.is_empty() {
        return None;
    }
    let lower = v.to_ascii_lowercase();
    if lower.starts_with("https://") || lower.starts_with("http://") {
        Some(v.to_string())
    } else if !lower.contains(':') && lower.contains('.') && !lower.starts_with('/') && !lower.starts_with('.') {
        Some(format!("https://{v}"))
    } else {
        None
    }
}

fn kind_label(kind: &str) -> &str {
    match kind {
        "email" => t("Email"),
        "phone" => t("Phone"),
        "address" => t("Address"),
        "messenger" => t("Messenger"),
        "social" => t("Social"),
        "urls" | "url" => t("Web"),
        "" => t("Contact"),
        other => other,
    }
}

/// The profile's contact section, in awork's order. Entries without anything to show are left out.
pub fn contact_entries(infos: &[ContactInfo]) -> Vec<ContactEntry> {
    infos
        .iter()
        .filter_map(|c| {
            let kind = present(&c.kind).unwrap_or("").to_ascii_lowercase();
            let mut label = kind_label(&kind).to_string();
            if let Some(sub) = present(&c.sub_type) {
                label = format!("{label} ({sub})");
            }
            if let Some(custom) = present(&c.label) {
                label = format!("{label}: {custom}");
            }
            let content = if c.is_address || kind == "address" {
                let city_line =
                    [present(&c.zip_code), present(&c.city)].into_iter().flatten().collect::<Vec<_>>().join(" ");
                let lines: Vec<String> = [
                    present(&c.address_line1),
                    present(&c.address_line2),
                    Some(city_line.as_str()),
                    present(&c.state),
                    present(&c.country),
                ]
                .into_iter()
                .flatten()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(str::to_string)
                .collect();
                if lines.is_empty() {
                    ContactContent::Text(present(&c.value)?.to_string())
                } else {
                    ContactContent::Address(lines)
                }
            } else {
                let value = present(&c.value)?;
                match contact_href(&kind, value) {
                    Some(href) => ContactContent::Link { href, text: value.to_string() },
                    None => ContactContent::Text(value.to_string()),
                }
            };
            Some(ContactEntry { label, content })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_follows_unicode() {
        assert_eq!(lowercase("Ärzte ÜBER Zoë"), "ärzte über zoë");
        assert_eq!(lowercase("ANNA@X.EXAMPLE"), "anna@x.example");
        assert_eq!(uppercase("é"), "É");
        assert_eq!(initials(&Some("ömer".into()), &Some("ßeta".into())), "ÖSS");
    }

    fn s(v: &str) -> Option<String> {
        Some(v.to_string())
    }

    #[test]
    fn names_and_initials() {
        assert_eq!(full_name(&s("Dr."), &s("Hanna"), &s("Berger")), "Dr. Hanna Berger");
        assert_eq!(full_name(&None, &s("Hanna"), &s(" ")), "Hanna");
        assert_eq!(full_name(&s("Dr."), &None, &None), "Unnamed user");
        assert_eq!(initials(&s("hanna"), &s("Berger")), "HB");
        assert_eq!(initials(&None, &None), "?");
    }

    #[test]
    fn dates_and_languages() {
        assert_eq!(calendar_date("1988-04-19T00:00:00Z").as_deref(), Some("19 April 1988"));
        assert_eq!(calendar_date("1998-04-19T00:00:000Z").as_deref(), Some("19 April 1998"));
        assert_eq!(calendar_date("19.04.1988"), None);
        assert_eq!(calendar_date("1988-13-01"), None);
        assert_eq!(language_name("de-DE"), "German (de-DE)");
        assert_eq!(language_name("xx-YY"), "xx-YY");
    }

    #[test]
    fn german_dates() {
        crate::i18n::set_lang(Lang::De, false);
        assert_eq!(calendar_date("1988-04-19T00:00:00Z").as_deref(), Some("19. April 1988"));
        assert_eq!(calendar_date("1991-03-01").as_deref(), Some("1. März 1991"));
        assert_eq!(calendar_date("1991-11-03T00:00:00Z").as_deref(), Some("3. November 1991"));
        crate::i18n::set_lang(Lang::En, false);
        assert_eq!(calendar_date("1991-03-01").as_deref(), Some("1 March 1991"));
    }

    #[test]
    fn only_safe_links_come_out() {
        assert_eq!(contact_href("email", "a@b.co").as_deref(), Some("mailto:a@b.co"));
        assert_eq!(contact_href("email", "not an email"), None);
        assert_eq!(contact_href("phone", "+49 170 123-4567").as_deref(), Some("tel:+491701234567"));
        assert_eq!(contact_href("urls", "https://acme.example/x").as_deref(), Some("https://acme.example/x"));
        assert_eq!(contact_href("urls", "www.acme.example").as_deref(), Some("https://www.acme.example"));
        assert_eq!(contact_href("urls", "javascript:alert(1)"), None);
        assert_eq!(contact_href("social", "JaVaScRiPt:alert(1)"), None);
        assert_eq!(contact_href("urls", "data:text/html,<b>"), None);
        assert_eq!(web_link("https://x.example\"onmouseover=1"), None);
    }

    #[test]
    fn addresses_become_postal_lines() {
        let addr = ContactInfo {
            kind: s("address"),
            sub_type: s("work"),
            address_line1: s("Torstrasse 140"),
            address_line2: s("Hof A"),
            zip_code: s("10119"),
            city: s("Berlin"),
            country: s("DE"),
            is_address: true,
            ..Default::default()
        };
        let email = ContactInfo { kind: s("email"), value: s("h@acme.example"), ..Default::default() };
        let empty = ContactInfo { kind: s("phone"), value: None, ..Default::default() };
        let entries = contact_entries(&[addr, email, empty]);
        assert_eq!(entries.len(), 2);
        assert_eq!(entries[0].label, "Address (work)");
        assert_eq!(
            entries[0].content,
            ContactContent::Address(vec!["Torstrasse 140".into(), "Hof A".into(), "10119 Berlin".into(), "DE".into()])
        );
        assert_eq!(
            entries[1].content,
            ContactContent::Link { href: "mailto:h@acme.example".into(), text: "h@acme.example".into() }
        );
    }

    #[test]
    fn colours_and_icons_come_from_fixed_lists() {
        assert_eq!(palette(&s("Purple")), "c-purple");
        assert_eq!(palette(&s("\" onclick=\"x")), "c-neutral");
        assert_eq!(team_icon(&s("brush")), "🖌");
        assert_eq!(team_icon(&s("unknown")), "👥");
    }
}
