//! CSV in and out, as spreadsheets write and read it: commas, quotes doubled inside quoted
//! fields, CRLF or LF line ends.

/// Whether a spreadsheet could take the cell for a formula: it starts with = + - @, a tab, a
/// carriage return or NUL, or with blanks before = + - @.
fn looks_like_formula(value: &str) -> bool {
    value.starts_with(['=', '+', '-', '@', '\t', '\r', '\0'])
        || value.trim_start_matches([' ', '\t', '\r', '\n', '\0']).starts_with(['=', '+', '-', '@'])
}

/// One field for a spreadsheet: quoted when needed; a cell that could run as a formula is defused
/// with a leading `'`, so that a spreadsheet shows it instead.
pub fn field(value: &str) -> String {
    let value = if looks_like_formula(value) { format!("'{value}") } else { value.into() };
    if value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value
    }
}

/// One line, CRLF-terminated.
pub fn line(fields: &[&str]) -> String {
    let mut out = fields.iter().map(|f| field(f)).collect::<Vec<_>>().join(",");
    out.push_str("\r\n");
    out
}

/// The records of a CSV text; blank lines are skipped.
pub fn parse(text: &str) -> Vec<Vec<String>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut current = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                current.push('"');
                chars.next();
            }
            (true, '"') => quoted = false,
            (true, c) => current.push(c),
            (false, '"') if current.is_empty() => quoted = true,
            (false, ',') => record.push(std::mem::take(&mut current)),
            (false, '\r') if chars.peek() == Some(&'\n') => {}
            (false, '\n') | (false, '\r') => {
                record.push(std::mem::take(&mut current));
                if record.iter().any(|f| !f.trim().is_empty()) {
                    records.push(std::mem::take(&mut record));
                }
                record.clear();
            }
            (false, c) => current.push(c),
        }
    }
    record.push(current);
    if record.iter().any(|f| !f.trim().is_empty()) {
        records.push(record);
    }
    records
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_quotes_commas_and_line_ends() {
        let text = "\u{feff}email,firstName\r\na@b.co,\"Smith, \"\"Jo\"\"\"\n\n\"x\ny@b.co\",Ann\r\n";
        assert_eq!(
            parse(text),
            vec![
                vec!["email".to_string(), "firstName".into()],
                vec!["a@b.co".into(), "Smith, \"Jo\"".into()],
                vec!["x\ny@b.co".into(), "Ann".into()],
            ]
        );
        assert!(parse(" \n,\n").is_empty());
    }

    #[test]
    fn formulas_behind_blanks_or_nul_are_defused_too() {
        assert_eq!(field(" =1+1"), "' =1+1");
        assert_eq!(field("\n\n@SUM(A1)"), "\"'\n\n@SUM(A1)\"");
        assert_eq!(field("\0=cmd"), "'\0=cmd");
        assert_eq!(field("\0"), "'\0");
        assert_eq!(field("a = b"), "a = b");
        assert_eq!(field("-"), "'-");
    }

    #[test]
    fn writes_what_it_reads() {
        let l = line(&["Smith, \"Jo\"", "=1+1", "plain"]);
        assert_eq!(l, "\"Smith, \"\"Jo\"\"\",'=1+1,plain\r\n");
        assert_eq!(parse(&l)[0], ["Smith, \"Jo\"", "'=1+1", "plain"]);
    }
}
