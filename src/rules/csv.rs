//! CSV in and out, as spreadsheets write and read it: commas, quotes doubled inside quoted
//! fields, CRLF or LF line ends. What goes out is inert in every spreadsheet, whatever separator
//! its locale splits on.

/// Where a spreadsheet may start a new cell: the separators of the locales (`,` in English, `;` in
/// German and most of Europe), tab and `|` (pasted or imported text), and line breaks (a reader
/// that splits lines first, quotes or not).
const SPLITS: [char; 6] = [',', ';', '\t', '|', '\r', '\n'];
/// What makes a spreadsheet take a cell for a formula (OWASP's list): = + - @, tab, carriage return.
const TRIGGERS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];
/// What a reader may drop before a cell's first character: blanks, NUL, line feeds, a quote.
const SKIPPED: [char; 4] = [' ', '\0', '\n', '"'];

/// `value` with a `'` wherever a cell a spreadsheet could cut from it would start with a formula
/// trigger: at the start, and after every character a spreadsheet may split on (blanks, NUL and
/// quotes in between count as nothing). A spreadsheet shows such a cell as text.
pub fn defuse(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    let mut cell_start = true;
    for (i, c) in value.char_indices() {
        if cell_start && value[i..].trim_start_matches(SKIPPED).starts_with(TRIGGERS) {
            out.push('\'');
        }
        cell_start = SPLITS.contains(&c);
        out.push(c);
    }
    out
}

/// One field for a spreadsheet: defused ([`defuse`]) and always quoted, so a separator inside it
/// never splits it for a reader that honours quotes.
pub fn field(value: &str) -> String {
    format!("\"{}\"", defuse(value).replace('"', "\"\""))
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

    /// Values that would run as formulas in some spreadsheet, were they written as they are.
    const HOSTILE: [&str; 19] = [
        "Dev;=1+1;",
        "=cmd|' /C calc'!A0",
        "a,=b",
        "x\t=1",
        "|@SUM(1)",
        " =1+1",
        "\"=1",
        "a;\"=1",
        "+49 30 1234",
        "-",
        "\0=cmd",
        "\n\n@SUM(A1)",
        "a\r\n=b",
        "Design; =HYPERLINK(\"http://x\")",
        "a; ;-1",
        "\t",
        "ok",
        "",
        "Smith, \"Jo\"",
    ];

    /// Whether a spreadsheet would take `cell` for a formula, after dropping what readers drop (and
    /// the file's own line break, which a reader that splits on another separator keeps in a cell).
    fn live(cell: &str) -> bool {
        cell.strip_prefix("\r\n").unwrap_or(cell).trim_start_matches(SKIPPED).starts_with(TRIGGERS)
    }

    #[test]
    fn no_cell_starts_a_formula_whatever_the_reader_splits_on() {
        let text: String = HOSTILE.iter().map(|v| line(&[v, "plain", v])).collect();
        for sep in [',', ';', '\t', '|'] {
            // Naively, the way a spreadsheet of another locale cuts a line (quotes or not).
            let naive: Vec<&str> = text.split([sep, '\r', '\n']).collect();
            assert!(naive.iter().all(|c| !live(c)), "split on {sep:?}: {:?}", naive.iter().find(|c| live(c)));
            // And as CSV with that separator.
            let mut reader = csv::ReaderBuilder::new()
                .delimiter(sep as u8)
                .has_headers(false)
                .flexible(true)
                .from_reader(text.as_bytes());
            for record in reader.records() {
                let record = record.unwrap();
                assert!(record.iter().all(|c| !live(c)), "CSV on {sep:?}: {record:?}");
            }
        }
    }

    #[test]
    fn a_real_csv_reader_gets_every_value_back_but_for_the_defusing() {
        let text: String = HOSTILE.iter().map(|v| line(&[v, v])).collect();
        let mut reader = csv::ReaderBuilder::new().has_headers(false).from_reader(text.as_bytes());
        let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(records.len(), HOSTILE.len());
        for (record, value) in records.iter().zip(HOSTILE) {
            assert_eq!(&record[0], defuse(value), "{value:?}");
            assert_eq!(record[0].replace('\'', ""), value.replace('\'', ""), "only apostrophes are added");
        }
        let ours: Vec<String> = parse(&text).iter().map(|r| r[1].clone()).collect();
        let written: Vec<String> = HOSTILE.iter().filter(|v| !v.is_empty()).map(|v| defuse(v)).collect();
        assert_eq!(ours, written, "the app's own reader too (it skips empty lines)");
    }

    #[test]
    fn defusing_marks_each_cell_that_could_start_a_formula() {
        assert_eq!(defuse("Dev;=1+1;"), "Dev;'=1+1;");
        assert_eq!(defuse(" =1+1"), "' =1+1");
        assert_eq!(defuse("a;\"=1"), "a;'\"=1");
        assert_eq!(defuse("x\t=1"), "x\t'=1");
        assert_eq!(defuse("\t"), "'\t");
        assert_eq!(defuse("a = b, c; d"), "a = b, c; d", "nothing else changes");
        assert_eq!(field("a\"b"), "\"a\"\"b\"");
        assert_eq!(field(""), "\"\"");
    }

    #[test]
    fn writes_what_it_reads() {
        let l = line(&["Smith, \"Jo\"", "=1+1", "plain"]);
        assert_eq!(l, "\"Smith, \"\"Jo\"\"\",\"'=1+1\",\"plain\"\r\n");
        assert_eq!(parse(&l)[0], ["Smith, \"Jo\"", "'=1+1", "plain"]);
    }
}
