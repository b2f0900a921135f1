//! awork's per-workspace rate limits as its gateway counts them: fixed one-second and one-minute
//! windows (here counted from the first request after the limit was set, which arrives `phaseMs`
//! into both: a gateway's windows do not start with anyone's first request), with the limit
//! headers on every answer, 429s included.

use serde::{Deserialize, Serialize};
use std::time::{Duration, Instant};

/// awork's documented per-workspace limits: requests per second and per minute.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct RateLimit {
    pub per_second: usize,
    pub per_minute: usize,
    /// How far into its windows the first request arrives (ms; 0: it opens them).
    #[serde(default)]
    pub phase_ms: u64,
}

impl Default for RateLimit {
    fn default() -> Self {
        RateLimit { per_second: 50, per_minute: 1000, phase_ms: 0 }
    }
}

/// One fixed window: which one (its index since the epoch) and how many it accepted.
#[derive(Debug, Default, Clone, Copy)]
struct Window {
    index: u64,
    used: usize,
}

impl Window {
    fn at(&mut self, index: u64) -> &mut Window {
        if self.index != index {
            *self = Window { index, used: 0 };
        }
        self
    }
}

#[derive(Debug, Default)]
pub struct Limiter {
    pub limit: Option<RateLimit>,
    epoch: Option<Instant>,
    second: Window,
    minute: Window,
}

/// What the limiter decided: whether to refuse with 429, and the headers every answer carries.
#[derive(Debug, Clone, PartialEq)]
pub struct Verdict {
    pub refuse: bool,
    pub headers: Vec<(&'static str, u64)>,
}

impl Limiter {
    /// A limiter with fresh windows.
    pub fn new(limit: Option<RateLimit>) -> Limiter {
        Limiter { limit, ..Limiter::default() }
    }

    /// Counts a request arriving at `now`; `None` when no limit is set.
    pub fn check(&mut self, now: Instant) -> Option<Verdict> {
        let limit = self.limit?;
        let phase = Duration::from_millis(limit.phase_ms);
        let elapsed = now.duration_since(*self.epoch.get_or_insert_with(|| now.checked_sub(phase).unwrap_or(now)));
        let s = elapsed.as_secs();
        let second = *self.second.at(s);
        let minute = *self.minute.at(s / 60);
        let refuse = second.used >= limit.per_second || minute.used >= limit.per_minute;
        if !refuse {
            self.second.used += 1;
            self.minute.used += 1;
        }
        let left_s = limit.per_second.saturating_sub(self.second.used);
        let left_m = limit.per_minute.saturating_sub(self.minute.used);
        let reset_s = Duration::from_secs(s + 1).saturating_sub(elapsed);
        let reset_m = Duration::from_secs((s / 60 + 1) * 60).saturating_sub(elapsed);
        // `ratelimit-*` speak of the window closest to its limit (the minute's on a tie), as
        // gateways that send both header families do.
        let (lim, left, reset) =
            if left_m <= left_s { (limit.per_minute, left_m, reset_m) } else { (limit.per_second, left_s, reset_s) };
        let reset_secs = reset.as_secs_f64().ceil() as u64;
        Some(Verdict {
            refuse,
            headers: vec![
                ("ratelimit-limit", lim as u64),
                ("ratelimit-remaining", left as u64),
                ("ratelimit-reset", if refuse { reset_secs.max(1) } else { reset_secs }),
                ("x-ratelimit-limit-second", limit.per_second as u64),
                ("x-ratelimit-remaining-second", left_s as u64),
                ("x-ratelimit-limit-minute", limit.per_minute as u64),
                ("x-ratelimit-remaining-minute", left_m as u64),
            ],
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(v: &Verdict, name: &str) -> u64 {
        v.headers.iter().find(|(n, _)| *n == name).map(|(_, v)| *v).unwrap()
    }

    #[test]
    fn windows_are_fixed_not_sliding() {
        let mut l = Limiter::new(Some(RateLimit { per_second: 2, per_minute: 5, phase_ms: 0 }));
        let t0 = Instant::now();
        let at = |ms: u64| t0 + Duration::from_millis(ms);
        assert!(!l.check(at(0)).unwrap().refuse);
        assert!(!l.check(at(990)).unwrap().refuse);
        let third = l.check(at(995)).unwrap();
        assert!(third.refuse);
        assert_eq!(header(&third, "ratelimit-reset"), 1);
        assert_eq!(header(&third, "x-ratelimit-remaining-second"), 0);
        // A new second window at 1000 ms, though two requests came in the last 10 ms.
        let fresh = l.check(at(1000)).unwrap();
        assert!(!fresh.refuse);
        assert_eq!(header(&fresh, "x-ratelimit-remaining-second"), 1);
        assert_eq!(header(&fresh, "x-ratelimit-remaining-minute"), 2);
        assert!(!l.check(at(1500)).unwrap().refuse);
        assert!(!l.check(at(2000)).unwrap().refuse);
        let over = l.check(at(3000)).unwrap();
        assert!(over.refuse, "five a minute");
        assert_eq!(header(&over, "ratelimit-limit"), 5);
        assert_eq!(header(&over, "ratelimit-reset"), 57);
        assert!(!l.check(at(60_000)).unwrap().refuse, "the next minute window");
    }

    #[test]
    fn the_first_request_may_arrive_late_in_the_windows() {
        let mut l = Limiter::new(Some(RateLimit { per_second: 10, per_minute: 3, phase_ms: 58_500 }));
        let t0 = Instant::now();
        let at = |ms: u64| t0 + Duration::from_millis(ms);
        let first = l.check(at(0)).unwrap();
        assert_eq!(header(&first, "x-ratelimit-remaining-minute"), 2);
        assert_eq!(header(&first, "ratelimit-reset"), 2, "1.5 s left in the minute, rounded up");
        assert!(!l.check(at(100)).unwrap().refuse);
        assert!(!l.check(at(200)).unwrap().refuse);
        assert!(l.check(at(300)).unwrap().refuse, "three a minute");
        let fresh = l.check(at(1_500)).unwrap();
        assert!(!fresh.refuse, "the next minute starts 1.5 s after the first request");
        assert_eq!(header(&fresh, "x-ratelimit-remaining-minute"), 2);
    }

    #[test]
    fn no_limit_no_headers() {
        assert_eq!(Limiter::default().check(Instant::now()), None);
    }
}
