//! An awork token: what every call is signed with. Its `Debug` hides the value and it has no
//! `Display`, so it cannot end up in a log or on the page by accident.

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

    /// The bare value, for sessionStorage and for the OAuth token endpoint's form
    /// (`refresh_token=…`).
    pub fn secret(&self) -> &str {
        &self.0
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
