//! Loading every page of a paged awork list: page 1 tells the total (`aw-totalitems`), the rest
//! come concurrently with a bound, and pages answered with 429 wait as [`super::rate`] says and
//! retry.

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
/// The pages after the first that a list of `total` items needs.
pub fn remaining_pages(total: usize, page_size: usize) -> Vec<usize> {
    let pages = total.div_ceil(page_size.max(1));
    (2..=pages).collect()
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

impl<T> PagedList<T> {
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

    pub fn insert(&mut self, page: usize, items: Vec<T>, total: Option<usize>) {
        if total.is_some() {
            self.total = total;
        } else if self.total.is_none() && page == 1 {
            // No aw-totalitems: treat this page as all there is.
            self.total = Some(items.len());
        }
        self.pages.insert(page, items);
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
    /// rows can show while later pages load). Stops at the first error other than a 429 that
    /// retrying could not get past; what was loaded stays loaded, and calling again resumes.
    /// `list` only says which pages are there; it may hold the items or anything derived from them.
    pub(super) async fn load_missing_pages<T: DeserializeOwned, U>(
        &self,
        path: &str,
        extra: &[(&str, String)],
        list: &PagedList<U>,
        mut on_page: impl FnMut(usize, Vec<T>, Option<usize>),
    ) -> Result<(), ApiError> {
        let page_size = list.page_size;
        let mut missing = list.missing_pages();
        if list.total.is_none() {
            let (_, first) = self.page_with_retry::<T>(path, 1, page_size, extra).await;
            let first = first?;
            let total = first.total.unwrap_or(first.items.len());
            on_page(1, first.items, Some(total));
            missing = remaining_pages(total, page_size);
        }
        let mut results = futures_util::stream::iter(missing)
            .map(|page| self.page_with_retry::<T>(path, page, page_size, extra))
            .buffer_unordered(CONCURRENCY);
        let mut failure = None;
        while let Some((page, result)) = results.next().await {
            match result {
                Ok(p) => on_page(page, p.items, p.total),
                Err(e) => {
                    failure.get_or_insert(e);
                }
            }
        }
        failure.map_or(Ok(()), Err)
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
    fn a_list_without_a_total_header_is_one_page() {
        let mut list = PagedList::<u32>::default();
        list.insert(1, vec![1, 2], None);
        assert!(list.is_complete());
    }
}
