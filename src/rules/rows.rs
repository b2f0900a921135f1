//! Rows made from the workspace's users, kept from one pass to the next: a list of 10,000 people
//! is joined again whenever a page of users or members arrives (about 20 times while it loads),
//! and only the rows whose user record changed are made again. The people store keeps each user
//! in an `Arc` and replaces it when the user changes, so "the same record" is a pointer compare.

use crate::api::models::{User, UserId};
use std::collections::HashMap;
use std::sync::Arc;

struct Kept<E, R> {
    user: Option<Arc<User>>,
    extra: E,
    row: Arc<R>,
    pass: u32,
}

/// The rows of one list. `C` is what every row depends on (the language, the roles); `E` what
/// one row depends on besides its user (the membership's own flag, the role id).
pub struct RowCache<C, E, R> {
    context: Option<C>,
    kept: HashMap<UserId, Kept<E, R>>,
    pass: u32,
}

impl<C, E, R> Default for RowCache<C, E, R> {
    fn default() -> Self {
        RowCache { context: None, kept: HashMap::new(), pass: 0 }
    }
}

impl<C: PartialEq, E: PartialEq, R> RowCache<C, E, R> {
    /// Starts a pass. A context unlike the last one's forgets every row.
    pub fn begin(&mut self, context: C) {
        if self.context.as_ref() != Some(&context) {
            self.kept.clear();
            self.context = Some(context);
        }
        self.pass = self.pass.wrapping_add(1);
    }

    /// The row of `id`: the one kept from the last pass when its user is the same record (or
    /// still missing) and `extra` is equal, else a new one from `make`.
    pub fn row(&mut self, id: &UserId, user: Option<&Arc<User>>, extra: E, make: impl FnOnce() -> R) -> Arc<R> {
        let pass = self.pass;
        if let Some(k) = self.kept.get_mut(id) {
            let same_user = match (&k.user, user) {
                (Some(a), Some(b)) => Arc::ptr_eq(a, b),
                (None, None) => true,
                _ => false,
            };
            if same_user && k.extra == extra {
                k.pass = pass;
                return k.row.clone();
            }
        }
        let row = Arc::new(make());
        self.kept.insert(id.clone(), Kept { user: user.cloned(), extra, row: row.clone(), pass });
        row
    }

    /// Ends a pass: rows not asked for in it are forgotten.
    pub fn end(&mut self) {
        let pass = self.pass;
        self.kept.retain(|_, k| k.pass == pass);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user(id: &str) -> Arc<User> {
        Arc::new(User { id: UserId(id.into()), ..Default::default() })
    }

    /// One pass over `items`; the ids of the rows made go to `made`.
    fn pass(
        cache: &mut RowCache<u8, bool, String>,
        lang: u8,
        items: &[(&Arc<User>, bool)],
        made: &mut Vec<String>,
    ) -> Vec<Arc<String>> {
        cache.begin(lang);
        let rows = items
            .iter()
            .map(|(u, flag)| {
                cache.row(&u.id, Some(u), *flag, || {
                    made.push(u.id.to_string());
                    format!("{}{}", u.id, flag)
                })
            })
            .collect();
        cache.end();
        rows
    }

    #[test]
    fn rows_are_made_again_only_when_what_they_show_changed() {
        let mut cache = RowCache::default();
        let (a, b) = (user("a"), user("b"));
        let mut made = Vec::new();
        let first = pass(&mut cache, 0, &[(&a, false)], &mut made);
        let second = pass(&mut cache, 0, &[(&a, false), (&b, false)], &mut made);
        assert!(Arc::ptr_eq(&first[0], &second[0]), "a's row is kept");
        // a changed (a new record), b's own flag changed.
        let a2 = Arc::new(User { first_name: Some("Ada".into()), ..(*a).clone() });
        let third = pass(&mut cache, 0, &[(&a2, false), (&b, true)], &mut made);
        assert_eq!(*third[1], "btrue");
        // Another language: every row again.
        pass(&mut cache, 1, &[(&a2, false), (&b, true)], &mut made);
        assert_eq!(made, ["a", "b", "a", "b", "a", "b"]);
        // b left the list: forgotten, so it is made again when it comes back.
        pass(&mut cache, 1, &[(&a2, false)], &mut made);
        pass(&mut cache, 1, &[(&a2, false), (&b, true)], &mut made);
        assert_eq!(made.len(), 7);
    }

    #[test]
    fn a_missing_user_keeps_its_row_until_the_user_arrives() {
        let mut cache = RowCache::<(), bool, &str>::default();
        let id = UserId("x".into());
        cache.begin(());
        let missing = cache.row(&id, None, false, || "missing");
        cache.end();
        cache.begin(());
        assert!(Arc::ptr_eq(&missing, &cache.row(&id, None, false, || "again")));
        assert_eq!(*cache.row(&id, Some(&user("x")), false, || "found"), "found");
    }
}
