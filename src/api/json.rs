//! Reading JSON (awork's answers, `config.json`, the pending OAuth sign-in) straight into the
//! app's types, without serde's deserializers.
//!
//! Why not serde here: its derive compiles a deserializer for every type, with a field visitor,
//! a form for arrays and the generic wrappers around it, and together with serde_json's parser
//! that was 37 KB of the app's 358 KB gzip (measured by building the app with every read replaced
//! by an opaque value). This is one reader, compiled once, and each type lists the fields it
//! takes ([`from_json!`]): a few lines each. It reads the text once, borrows every key and every
//! string without escapes from it, scans strings eight bytes at a time, and skips what it does
//! not take without keeping it: natively 3.2 ms for 1,000 users against serde_json's 2.8 ms, and
//! in the browser the smaller wasm more than makes up for that (README, "Size and speed").
//!
//! What it accepts is JSON (RFC 8259) and nothing else: a syntax error anywhere, also in a value
//! that is skipped, or anything after the value, makes the text [`Malformed`]. Nesting deeper than
//! [`MAX_DEPTH`] is refused, so a hostile answer cannot exhaust the stack. On top of that, awork's
//! habits: a missing or `null` field is the type's default, fields the type does not list are
//! skipped, and a field of another shape (a string where a list belongs) is malformed.
//!
//! Writing is here too ([`ToJson`], [`Object`]): the few bodies the app sends are objects of
//! strings, string lists and booleans.

use std::borrow::Cow;

/// The deepest nesting of arrays and objects read.
pub const MAX_DEPTH: u32 = 128;

/// The text is not JSON, or not of the shape asked for; `at` is the byte where reading stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Malformed {
    pub at: usize,
}

/// A type read from JSON.
pub trait FromJson: Sized {
    fn read(r: &mut Reader) -> Result<Self, Malformed>;
}

/// Reads `text` as one `T`, with nothing but white space after it.
pub fn parse<T: FromJson>(text: &str) -> Result<T, Malformed> {
    let mut r = Reader { text, pos: 0, depth: 0 };
    let value = T::read(&mut r)?;
    match r.peek() {
        None => Ok(value),
        Some(_) => Err(r.bad()),
    }
}

/// Where reading stands in the text.
pub struct Reader<'a> {
    text: &'a str,
    pos: usize,
    depth: u32,
}

impl<'a> Reader<'a> {
    fn bad(&self) -> Malformed {
        Malformed { at: self.pos }
    }

    /// The next byte after white space, not taken.
    fn peek(&mut self) -> Option<u8> {
        let bytes = self.text.as_bytes();
        while let Some(b' ' | b'\n' | b'\r' | b'\t') = bytes.get(self.pos) {
            self.pos += 1;
        }
        bytes.get(self.pos).copied()
    }

    /// Takes `b` if it comes next.
    fn eat(&mut self, b: u8) -> bool {
        let next = self.peek() == Some(b);
        self.pos += usize::from(next);
        next
    }

    fn expect(&mut self, b: u8) -> Result<(), Malformed> {
        if self.eat(b) {
            Ok(())
        } else {
            Err(self.bad())
        }
    }

    fn word(&mut self, word: &str) -> Result<(), Malformed> {
        self.peek();
        if self.text.as_bytes()[self.pos..].starts_with(word.as_bytes()) {
            self.pos += word.len();
            Ok(())
        } else {
            Err(self.bad())
        }
    }

    /// Takes a `null` if one comes next.
    pub fn null(&mut self) -> Result<bool, Malformed> {
        if self.peek() == Some(b'n') {
            self.word("null")?;
            return Ok(true);
        }
        Ok(false)
    }

    /// A field's value: its type's default when it is `null`.
    pub fn field<T: FromJson + Default>(&mut self) -> Result<T, Malformed> {
        if self.null()? {
            Ok(T::default())
        } else {
            T::read(self)
        }
    }

    pub fn bool(&mut self) -> Result<bool, Malformed> {
        match self.peek() {
            Some(b't') => self.word("true").map(|_| true),
            Some(b'f') => self.word("false").map(|_| false),
            _ => Err(self.bad()),
        }
    }

    /// A number, checked as JSON writes them; the text of it.
    fn number(&mut self) -> Result<&'a str, Malformed> {
        self.peek();
        let (bytes, start) = (self.text.as_bytes(), self.pos);
        let digits = |pos: &mut usize| {
            let from = *pos;
            while bytes.get(*pos).is_some_and(u8::is_ascii_digit) {
                *pos += 1;
            }
            *pos > from
        };
        let mut pos = start + usize::from(bytes.get(start) == Some(&b'-'));
        let whole = pos;
        if !digits(&mut pos) || (bytes[whole] == b'0' && pos - whole > 1) {
            return Err(Malformed { at: whole });
        }
        if bytes.get(pos) == Some(&b'.') {
            pos += 1;
            if !digits(&mut pos) {
                return Err(Malformed { at: pos });
            }
        }
        if let Some(b'e' | b'E') = bytes.get(pos) {
            pos += 1;
            if let Some(b'+' | b'-') = bytes.get(pos) {
                pos += 1;
            }
            if !digits(&mut pos) {
                return Err(Malformed { at: pos });
            }
        }
        self.pos = pos;
        Ok(&self.text[start..pos])
    }

    /// A whole number from 0 up (no sign, fraction or exponent).
    pub fn u64(&mut self) -> Result<u64, Malformed> {
        let at = self.pos;
        let n = self.number()?;
        let mut value = 0u64;
        for b in n.bytes() {
            let digit = b.checked_sub(b'0').filter(|d| *d <= 9).ok_or(Malformed { at })?;
            value = value.checked_mul(10).and_then(|v| v.checked_add(u64::from(digit))).ok_or(Malformed { at })?;
        }
        Ok(value)
    }

    /// A string, borrowed from the text unless it has escapes.
    pub fn str(&mut self) -> Result<Cow<'a, str>, Malformed> {
        self.expect(b'"')?;
        let text = self.text;
        let mut out: Option<String> = None;
        loop {
            // Up to the next quote, backslash or control character at once.
            let (bytes, start) = (text.as_bytes(), self.pos);
            let end = special(bytes, start).ok_or(Malformed { at: bytes.len() })?;
            self.pos = end + 1;
            match (bytes[end], &mut out) {
                (b'"', None) => return Ok(Cow::Borrowed(&text[start..end])),
                (b'"', Some(out)) => {
                    out.push_str(&text[start..end]);
                    return Ok(Cow::Owned(std::mem::take(out)));
                }
                (b'\\', out) => {
                    let out = out.get_or_insert_with(String::new);
                    out.push_str(&text[start..end]);
                    out.push(self.escape()?);
                }
                _ => return Err(Malformed { at: end }),
            }
        }
    }

    /// The character of the escape after a backslash.
    fn escape(&mut self) -> Result<char, Malformed> {
        let b = *self.text.as_bytes().get(self.pos).ok_or(self.bad())?;
        self.pos += 1;
        Ok(match b {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let first = self.hex4()?;
                let code = match first {
                    0xD800..=0xDBFF => {
                        // A pair of UTF-16 halves; a half alone is no character.
                        if !self.text.as_bytes()[self.pos..].starts_with(b"\\u") {
                            return Err(self.bad());
                        }
                        self.pos += 2;
                        let second = self.hex4()?;
                        if !(0xDC00..=0xDFFF).contains(&second) {
                            return Err(self.bad());
                        }
                        0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
                    }
                    0xDC00..=0xDFFF => return Err(self.bad()),
                    _ => first,
                };
                char::from_u32(code).ok_or(self.bad())?
            }
            _ => return Err(self.bad()),
        })
    }

    fn hex4(&mut self) -> Result<u32, Malformed> {
        let digits = self.text.get(self.pos..self.pos + 4).ok_or(self.bad())?;
        if !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(self.bad());
        }
        self.pos += 4;
        u32::from_str_radix(digits, 16).map_err(|_| self.bad())
    }

    fn enter(&mut self, open: u8) -> Result<(), Malformed> {
        self.expect(open)?;
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.bad());
        }
        Ok(())
    }

    /// An object: `member` is called with each key and must read that member's value (or skip it).
    pub fn object(
        &mut self,
        member: &mut dyn FnMut(&str, &mut Reader<'a>) -> Result<(), Malformed>,
    ) -> Result<(), Malformed> {
        self.enter(b'{')?;
        if !self.eat(b'}') {
            loop {
                if self.peek() != Some(b'"') {
                    return Err(self.bad());
                }
                let key = self.str()?;
                self.expect(b':')?;
                member(&key, self)?;
                if !self.eat(b',') {
                    self.expect(b'}')?;
                    break;
                }
            }
        }
        self.depth -= 1;
        Ok(())
    }

    /// An array: `item` is called for each element and must read it (or skip it).
    pub fn array(&mut self, item: &mut dyn FnMut(&mut Reader<'a>) -> Result<(), Malformed>) -> Result<(), Malformed> {
        self.enter(b'[')?;
        if !self.eat(b']') {
            loop {
                item(self)?;
                if !self.eat(b',') {
                    self.expect(b']')?;
                    break;
                }
            }
        }
        self.depth -= 1;
        Ok(())
    }

    /// Reads past one value of any shape, checking it as it goes.
    pub fn skip(&mut self) -> Result<(), Malformed> {
        match self.peek() {
            Some(b'{') => self.object(&mut |_, r| r.skip()),
            Some(b'[') => self.array(&mut |r| r.skip()),
            Some(b'"') => self.str().map(drop),
            Some(b't' | b'f') => self.bool().map(drop),
            Some(b'n') => self.word("null"),
            _ => self.number().map(drop),
        }
    }
}

/// Where the next quote, backslash or control character is in `bytes`, from `from` on. Strings
/// are most of an answer, so this looks at eight bytes at a time: a byte is one of the three when
/// XOR-ing it with `"` or `\\` gives zero, or when it is below 0x20, and the borrow of a
/// subtraction finds either in all eight at once.
fn special(bytes: &[u8], from: usize) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let zero_byte = |v: u64| v.wrapping_sub(ONES) & !v;
    let mut at = from;
    while let Some(Ok(eight)) = bytes.get(at..at + 8).map(<[u8; 8]>::try_from) {
        let v = u64::from_le_bytes(eight);
        let below_space = v.wrapping_sub(ONES * 0x20) & !v;
        if (zero_byte(v ^ (ONES * u64::from(b'"'))) | zero_byte(v ^ (ONES * u64::from(b'\\'))) | below_space) & HIGH
            != 0
        {
            break;
        }
        at += 8;
    }
    bytes.get(at..)?.iter().position(|&c| c == b'"' || c == b'\\' || c < 0x20).map(|i| at + i)
}

impl FromJson for String {
    fn read(r: &mut Reader) -> Result<Self, Malformed> {
        r.str().map(Cow::into_owned)
    }
}

impl FromJson for bool {
    fn read(r: &mut Reader) -> Result<Self, Malformed> {
        r.bool()
    }
}

impl FromJson for u64 {
    fn read(r: &mut Reader) -> Result<Self, Malformed> {
        r.u64()
    }
}

impl FromJson for u32 {
    fn read(r: &mut Reader) -> Result<Self, Malformed> {
        let at = r.pos;
        u32::try_from(r.u64()?).map_err(|_| Malformed { at })
    }
}

impl<T: FromJson> FromJson for Option<T> {
    fn read(r: &mut Reader) -> Result<Self, Malformed> {
        if r.null()? {
            Ok(None)
        } else {
            T::read(r).map(Some)
        }
    }
}

impl<T: FromJson> FromJson for Vec<T> {
    fn read(r: &mut Reader) -> Result<Self, Malformed> {
        let mut items = Vec::new();
        r.array(&mut |r| {
            items.push(T::read(r)?);
            Ok(())
        })?;
        Ok(items)
    }
}

/// Any JSON value, read to check it and then dropped (answers the app does not use).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ignored;

impl FromJson for Ignored {
    fn read(r: &mut Reader) -> Result<Self, Malformed> {
        r.skip().map(|_| Ignored)
    }
}

/// A type written as JSON.
pub trait ToJson {
    fn to_json(&self) -> String;
}

/// Writes `s` as a JSON string: quotes, backslashes and control characters escaped.
pub fn write_str(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if u32::from(c) < 0x20 => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                let b = c as u8;
                out.push_str("\\u00");
                out.push(char::from(HEX[usize::from(b >> 4)]));
                out.push(char::from(HEX[usize::from(b & 0xf)]));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Writes an array of strings.
pub fn write_strs<S: AsRef<str>>(out: &mut String, items: &[S]) {
    out.push('[');
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        write_str(out, item.as_ref());
    }
    out.push(']');
}

/// An object being written: `Object::new().str("email", e).opt("title", t).end()`.
pub struct Object {
    out: String,
}

impl Default for Object {
    fn default() -> Self {
        Object::new()
    }
}

impl Object {
    pub fn new() -> Object {
        Object { out: String::from("{") }
    }

    fn key(&mut self, key: &str) -> &mut String {
        if self.out.len() > 1 {
            self.out.push(',');
        }
        write_str(&mut self.out, key);
        self.out.push(':');
        &mut self.out
    }

    pub fn str(mut self, key: &str, value: &str) -> Object {
        write_str(self.key(key), value);
        self
    }

    /// A string member, left out when there is none.
    pub fn opt<S: AsRef<str>>(self, key: &str, value: Option<S>) -> Object {
        match value {
            Some(v) => self.str(key, v.as_ref()),
            None => self,
        }
    }

    pub fn bool(mut self, key: &str, value: bool) -> Object {
        self.key(key).push_str(if value { "true" } else { "false" });
        self
    }

    pub fn strs<S: AsRef<str>>(mut self, key: &str, items: &[S]) -> Object {
        write_strs(self.key(key), items);
        self
    }

    pub fn end(mut self) -> String {
        self.out.push('}');
        self.out
    }
}

/// [`FromJson`] for a struct with `Default`, from its fields and their JSON names:
/// `from_json!(Role { id: "id", name: "name", is_admin_role: "isAdminRole" });`. A missing or `null`
/// field keeps its default; members not named are skipped.
macro_rules! from_json {
    ($ty:ident { $($field:ident: $key:literal),* $(,)? }) => {
        impl $crate::api::json::FromJson for $ty {
            fn read(r: &mut $crate::api::json::Reader) -> Result<Self, $crate::api::json::Malformed> {
                let mut value = $ty::default();
                r.object(&mut |key, r| {
                    match key {
                        $($key => value.$field = r.field()?,)*
                        _ => r.skip()?,
                    }
                    Ok(())
                })?;
                Ok(value)
            }
        }
    };
}
pub(crate) use from_json;

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Default, PartialEq)]
    struct Sample {
        name: Option<String>,
        count: u32,
        on: bool,
        tags: Vec<String>,
        inner: Option<Inner>,
    }

    #[derive(Debug, Default, PartialEq)]
    struct Inner {
        id: String,
    }

    from_json!(Sample { name: "name", count: "count", on: "on", tags: "tags", inner: "inner" });
    from_json!(Inner { id: "id" });

    #[test]
    fn fields_are_read_and_unknown_ones_skipped() {
        let s: Sample = parse(
            r#" { "name": "Ada", "count": 3, "on": true, "tags": ["a", "b"], "inner": {"id": "x", "more": [1, {"a": null}]},
                 "extra": {"deep": [true, false, null, -1.5e+3, 0, "\u00e9"]} } "#,
        )
        .unwrap();
        let inner = Some(Inner { id: "x".into() });
        assert_eq!(
            s,
            Sample { name: Some("Ada".into()), count: 3, on: true, tags: vec!["a".into(), "b".into()], inner }
        );
    }

    #[test]
    fn null_and_missing_fields_are_defaults() {
        let s: Sample = parse(r#"{"name": null, "count": null, "tags": null, "inner": null}"#).unwrap();
        assert_eq!(s, Sample::default());
        assert_eq!(parse::<Sample>("{}").unwrap(), Sample::default());
        assert_eq!(parse::<Option<Sample>>("null").unwrap(), None);
    }

    #[test]
    fn escapes_and_unicode() {
        let s: String = parse(r#""a\"b\\c\/d\b\f\n\r\t \u00e9 \ud83d\ude00 é""#).unwrap();
        assert_eq!(s, "a\"b\\c/d\u{8}\u{c}\n\r\t é 😀 é");
        let mut r = Reader { text: r#" "plain" "esc\"aped" "#, pos: 0, depth: 0 };
        assert!(matches!(r.str(), Ok(Cow::Borrowed("plain"))), "a string without escapes is borrowed");
        assert_eq!(r.str(), Ok(Cow::Owned("esc\"aped".into())));
        for lone in [r#""\ud83d""#, r#""\ude00""#, r#""\ud83d\u0041""#, r#""\x""#, r#""\u12""#, r#""\u12G4""#] {
            assert!(parse::<String>(lone).is_err(), "{lone}");
        }
    }

    #[test]
    fn anything_but_json_is_malformed() {
        for bad in [
            "",
            "{",
            "{\"name\": \"Ada\",}",
            "{\"name\" \"Ada\"}",
            "{name: \"Ada\"}",
            "{\"count\": 01}",
            "{\"count\": 1.}",
            "{\"count\": -}",
            "{\"x\": 1e}",
            "{\"x\": tru}",
            "{\"x\": nul}",
            "{\"x\": [1, 2,]}",
            "{\"x\": \"a\nb\"}",
            "{} {}",
            "{\"x\": \"unterminated}",
            "[]",
        ] {
            assert!(parse::<Sample>(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn fields_of_another_shape_are_malformed() {
        for bad in [
            r#"{"name": 3}"#,
            r#"{"count": "3"}"#,
            r#"{"count": -1}"#,
            r#"{"count": 1.5}"#,
            r#"{"count": 4294967296}"#,
            r#"{"on": "true"}"#,
            r#"{"tags": "a"}"#,
            r#"{"tags": [1]}"#,
            r#"{"inner": []}"#,
        ] {
            assert!(parse::<Sample>(bad).is_err(), "{bad}");
        }
        assert_eq!(parse::<u64>("18446744073709551615"), Ok(u64::MAX));
        assert!(parse::<u64>("18446744073709551616").is_err());
    }

    #[test]
    fn deep_nesting_is_refused_without_exhausting_the_stack() {
        let deep = |n: usize| format!("{{\"extra\": {}{}}}", "[".repeat(n), "]".repeat(n));
        assert!(parse::<Sample>(&deep(MAX_DEPTH as usize - 1)).is_ok());
        assert!(parse::<Sample>(&deep(MAX_DEPTH as usize)).is_err());
        assert!(parse::<Ignored>(&"[".repeat(100_000)).is_err());
    }

    #[test]
    fn the_scan_finds_quotes_backslashes_and_control_characters_wherever_they_are() {
        for len in 0..20 {
            for (i, special_byte) in [b'"', b'\\', b'\n', 0x1f, 0].into_iter().enumerate() {
                for at in 0..len {
                    let mut bytes = vec![b'a' + (i as u8); len];
                    bytes[at] = special_byte;
                    assert_eq!(special(&bytes, 0), Some(at), "{bytes:?}");
                    assert_eq!(special(&bytes, at.min(len)), Some(at));
                }
                assert_eq!(special(&vec![b'x'; len], 0), None);
            }
        }
        // Bytes just above the three, and UTF-8 continuation bytes, are none of them.
        let text = "#]!  é € 😀 \u{7f}~";
        assert_eq!(special(text.as_bytes(), 0), None);
        assert_eq!(special(b"abcdefghij", 12), None);
    }

    #[test]
    fn what_is_written_reads_back() {
        let tricky = "q\"b\\s/ n\n r\r t\t \u{1} \u{1f} é 😀 \u{2028}";
        let mut out = String::new();
        write_str(&mut out, tricky);
        assert_eq!(out, r#""q\"b\\s/ n\n r\r t\t \u0001 \u001f é 😀 \u{2028}""#.replace("\\u{2028}", "\u{2028}"));
        assert_eq!(parse::<String>(&out).unwrap(), tricky);
        let body = Object::new()
            .str("name", tricky)
            .opt("title", None::<&str>)
            .opt("position", Some("Lead"))
            .bool("on", true)
            .strs("tags", &["a", "b"])
            .end();
        assert_eq!(body, format!(r#"{{"name":{out},"position":"Lead","on":true,"tags":["a","b"]}}"#));
        assert_eq!(Object::new().end(), "{}");
        let mut list = String::new();
        write_strs(&mut list, &[] as &[&str]);
        assert_eq!(list, "[]");
        let sample: Sample = parse(&body).unwrap();
        assert_eq!((sample.name.as_deref(), sample.on, sample.tags.len()), (Some(tricky), true, 2));
    }

    #[test]
    fn where_it_stopped_is_told() {
        assert_eq!(parse::<Sample>("{\"name\": \"Ada\" x}"), Err(Malformed { at: 15 }));
    }
}
