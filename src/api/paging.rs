//! Loading every page of a paged awork list: page 1 tells the total (`aw-totalitems`), the rest
//! come concurrently with a bound, and pages answered with 429 wait as [`super::rate`] says and
//! retry. The total is not trusted blindly: a short or empty page ends the list whatever it
//! claimed, and no list is loaded beyond [`MAX_PAGES`] pages.

use super::rate::{retry_delay_ms, MAX_ATTEMPTS};
use super::{ApiError, Client};
use futures_util::StreamExt;
use serde::de::DeserializeOwned;
use std::collections::BTreeMap;

/// awork's largest page.
pub const MAX_PAGE_SIZE: usize = 1000;
/// Requests in flight at once. With awork's 50 requests/s per workspace shared by every client,
/// six in flight stay well under it at any realistic latency (each would have to answer in under
/// 120 ms to reach 50/s); a 429 anyway makes the page wait and retry.
pub const CONCURRENCY: usize = 6;
/// The most pages of one list the app asks for: 100,000 items at awork's largest page.
pub const MAX_PAGES: usize = 100;

/// The pages after the first that a list of `total` items needs, at most [`MAX_PAGES`] in all.
pub fn remaining_pages(total: usize, page_size: usize) -> Vec<usize> {
    let pages = total.div_ceil(page_size.max(1)).min(MAX_PAGES);
    (2..=pages).collect()
}

/// The total a list has after `page` came back with `items` of `page_size`, given what the list
/// knew (`known`) and what the answer claimed: a short page is the end of the list, and a total
/// only ever shrinks once known (a huge `aw-totalitems` cannot grow the plan).
pub fn total_after(page: usize, page_size: usize, items: usize, known: Option<usize>, claimed: Option<usize>) -> usize {
    let mut total = known.or(claimed).unwrap_or(items);
    if let Some(c) = claimed {
        total = total.min(c);
    }
    if items < page_size {
        total = total.min((page - 1) * page_size + items);
    }
    total.max((page - 1) * page_size + items)
}

/// The pages loaded so far of one list.
#[derive(Debug, Clone, PartialEq)]
pub struct PagedList<T> {
    pub page_size: usize,
    pub total: Option<usize>,
    pub pages: BTreeMap<usize, Vec<T>>,
}

impl<T> Default for PagedList<T> {
    fn default() -> Self {
        PagedList { page_size: MAX_PAGE_SIZE, total: None, pages: BTreeMap::new() }
    }
}

/// What is left to load of a list: its page size, its total if known, the pages missing.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    page_size: usize,
    total: Option<usize>,
    missing: Vec<usize>,
}

impl<T> PagedList<T> {
    /// What is left to load ([`Client::load_missing_pages`]).
    pub fn plan(&self) -> Plan {
        Plan { page_size: self.page_size, total: self.total, missing: self.missing_pages() }
    }

    /// Pages still to load: page 1 until the total is known, then every page not loaded.
    pub fn missing_pages(&self) -> Vec<usize> {
        match self.total {
            None => vec![1],
            Some(total) => {
                let mut all = vec![1];
                all.extend(remaining_pages(total, self.page_size));
                all.retain(|p| !self.pages.contains_key(p));
                all
            }
        }
    }

    pub fn is_complete(&self) -> bool {
        self.total.is_some() && self.missing_pages().is_empty()
    }

    pub fn loaded(&self) -> usize {
        self.pages.values().map(Vec::len).sum()
    }

    /// Items in page order.
    pub fn items(&self) -> impl Iterator<Item = &T> {
        self.pages.values().flatten()
    }

    /// Keeps a page that came back with `claimed` as its `aw-totalitems`. Without a total, a first
    /// page is all there is.
    pub fn insert(&mut self, page: usize, items: Vec<T>, claimed: Option<usize>) {
        if self.total.is_some() || claimed.is_some() || page == 1 {
            self.total = Some(total_after(page, self.page_size, items.len(), self.total, claimed));
        }
        self.pages.insert(page, items);
    }

    /// Whether the list claims more than the app loads ([`MAX_PAGES`] pages).
    pub fn is_truncated(&self) -> bool {
        self.total.is_some_and(|t| t > MAX_PAGES * self.page_size)
    }
}

impl Client {
    async fn page_with_retry<T: DeserializeOwned>(
        &self,
        path: &str,
        page: usize,
        page_size: usize,
        extra: &[(&str, String)],
    ) -> (usize, Result<super::client::Page<T>, ApiError>) {
        let mut attempt = 0;
        loop {
            attempt += 1;
            match self.get_page::<T>(path, page, page_size, extra).await {
                Err(ApiError::RateLimited { retry_after_secs }) if attempt < MAX_ATTEMPTS => {
                    gloo_timers::future::TimeoutFuture::new(retry_delay_ms(attempt, retry_after_secs)).await;
                }
                other => return (page, other),
            }
        }
    }

    /// Loads what `list` is missing, handing each page to `on_page` as it arrives (so the first
    /// rows can show while later pages load), with the total as [`total_after`] corrects it. Stops
    /// at the first error other than a 429 that retrying could not get past; what was loaded stays
    /// loaded, and calling again resumes. After a short page no later page is asked for. A list
    /// that claims more than [`MAX_PAGES`] pages ends in [`ApiError::TooLarge`] once those are in.
    /// `plan` comes from the list ([`PagedList::plan`]), which may hold the items or anything
    /// derived from them. Compiled once per item type, whatever the list and `on_page`.
    pub(super) async fn load_missing_pages<T: DeserializeOwned>(
        &self,
        path: &str,
        extra: &[(&str, String)],
        plan: Plan,
        on_page: &mut dyn FnMut(usize, Vec<T>, Option<usize>),
    ) -> Result<(), ApiError> {
        let Plan { page_size, mut total, mut missing } = plan;
        if total.is_none() {
            let (_, first) = self.page_with_retry::<T>(path, 1, page_size, extra).await;
            let first = first?;
            let t = total_after(1, page_size, first.items.len(), None, first.total);
            on_page(1, first.items, Some(t));
            total = Some(t);
            missing = remaining_pages(t, page_size);
        }
        // The last page there is, as far as known: lowered by a short page.
        let last = std::cell::Cell::new(missing.last().copied().unwrap_or(1));
        let mut results = futures_util::stream::iter(missing)
            .filter(|page| std::future::ready(*page <= last.get()))
            .map(|page| self.page_with_retry::<T>(path, page, page_size, extra))
            .buffer_unordered(CONCURRENCY);
        let mut failure = None;
        while let Some((page, result)) = results.next().await {
            match result {
                Ok(_) if page > last.get() => {}
                Ok(p) => {
                    let t = total_after(page, page_size, p.items.len(), total, p.total);
                    total = Some(t);
                    last.set(last.get().min(t.div_ceil(page_size).max(1)));
                    on_page(page, p.items, Some(t));
                }
                Err(e) => {
                    failure.get_or_insert(e);
                }
            }
        }
        if let Some(e) = failure {
            return Err(e);
        }
        match total {
            Some(t) if t > MAX_PAGES * page_size => Err(ApiError::TooLarge),
            _ => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_plan_follows_the_total() {
        assert_eq!(remaining_pages(0, 1000), Vec::<usize>::new());
        assert_eq!(remaining_pages(1000, 1000), Vec::<usize>::new());
        assert_eq!(remaining_pages(1001, 1000), vec![2]);
        assert_eq!(remaining_pages(10_000, 1000), (2..=10).collect::<Vec<_>>());
    }

    #[test]
    fn missing_pages_resume_after_a_failure() {
        let mut list = PagedList::<u32>::default();
        assert_eq!(list.missing_pages(), vec![1]);
        list.insert(1, vec![1; 1000], Some(3500));
        assert_eq!(list.missing_pages(), vec![2, 3, 4]);
        list.insert(3, vec![3; 1000], Some(3500));
        assert_eq!(list.missing_pages(), vec![2, 4]);
        assert!(!list.is_complete());
        list.insert(2, vec![2; 1000], None);
        list.insert(4, vec![4; 500], None);
        assert!(list.is_complete());
        assert_eq!(list.loaded(), 3500);
        assert_eq!(list.items().next(), Some(&1));
    }

    #[test]
    fn a_huge_total_is_capped_and_a_short_page_ends_the_list() {
        assert_eq!(remaining_pages(usize::MAX, 1000).len(), MAX_PAGES - 1);
        let mut list = PagedList::<u32>::default();
        list.insert(1, vec![1; 1000], Some(1_000_000_000));
        assert_eq!(list.missing_pages().len(), MAX_PAGES - 1);
        assert!(list.is_truncated());
        list.insert(3, vec![3; 10], Some(1_000_000_000));
        assert_eq!(list.total, Some(2010), "the short page 3 is the end");
        assert_eq!(list.missing_pages(), vec![2]);
        assert!(!list.is_truncated());
        list.insert(2, vec![2; 1000], Some(1_000_000_000));
        assert!(list.is_complete());
        assert_eq!(list.loaded(), 2010);
    }

    #[test]
    fn an_empty_page_ends_the_list_and_a_total_never_grows() {
        assert_eq!(total_after(4, 1000, 0, Some(10_000), Some(10_000)), 3000);
        assert_eq!(total_after(2, 1000, 1000, Some(3000), Some(9999)), 3000);
        assert_eq!(total_after(1, 1000, 7, None, None), 7);
        assert_eq!(total_after(1, 1000, 1000, None, Some(5)), 1000, "what came back counts");
    }

    #[test]
    fn a_list_without_a_total_header_is_one_page() {
        let mut list = PagedList::<u32>::default();
        list.insert(1, vec![1, 2], None);
        assert!(list.is_complete());
    }
}
