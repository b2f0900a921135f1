//! Screens and their addresses. Routes live in the URL's fragment (`#/roles`), so `dist/` works
//! from any sub-path of a plain static file server with no fallback to index.html, and a reload
//! of any screen loads index.html and comes back to the same screen. (leptos_router 0.8 routes
//! on the path only, which such servers cannot reload: leptos issue #2184.)

use crate::api::models::RoleId;
use crate::rules::people::PeopleQuery;
use leptos::prelude::*;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    SignIn,
    Profile,
    Roles,
    Role(RoleId),
    /// Everyone in the workspace, with the filters the address holds.
    People(PeopleQuery),
    Invite,
    Batch,
    Assign,
    NotFound(String),
}

impl Route {
    /// Reads `location.hash` (`""`, `"#/"`, `"#/roles/<id>"`, ...).
    pub fn parse(hash: &str) -> Route {
        let path = hash.trim_start_matches('#').trim_start_matches('/');
        let query = path.split_once('?').map_or("", |(_, q)| q);
        let path = path.split(['?', '#']).next().unwrap_or("").trim_end_matches('/');
        let segments: Vec<&str> = path.split('/').collect();
        match segments.as_slice() {
            [""] | ["profile"] => Route::Profile,
            ["sign-in"] => Route::SignIn,
            ["roles"] => Route::Roles,
            ["roles", id] if !id.is_empty() => Route::Role(RoleId(crate::codec::decode_segment(id))),
            ["people"] => Route::People(PeopleQuery::parse(query)),
            ["invite"] => Route::Invite,
            ["invite", "many"] => Route::Batch,
            ["assign"] => Route::Assign,
            _ => Route::NotFound(path.to_string()),
        }
    }

    /// The `href` of a link to this screen.
    pub fn href(&self) -> String {
        match self {
            Route::SignIn => "#/sign-in".into(),
            Route::Profile => "#/profile".into(),
            Route::Roles => "#/roles".into(),
            Route::Role(id) => format!("#/roles/{}", crate::codec::path_segment(id.as_str())),
            Route::People(q) => match q.to_query() {
                query if query.is_empty() => "#/people".into(),
                query => format!("#/people?{query}"),
            },
            Route::Invite => "#/invite".into(),
            Route::Batch => "#/invite/many".into(),
            Route::Assign => "#/assign".into(),
            Route::NotFound(p) => format!("#/{p}"),
        }
    }
}

impl Route {
    /// The screen, whatever its filters: moving between filters is not leaving it.
    pub fn screen(&self) -> Route {
        match self {
            Route::People(_) => Route::People(PeopleQuery::default()),
            other => other.clone(),
        }
    }
}

fn current_hash() -> String {
    web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default()
}

thread_local! {
    /// While set, leaving the screen (another address, a reload, closing the tab) asks first.
    static LEAVE_GUARD: std::cell::Cell<Option<&'static str>> = const { std::cell::Cell::new(None) };
}

/// Asks before the admin leaves the screen (`Some(question)`), or stops asking (`None`).
pub fn guard_leaving(question: Option<&'static str>) {
    LEAVE_GUARD.with(|g| g.set(question));
}

/// Whether a screen asks before it is left (changes are being sent).
pub fn work_under_way() -> bool {
    LEAVE_GUARD.with(|g| g.get()).is_some()
}

fn leaving_allowed() -> bool {
    match LEAVE_GUARD.with(|g| g.get()) {
        None => true,
        Some(q) => web_sys::window().and_then(|w| w.confirm_with_message(q).ok()).unwrap_or(true),
    }
}

/// The current route as a signal that follows `hashchange` (links, back/forward, reloads), for as
/// long as the calling owner (the app) lives.
pub fn use_route() -> ReadSignal<Route> {
    let (route, set_route) = signal(Route::parse(&current_hash()));
    let shown = std::rc::Rc::new(std::cell::RefCell::new(current_hash()));
    let on_change = window_event_listener(leptos::ev::hashchange, move |_| {
        let hash = current_hash();
        if *shown.borrow() == hash {
            return;
        }
        let same_screen = Route::parse(&hash).screen() == Route::parse(&shown.borrow()).screen();
        if !same_screen && !leaving_allowed() {
            // Stay: put the address back without another hashchange.
            if let Some(w) = web_sys::window() {
                let url = format!(
                    "{}{}{}",
                    w.location().pathname().unwrap_or_default(),
                    w.location().search().unwrap_or_default(),
                    shown.borrow()
                );
                if let Ok(h) = w.history() {
                    let _ = h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
                }
            }
            return;
        }
        shown.replace(hash.clone());
        set_route.set(Route::parse(&hash));
    });
    // Reloads and closing the tab: the browser asks with its own words.
    let on_unload = window_event_listener(leptos::ev::beforeunload, |ev| {
        if LEAVE_GUARD.with(|g| g.get()).is_some() {
            ev.prevent_default();
            let _ = js_sys::Reflect::set(&ev, &"returnValue".into(), &"".into());
        }
    });
    on_cleanup(move || {
        on_change.remove();
        on_unload.remove();
    });
    route
}

/// Goes to a screen; `replace` keeps the current entry out of the history (used for redirects).
pub fn navigate(to: &Route, replace: bool) {
    let Some(w) = web_sys::window() else { return };
    if replace {
        let url = format!(
            "{}{}{}",
            w.location().pathname().unwrap_or_default(),
            w.location().search().unwrap_or_default(),
            to.href()
        );
        if let Ok(h) = w.history() {
            let _ = h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
        }
        // replaceState does not fire hashchange: tell the listeners ourselves.
        if let Ok(ev) = web_sys::HashChangeEvent::new("hashchange") {
            let _ = w.dispatch_event(&ev);
        }
    } else {
        let _ = w.location().set_hash(&to.href());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_map_to_screens() {
        assert_eq!(Route::parse(""), Route::Profile);
        assert_eq!(Route::parse("#/"), Route::Profile);
        assert_eq!(Route::parse("#/profile/"), Route::Profile);
        assert_eq!(Route::parse("#/sign-in"), Route::SignIn);
        assert_eq!(Route::parse("#/roles"), Route::Roles);
        assert_eq!(Route::parse("#/roles/abc-1"), Route::Role(RoleId("abc-1".into())));
        assert_eq!(Route::parse("#/invite?x=1"), Route::Invite);
        assert_eq!(Route::parse("#/assign"), Route::Assign);
        assert_eq!(Route::parse("#/nope/x"), Route::NotFound("nope/x".into()));
        assert_eq!(Route::parse("#/people"), Route::People(PeopleQuery::default()));
        let q = PeopleQuery { text: "ann".into(), ..Default::default() };
        assert_eq!(Route::parse("#/people?q=ann"), Route::People(q.clone()));
        assert_eq!(Route::People(q.clone()).screen(), Route::People(PeopleQuery::default()));
        assert_eq!(Route::People(q).href(), "#/people?q=ann");
    }

    #[test]
    fn plain_routes_round_trip() {
        let odd = Route::Role(RoleId("a b/ü".into()));
        let people = Route::People(PeopleQuery::parse("status=pending&role=r%2F1&sort=status"));
        for r in [Route::SignIn, Route::Profile, Route::Roles, Route::Invite, Route::Batch, Route::Assign, odd, people]
        {
            assert_eq!(Route::parse(&r.href()), r);
        }
    }
}
