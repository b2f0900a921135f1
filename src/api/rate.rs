//! awork's rate limits as a client sees them: what the limit headers on every answer say, how fast
//! to send so that both limits (per second and per minute, per workspace, shared with every other
//! client of it) hold with a little headroom, and how long to wait after a 429. The one 429 policy
//! of the app: paging and the job runner both use it.

use std::collections::VecDeque;

/// awork's limits per workspace until an answer says otherwise.
pub const DEFAULT_PER_SECOND: u32 = 50;
pub const DEFAULT_PER_MINUTE: u32 = 1000;
/// Attempts of one request before a 429 is given up and shown.
pub const MAX_ATTEMPTS: u32 = 5;

const SECOND_MS: f64 = 1000.0;
const MINUTE_MS: f64 = 60_000.0;

/// The rate-limit headers of one answer (each may be missing: awork documents them, a proxy may
/// not expose them).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct RateHeaders {
    /// `x-ratelimit-limit-second`, `x-ratelimit-remaining-second`.
    pub limit_second: Option<u32>,
    pub remaining_second: Option<u32>,
    /// `x-ratelimit-limit-minute`, `x-ratelimit-remaining-minute`.
    pub limit_minute: Option<u32>,
    pub remaining_minute: Option<u32>,
    /// `ratelimit-remaining` and `ratelimit-reset` (seconds): the window closest to its limit.
    pub remaining: Option<u32>,
    pub reset_secs: Option<u64>,
}

/// A header's non-negative decimal number (`12`, `1.5`, `+3`) as its whole part and whether a
/// fraction follows; `None` for anything else. Read by hand: `str::parse::<f64>` would bring
/// float parsing (and its tables) into the first download for these few headers.
fn decimal(v: &str) -> Option<(u64, bool)> {
    let v = v.trim();
    let v = v.strip_prefix('+').unwrap_or(v);
    let (whole, fraction) = v.split_once('.').unwrap_or((v, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if (whole.is_empty() && fraction.is_empty()) || !digits(whole) || !digits(fraction) {
        return None;
    }
    let n = whole.bytes().fold(0u64, |n, b| n.saturating_mul(10).saturating_add(u64::from(b - b'0')));
    Some((n, fraction.bytes().any(|b| b != b'0')))
}

/// A count (`x-ratelimit-remaining-second`…), a fraction dropped.
fn count(v: Option<String>) -> Option<u32> {
    decimal(&v?).map(|(n, _)| n.min(u64::from(u32::MAX)) as u32)
}

/// Whole seconds from a header (`Retry-After`, `ratelimit-reset`), rounded up.
pub fn seconds(v: Option<&str>) -> Option<u64> {
    decimal(v?).map(|(n, fraction)| if fraction { n.saturating_add(1) } else { n })
}

impl RateHeaders {
    /// Reads the headers through `get` (a header lookup by lower-case name); `None` when the answer
    /// carries none of them.
    pub fn read(get: impl Fn(&str) -> Option<String>) -> Option<RateHeaders> {
        let h = RateHeaders {
            limit_second: count(get("x-ratelimit-limit-second")),
            remaining_second: count(get("x-ratelimit-remaining-second")),
            limit_minute: count(get("x-ratelimit-limit-minute")),
            remaining_minute: count(get("x-ratelimit-remaining-minute")),
            remaining: count(get("ratelimit-remaining")),
            reset_secs: seconds(get("ratelimit-reset").as_deref()),
        };
        (h != RateHeaders::default()).then_some(h)
    }
}

/// The rate-limit headers of an answer with the time its request was sent (ms, on the clock the
/// runner paces by), which bounds when awork's gateway counted it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Seen {
    pub headers: RateHeaders,
    pub sent_at: f64,
}

/// When `ratelimit-reset` surely speaks of the minute window: `ratelimit-*` describe the window
/// closest to its limit, which is the minute's when what is left of it is what `ratelimit-remaining`
/// says and no more than the second's, and the reset is more than a second away (a second window
/// resets within one) or the minute has strictly less left. On a tie at one second it could be
/// either, and it is not taken.
pub fn minute_reset(h: &RateHeaders) -> Option<u64> {
    let (left, left_minute) = (h.remaining?, h.remaining_minute?);
    let left_second = h.remaining_second.unwrap_or(u32::MAX);
    let reset = h.reset_secs?;
    let minute = left == left_minute && left_minute <= left_second && (reset > 1 || left_minute < left_second);
    minute.then_some(reset)
}

/// How long to wait before retrying after the `attempt`-th 429 in a row (from 1): what the
/// headers asked, else 1 s, 2 s, 4 s…, capped at 30 s.
pub fn retry_delay_ms(attempt: u32, asked_secs: Option<u64>) -> u32 {
    let secs = asked_secs.unwrap_or_else(|| 1u64 << attempt.saturating_sub(1).min(5));
    (secs.clamp(1, 30) * 1000) as u32
}

/// What this client leaves to the workspace's other clients of a limit: 4 % a second (2 of 50),
/// 2 % a minute (20 of 1000), at least one of each.
pub fn headroom_second(limit: u32) -> u32 {
    (limit / 25).max(1)
}

pub fn headroom_minute(limit: u32) -> u32 {
    (limit / 50).max(1)
}

/// How much more of the minute an answer must show than the least shown so far for a window that
/// started afresh: answers come back out of order, but never by more than the requests in flight
/// (the runner sends eight at a time).
const FRESH_WINDOW_JUMP: u32 = 16;

/// When the gateway's minute window ends, bounded from both sides: its headers round the seconds
/// up, and a request is counted somewhere between being sent and being answered.
#[derive(Debug, Clone, Copy, PartialEq)]
struct MinuteEnd {
    /// Not before: a start from here on may count in the next window.
    early: f64,
    /// Not after: a start from here on counts in the next window.
    late: f64,
}

/// Paces the requests of one run of many writes. Requests start evenly spaced at the per-second
/// budget, and no more than the per-second budget start in any second, nor the per-minute budget
/// in any sixty seconds. A sliding window over its own starts keeps within any fixed window
/// awork's gateway counts in, for as long as the headers have said nothing about it; once they
/// tell when the gateway's minute starts afresh (`ratelimit-reset`, when it speaks of the minute),
/// the starts before then no longer count against the minute from then on. What others use shows
/// in the headers, and a 429 (or an answer that leaves the minute's budget to others) pauses every
/// request until the window starts afresh. All times are milliseconds on one clock.
#[derive(Debug, Clone, PartialEq)]
pub struct Pacer {
    per_second: u32,
    per_minute: u32,
    /// Starts of the last minute, oldest first.
    starts: VecDeque<f64>,
    /// Starts before this belong to a minute window of the gateway's that is over.
    minute_from: f64,
    /// When the gateway's current minute window ends, as far as the headers told.
    minute_end: Option<MinuteEnd>,
    /// The current minute window as the answers showed it: the least left in it, and when the
    /// latest request counted in it was sent.
    minute_seen: Option<(u32, f64)>,
    last_start: Option<f64>,
    paused_until: f64,
    limited_in_row: u32,
}

impl Pacer {
    /// A pacer that knows what the last answer said, if any.
    pub fn new(seen: Option<RateHeaders>) -> Pacer {
        let mut p = Pacer {
            per_second: DEFAULT_PER_SECOND,
            per_minute: DEFAULT_PER_MINUTE,
            starts: VecDeque::new(),
            minute_from: f64::NEG_INFINITY,
            minute_end: None,
            minute_seen: None,
            last_start: None,
            paused_until: 0.0,
            limited_in_row: 0,
        };
        if let Some(h) = seen {
            p.learn(&h);
        }
        p
    }

    /// Requests a second and a minute this client allows itself.
    pub fn budget(&self) -> (u32, u32) {
        (
            self.per_second.saturating_sub(headroom_second(self.per_second)).max(1),
            self.per_minute.saturating_sub(headroom_minute(self.per_minute)).max(1),
        )
    }

    pub fn paused_until(&self) -> f64 {
        self.paused_until
    }

    /// When the next request may start, at `now` or later; the start is counted from then on.
    pub fn reserve(&mut self, now: f64) -> f64 {
        let (per_second, per_minute) = self.budget();
        let mut t = now.max(self.paused_until);
        if let Some(last) = self.last_start {
            t = t.max(last + SECOND_MS / per_second as f64);
        }
        // The start that must leave the window before `t` for this one to fit: a burst made before
        // the limits were known counts too.
        let n = self.starts.len();
        if n >= per_second as usize {
            t = t.max(self.starts[n - per_second as usize] + SECOND_MS);
        }
        // The minute: sliding, until a start is surely in the gateway's next window; from then on
        // every start that may be in that window counts, and none before.
        let end = self.minute_end.filter(|e| e.early > self.minute_from);
        if let Some(e) = end.filter(|e| t >= e.late) {
            self.minute_from = e.early;
        }
        if let Some(slides_to) = self.minute_slides_to(per_minute) {
            match end.filter(|e| slides_to > e.late && e.early > self.minute_from) {
                // The gateway's window starts afresh before the sliding one would let this go.
                Some(e) => {
                    self.minute_from = e.early;
                    t = t.max(e.late);
                    if let Some(again) = self.minute_slides_to(per_minute) {
                        t = t.max(again);
                    }
                }
                None => t = t.max(slides_to),
            }
        }
        while self.starts.front().is_some_and(|s| *s <= t - MINUTE_MS) {
            self.starts.pop_front();
        }
        self.starts.push_back(t);
        self.last_start = Some(t);
        t
    }

    /// When the sliding minute would let the next start go, if the budget is spent: the start that
    /// must leave the sixty seconds first, among those that still count.
    fn minute_slides_to(&self, per_minute: u32) -> Option<f64> {
        let counted = self.starts.len() - self.starts.partition_point(|s| *s < self.minute_from);
        let budget = per_minute as usize;
        (counted >= budget).then(|| self.starts[self.starts.len() - budget] + MINUTE_MS)
    }

    /// A reserved start that did not happen (cancelled, or paused meanwhile).
    pub fn release(&mut self, at: f64) {
        if let Some(i) = self.starts.iter().rposition(|s| *s == at) {
            self.starts.remove(i);
        }
    }

    /// Takes in what an answer's headers say about the limits.
    fn learn(&mut self, h: &RateHeaders) {
        if let Some(l) = h.limit_second.filter(|l| *l > 0) {
            self.per_second = l;
        }
        if let Some(l) = h.limit_minute.filter(|l| *l > 0) {
            self.per_minute = l;
        }
    }

    /// An answer arrived at `now`: `limited` with what it asked to wait when it was a 429; `seen`
    /// the latest rate-limit headers with when their request was sent.
    pub fn answered(&mut self, now: f64, seen: Option<Seen>, limited: Option<Option<u64>>) {
        if let Some(Seen { headers: h, sent_at }) = &seen {
            self.learn(h);
            let minute_reset = minute_reset(h);
            if let Some(r) = minute_reset.filter(|r| (1..=60).contains(r)) {
                // The gateway counted the request between `sent_at` and `now`, and rounds the
                // seconds up: its minute ends after `sent_at + (r - 1) s` and by `now + r s`.
                self.heard_minute_end(MinuteEnd {
                    early: sent_at + (r - 1) as f64 * SECOND_MS,
                    late: now + r as f64 * SECOND_MS,
                });
            }
            // Much more of the minute left than before: the window started afresh, after the
            // latest request counted in the old one was sent and before this answer came.
            if let Some(left) = h.remaining_minute {
                self.minute_seen = Some(match self.minute_seen {
                    Some((least, old)) if left > least.saturating_add(FRESH_WINDOW_JUMP) => {
                        self.heard_minute_end(MinuteEnd { early: old, late: now });
                        (left, *sent_at)
                    }
                    Some((least, latest)) => (least.min(left), latest.max(*sent_at)),
                    None => (left, *sent_at),
                });
            }
            // The workspace's other clients count too: when the minute's budget is gone, wait for
            // the window to start afresh.
            let minute_spent = h.remaining_minute.is_some_and(|r| r <= headroom_minute(self.per_minute));
            if minute_spent || h.remaining == Some(0) {
                self.pause(now + minute_reset.unwrap_or(1).clamp(1, 60) as f64 * SECOND_MS);
            }
        }
        match limited {
            Some(asked) => {
                self.limited_in_row += 1;
                self.pause(now + retry_delay_ms(self.limited_in_row, asked) as f64);
            }
            None => self.limited_in_row = 0,
        }
    }

    /// Takes in bounds on when the gateway's minute window ends (or ended).
    fn heard_minute_end(&mut self, heard: MinuteEnd) {
        self.minute_end = Some(match self.minute_end {
            // The same window: both bounds as tight as told.
            Some(e) if heard.early <= e.late => {
                MinuteEnd { early: e.early.max(heard.early), late: e.late.min(heard.late) }
            }
            _ => heard,
        });
    }

    fn pause(&mut self, until: f64) {
        self.paused_until = self.paused_until.max(until);
    }

    /// When `n` more requests would have started, from `now`, if nothing else changed.
    pub fn finish_estimate(&self, now: f64, n: usize) -> f64 {
        let mut p = self.clone();
        (0..n).fold(now, |_, _| p.reserve(now))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&str, &str)]) -> Option<RateHeaders> {
        RateHeaders::read(|name| pairs.iter().find(|(n, _)| *n == name).map(|(_, v)| v.to_string()))
    }

    /// The headers of an answer to a request sent at `sent_at`.
    fn seen(pairs: &[(&str, &str)], sent_at: f64) -> Option<Seen> {
        headers(pairs).map(|headers| Seen { headers, sent_at })
    }

    #[test]
    fn headers_are_read_when_there() {
        assert_eq!(headers(&[]), None);
        assert_eq!(headers(&[("x-ratelimit-limit-second", "junk")]), None);
        let h = headers(&[
            ("x-ratelimit-limit-second", "10"),
            ("x-ratelimit-remaining-minute", "7"),
            ("ratelimit-reset", "1.2"),
        ])
        .unwrap();
        assert_eq!((h.limit_second, h.remaining_minute, h.reset_secs), (Some(10), Some(7), Some(2)));
        assert_eq!(seconds(Some(" 3 ")), Some(3));
        assert_eq!(seconds(Some("-1")), None);
        assert_eq!(seconds(Some("0.5")), Some(1));
        assert_eq!(seconds(Some("+2.0")), Some(2));
        assert_eq!(seconds(Some(".25")), Some(1));
        for junk in ["", ".", "1.2.3", "1e3", "NaN", "inf", "3 s", "99999999999999999999999"] {
            assert_eq!(seconds(Some(junk)), if junk.starts_with('9') { Some(u64::MAX) } else { None }, "{junk}");
        }
        assert_eq!(count(Some("4294967296".into())), Some(u32::MAX));
        assert_eq!(count(Some("7.9".into())), Some(7));
    }

    #[test]
    fn the_reset_is_the_minutes_only_when_it_surely_is() {
        let h = |left_s: &str, left_m: &str, left: &str, reset: &str| {
            headers(&[
                ("x-ratelimit-remaining-second", left_s),
                ("x-ratelimit-remaining-minute", left_m),
                ("ratelimit-remaining", left),
                ("ratelimit-reset", reset),
            ])
            .unwrap()
        };
        assert_eq!(minute_reset(&h("8", "40", "8", "1")), None, "the second's");
        assert_eq!(minute_reset(&h("8", "3", "3", "1")), Some(1));
        assert_eq!(minute_reset(&h("8", "3", "3", "42")), Some(42));
        assert_eq!(minute_reset(&h("5", "5", "5", "1")), None, "a tie at a second: either");
        assert_eq!(minute_reset(&h("5", "5", "5", "9")), Some(9), "a second resets within one");
    }

    #[test]
    fn retries_wait_as_asked_or_back_off() {
        assert_eq!(retry_delay_ms(1, Some(3)), 3000);
        assert_eq!(retry_delay_ms(1, Some(0)), 1000);
        assert_eq!(retry_delay_ms(1, None), 1000);
        assert_eq!(retry_delay_ms(3, None), 4000);
        assert_eq!(retry_delay_ms(9, None), 30_000);
        assert_eq!(retry_delay_ms(2, Some(600)), 30_000);
    }

    #[test]
    fn defaults_leave_headroom_under_both_limits() {
        let mut p = Pacer::new(None);
        assert_eq!(p.budget(), (48, 980));
        let starts: Vec<f64> = (0..1000).map(|_| p.reserve(0.0)).collect();
        for (i, s) in starts.iter().enumerate() {
            let in_second = starts[i..].iter().take_while(|t| **t < s + 1000.0).count();
            assert!(in_second < 50, "{in_second} in the second from {s}");
        }
        assert!(starts[979] < 21_000.0, "980 go in the first minute: {}", starts[979]);
        assert_eq!(starts[980], starts[0] + 60_000.0, "the 981st waits for the first to leave the minute");
    }

    #[test]
    fn limits_come_from_the_headers() {
        let mut p = Pacer::new(headers(&[("x-ratelimit-limit-second", "10"), ("x-ratelimit-limit-minute", "60")]));
        assert_eq!(p.budget(), (9, 59));
        let a = p.reserve(0.0);
        let b = p.reserve(0.0);
        assert!((b - a - 1000.0 / 9.0).abs() < 1e-6);
        p.answered(5.0, seen(&[("x-ratelimit-limit-second", "50"), ("x-ratelimit-limit-minute", "3000")], 0.0), None);
        assert_eq!(p.budget(), (48, 2940));
    }

    #[test]
    fn a_burst_before_the_limits_were_known_counts_against_them() {
        let mut p = Pacer::new(None);
        let early: Vec<f64> = (0..3).map(|_| p.reserve(0.0)).collect();
        p.answered(45.0, seen(&[("x-ratelimit-limit-second", "10")], 0.0), None);
        let later: Vec<f64> = (0..7).map(|_| p.reserve(45.0)).collect();
        let all: Vec<f64> = early.into_iter().chain(later).collect();
        assert_eq!(all.iter().filter(|s| **s < 1000.0).count(), 9, "{all:?}");
        assert_eq!(all[9], 1000.0, "the tenth waits for the first to leave the second");
    }

    #[test]
    fn a_429_pauses_for_as_long_as_asked_and_backs_off_without_headers() {
        let mut p = Pacer::new(None);
        p.answered(1000.0, None, Some(Some(3)));
        assert_eq!(p.reserve(1000.0), 4000.0);
        p.answered(5000.0, None, Some(None));
        p.answered(5000.0, None, Some(None));
        assert_eq!(p.paused_until(), 5000.0 + 4000.0, "a third 429 in a row waits 4 s");
        p.answered(9500.0, None, None);
        p.answered(9600.0, None, Some(None));
        assert_eq!(p.paused_until(), 10_600.0, "a success starts the back-off over");
    }

    #[test]
    fn a_minute_spent_by_others_waits_for_the_reset() {
        let mut p = Pacer::new(None);
        let spent = seen(
            &[
                ("x-ratelimit-limit-minute", "1000"),
                ("x-ratelimit-remaining-minute", "15"),
                ("x-ratelimit-remaining-second", "40"),
                ("ratelimit-remaining", "15"),
                ("ratelimit-reset", "42"),
            ],
            0.0,
        );
        p.answered(0.0, spent, None);
        assert_eq!(p.reserve(10.0), 42_000.0);
        let released = p.reserve(10.0);
        p.release(released);
        assert_eq!(p.finish_estimate(50_000.0, 2), 50_000.0 + 1000.0 / 48.0);
    }

    #[test]
    fn once_the_gateway_says_its_minute_starts_afresh_the_old_starts_no_longer_count() {
        // 10/s and 60/min; the gateway's minute ends 8.5 s after the first start.
        let mut p = Pacer::new(headers(&[("x-ratelimit-limit-second", "10"), ("x-ratelimit-limit-minute", "60")]));
        let (per_second, per_minute) = p.budget();
        assert_eq!((per_second, per_minute), (9, 59));
        let first: Vec<f64> = (0..per_minute).map(|_| p.reserve(0.0)).collect();
        let last = *first.last().unwrap();
        assert!(last < 7_000.0, "{last}");
        // The answer to the last start: the minute is the tightest window, reset in 2 s (1.6 s,
        // rounded up), one left for others.
        let h = [
            ("x-ratelimit-limit-minute", "60"),
            ("x-ratelimit-remaining-minute", "1"),
            ("x-ratelimit-remaining-second", "4"),
            ("ratelimit-remaining", "1"),
            ("ratelimit-reset", "2"),
        ];
        p.answered(last + 40.0, seen(&h, last), None);
        let next = p.reserve(last + 40.0);
        assert!(next >= last + 1_000.0, "not before the gateway's minute can have ended: {next}");
        assert!(next <= last + 2_040.0, "when the gateway's minute has ended, not 60 s after the first start: {next}");
        // The new window holds a whole budget again, paced by the second.
        let rest: Vec<f64> = (1..per_minute).map(|_| p.reserve(next)).collect();
        assert!(rest.last().unwrap() - next < 7_000.0, "{:?}", rest.last());
        // Without the headers, the sliding minute holds.
        let mut blind = Pacer::new(headers(&[("x-ratelimit-limit-second", "10"), ("x-ratelimit-limit-minute", "60")]));
        let starts: Vec<f64> = (0..=per_minute).map(|_| blind.reserve(0.0)).collect();
        assert_eq!(starts[per_minute as usize], 60_000.0);
    }
}
