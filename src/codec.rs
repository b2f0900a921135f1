//! The text encodings the app writes and reads, each from a well-kept crate: base64url (PKCE),
//! `application/x-www-form-urlencoded` (the OAuth request and answer, the People screen's address)
//! and URL path segments (ids and keys in awork's paths and in the app's own addresses).

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use percent_encoding::{percent_decode_str, utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// What a path segment keeps as it is (RFC 3986 unreserved); everything else is escaped.
const UNRESERVED: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

/// base64url without padding (RFC 7636's encoding of the challenge and of random strings).
pub fn base64url(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

/// `application/x-www-form-urlencoded` of `pairs`, in their order, with a space written `%20`
/// (RFC 3986 percent-encoding of everything but the unreserved characters): every form reader
/// takes it, also one that would not take `+` for a space in an OAuth request.
pub fn form<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> String {
    let pair =
        |(k, v): (&str, &str)| format!("{}={}", utf8_percent_encode(k, UNRESERVED), utf8_percent_encode(v, UNRESERVED));
    pairs.into_iter().map(pair).collect::<Vec<_>>().join("&")
}

/// The pairs of a query or form (`?a=1&b=x+y`, the `?` optional), decoded; a key without `=` has
/// an empty value.
pub fn parse_form(query: &str) -> impl Iterator<Item = (String, String)> + '_ {
    form_urlencoded::parse(query.trim_start_matches('?').as_bytes()).map(|(k, v)| (k.into_owned(), v.into_owned()))
}

/// One URL path segment made safe: `ACME-12` stays, `a/b` becomes `a%2Fb`, and `.` and `..`,
/// which URL parsers resolve away, are escaped so they stay data.
pub fn path_segment(s: &str) -> String {
    match s {
        "." => "%2E".into(),
        ".." => "%2E%2E".into(),
        _ => utf8_percent_encode(s, UNRESERVED).to_string(),
    }
}

/// A path segment read back.
pub fn decode_segment(s: &str) -> String {
    percent_decode_str(s).decode_utf8_lossy().into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64url_has_no_padding_and_url_safe_letters() {
        assert_eq!(base64url(b""), "");
        assert_eq!(base64url(b"f"), "Zg");
        assert_eq!(base64url(b"fo"), "Zm8");
        assert_eq!(base64url(b"foo"), "Zm9v");
        assert_eq!(base64url(&[0xfb, 0xff, 0xbf]), "-_-_");
    }

    #[test]
    fn forms_round_trip() {
        let written = form([("q", "Ann Lee & co"), ("role", "a/b=c"), ("é", "ü")]);
        assert_eq!(written, "q=Ann%20Lee%20%26%20co&role=a%2Fb%3Dc&%C3%A9=%C3%BC");
        let read: Vec<_> = parse_form(&format!("?{written}&flag")).collect();
        let pair = |k: &str, v: &str| (k.to_string(), v.to_string());
        assert_eq!(read, [pair("q", "Ann Lee & co"), pair("role", "a/b=c"), pair("é", "ü"), pair("flag", "")]);
        assert_eq!(parse_form("a=%20%2B+x").next(), Some(pair("a", " + x")), "%20, + and %2B as a form has them");
    }

    #[test]
    fn path_segments_stay_one_segment() {
        assert_eq!(path_segment("ACME-12"), "ACME-12");
        assert_eq!(path_segment("a/b?c#d"), "a%2Fb%3Fc%23d");
        assert_eq!(path_segment(".."), "%2E%2E");
        assert_eq!(decode_segment(&path_segment("a/b é")), "a/b é");
    }
}
