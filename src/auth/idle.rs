//! An unattended console does not stay signed in: after `idleTimeoutMinutes` (`config.json`, 30 by
//! default, 0 for never) without a key press, click, touch, wheel or pointer move in the app, the
//! session ends as when awork ends it: the tokens are forgotten, the sign-in screen says why, and
//! what was typed waits for the same account. Changes being sent count as activity: a long run is
//! never cut off.

use super::{Notice, Session};
use leptos::prelude::*;

/// How often the clock is looked at.
const CHECK_MS: u32 = 15_000;

/// Whether a session that last saw activity at `last_ms` is over at `now_ms`.
pub fn is_idle(last_ms: f64, now_ms: f64, minutes: u32, work_under_way: bool) -> bool {
    minutes > 0 && !work_under_way && now_ms - last_ms >= f64::from(minutes) * 60_000.0
}

/// Watches for activity for as long as the calling owner (the app) lives.
pub fn watch(session: Session) {
    let minutes = session.config().idle_timeout_minutes;
    if minutes == 0 {
        return;
    }
    let last = StoredValue::new(js_sys::Date::now());
    let listeners = ["keydown", "pointerdown", "pointermove", "wheel", "touchstart"]
        .map(|name| window_event_listener_untyped(name, move |_| last.set_value(js_sys::Date::now())));
    on_cleanup(move || listeners.into_iter().for_each(|l| l.remove()));
    leptos::task::spawn_local(async move {
        loop {
            gloo_timers::future::TimeoutFuture::new(CHECK_MS).await;
            let Some(at) = last.try_get_value() else { return };
            let signed_in = session.creds.try_with_value(Option::is_some).unwrap_or(false);
            if signed_in && is_idle(at, js_sys::Date::now(), minutes, crate::route::work_under_way()) {
                session.end(Some(Notice::Idle(minutes)));
            }
            if !signed_in || crate::route::work_under_way() {
                // The next session starts its clock afresh, and so does the end of a long run:
                // its results stay on screen for as long as the timeout allows.
                last.set_value(js_sys::Date::now());
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn idle_means_minutes_without_activity_and_no_work_under_way() {
        let min = 60_000.0;
        assert!(!is_idle(0.0, 29.9 * min, 30, false));
        assert!(is_idle(0.0, 30.0 * min, 30, false));
        assert!(!is_idle(0.0, 300.0 * min, 30, true), "a run being sent is activity");
        assert!(!is_idle(0.0, 1e12, 0, false), "0 is never");
    }
}
