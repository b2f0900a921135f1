//! The API token: kept in sessionStorage under one key, and nowhere else.

use web_sys::Storage;

/// The key in sessionStorage.
pub const STORAGE_KEY: &str = "awork-admin.token";

/// An awork API token. Its `Debug` hides the value so it cannot end up in a log by accident, and it
/// has no `Display`.
#[derive(Clone, PartialEq, Eq)]
pub struct Token(String);

impl std::fmt::Debug for Token {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Token(<hidden>)")
    }
}

impl Token {
    /// Reads what an admin pasted: trims it and drops a leading `Bearer ` copied along.
    /// Returns `None` when nothing is left.
    pub fn parse(input: &str) -> Option<Token> {
        let t = input.trim();
        let t = match t.get(..7) {
            Some(p) if p.eq_ignore_ascii_case("bearer ") => t[7..].trim(),
            _ => t,
        };
        (!t.is_empty() && !t.chars().any(char::is_whitespace)).then(|| Token(t.to_string()))
    }

    /// The value of the Authorization header; the only place the token is used.
    pub fn authorization(&self) -> String {
        format!("Bearer {}", self.0)
    }
}

fn storage() -> Option<Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

/// The token saved in this tab's session, if any.
pub fn load() -> Option<Token> {
    storage()?.get_item(STORAGE_KEY).ok().flatten().as_deref().and_then(Token::parse)
}

/// Keeps the token for this tab's session. Returns false when sessionStorage is unavailable (for
/// example blocked in a third-party iframe): the app then keeps the token in memory only.
pub fn save(token: &Token) -> bool {
    storage().is_some_and(|s| s.set_item(STORAGE_KEY, &token.0).is_ok())
}

/// Forgets the token.
pub fn clear() {
    if let Some(s) = storage() {
        let _ = s.remove_item(STORAGE_KEY);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pasted_tokens_are_cleaned_up() {
        assert_eq!(Token::parse("  abc  "), Some(Token("abc".into())));
        assert_eq!(Token::parse("Bearer abc"), Some(Token("abc".into())));
        assert_eq!(Token::parse("bearer   abc\n"), Some(Token("abc".into())));
        assert_eq!(Token::parse("   "), None);
        assert_eq!(Token::parse("two words"), None);
        assert_eq!(format!("{:?}", Token::parse("secret").unwrap()), "Token(<hidden>)");
    }
}
