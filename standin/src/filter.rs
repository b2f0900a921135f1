//! awork's `filterby` and `orderby` query languages, evaluated against JSON entities.
//!
//! awork documents an OData-like syntax: comparisons (`eq ne gt lt le ge`), `and`, `or`, `not`,
//! parentheses, the functions `substringof('x',f)`, `startswith(f,'x')`, `endswith(f,'x')`,
//! `tolower(f)`, `toupper(f)`, `f in ('a','b')`, lambdas `list/any(x: x/field eq 'a')`, nested
//! fields with `/`, and single quotes doubled inside strings. Keywords are case-insensitive; field
//! names match case-insensitively too (the docs write them both ways). String comparison with `eq`
//! is exact: use `tolower` for case-insensitive matches, as awork's docs do.

use serde_json::Value;
use std::cmp::Ordering;
use std::collections::HashMap;

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Ident(String),
    Str(String),
    Num(f64),
    LParen,
    RParen,
    Comma,
    Colon,
    Slash,
}

#[derive(Debug, Clone)]
pub enum Expr {
    Literal(Value),
    Field(Vec<String>),
    Call(String, Vec<Expr>),
    Compare(Box<Expr>, CmpOp, Box<Expr>),
    In(Box<Expr>, Vec<Value>),
    And(Box<Expr>, Box<Expr>),
    Or(Box<Expr>, Box<Expr>),
    Not(Box<Expr>),
    Any { list: Vec<String>, var: String, body: Box<Expr> },
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum CmpOp {
    Eq,
    Ne,
    Gt,
    Lt,
    Ge,
    Le,
}

/// A filter or order expression that could not be read; the stand-in answers 400
/// `invalid-filter-or-order` with this text.
#[derive(Debug, Clone, PartialEq)]
pub struct SyntaxError(pub String);

fn tokenize(input: &str) -> Result<Vec<Token>, SyntaxError> {
    let chars: Vec<char> = input.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            ' ' | '\t' | '\n' | '\r' => i += 1,
            '(' => {
                out.push(Token::LParen);
                i += 1
            }
            ')' => {
                out.push(Token::RParen);
                i += 1
            }
            ',' => {
                out.push(Token::Comma);
                i += 1
            }
            ':' => {
                out.push(Token::Colon);
                i += 1
            }
            '/' => {
                out.push(Token::Slash);
                i += 1
            }
            '\'' => {
                let mut s = String::new();
                i += 1;
                loop {
                    match chars.get(i) {
                        None => return Err(SyntaxError("unterminated string".into())),
                        Some('\'') if chars.get(i + 1) == Some(&'\'') => {
                            s.push('\'');
                            i += 2;
                        }
                        Some('\'') => {
                            i += 1;
                            break;
                        }
                        Some(&ch) => {
                            s.push(ch);
                            i += 1;
                        }
                    }
                }
                out.push(Token::Str(s));
            }
            c if c.is_ascii_digit() || (c == '-' && chars.get(i + 1).is_some_and(|d| d.is_ascii_digit())) => {
                let start = i;
                i += 1;
                while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == '.') {
                    i += 1;
                }
                let text: String = chars[start..i].iter().collect();
                let n = text.parse().map_err(|_| SyntaxError(format!("bad number {text}")))?;
                out.push(Token::Num(n));
            }
            c if c.is_alphanumeric() || c == '_' => {
                let start = i;
                while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_' || chars[i] == '-') {
                    i += 1;
                }
                out.push(Token::Ident(chars[start..i].iter().collect()));
            }
            other => return Err(SyntaxError(format!("unexpected character {other:?}"))),
        }
    }
    Ok(out)
}

struct Parser {
    tokens: Vec<Token>,
    pos: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.pos)
    }
    fn next(&mut self) -> Option<Token> {
        let t = self.tokens.get(self.pos).cloned();
        self.pos += 1;
        t
    }
    fn expect(&mut self, want: Token) -> Result<(), SyntaxError> {
        match self.next() {
            Some(t) if t == want => Ok(()),
            other => Err(SyntaxError(format!("expected {want:?}, found {other:?}"))),
        }
    }
    fn keyword(&self, word: &str) -> bool {
        matches!(self.peek(), Some(Token::Ident(w)) if w.eq_ignore_ascii_case(word))
    }

    fn or(&mut self) -> Result<Expr, SyntaxError> {
        let mut left = self.and()?;
        while self.keyword("or") {
            self.pos += 1;
            left = Expr::Or(Box::new(left), Box::new(self.and()?));
        }
        Ok(left)
    }
    fn and(&mut self) -> Result<Expr, SyntaxError> {
        let mut left = self.unary()?;
        while self.keyword("and") {
            self.pos += 1;
            left = Expr::And(Box::new(left), Box::new(self.unary()?));
        }
        Ok(left)
    }
    fn unary(&mut self) -> Result<Expr, SyntaxError> {
        if self.keyword("not") {
            self.pos += 1;
            return Ok(Expr::Not(Box::new(self.unary()?)));
        }
        if self.peek() == Some(&Token::LParen) {
            self.pos += 1;
            let inner = self.or()?;
            self.expect(Token::RParen)?;
            return Ok(inner);
        }
        self.comparison()
    }
    fn comparison(&mut self) -> Result<Expr, SyntaxError> {
        let left = self.operand()?;
        let op = match self.peek() {
            Some(Token::Ident(w)) => match w.to_ascii_lowercase().as_str() {
                "eq" => Some(CmpOp::Eq),
                "ne" => Some(CmpOp::Ne),
                "gt" => Some(CmpOp::Gt),
                "lt" => Some(CmpOp::Lt),
                "ge" => Some(CmpOp::Ge),
                "le" => Some(CmpOp::Le),
                "in" => {
                    self.pos += 1;
                    self.expect(Token::LParen)?;
                    let mut values = Vec::new();
                    loop {
                        match self.operand()? {
                            Expr::Literal(v) => values.push(v),
                            other => return Err(SyntaxError(format!("in () takes literals, found {other:?}"))),
                        }
                        match self.next() {
                            Some(Token::Comma) => continue,
                            Some(Token::RParen) => break,
                            other => return Err(SyntaxError(format!("expected , or ), found {other:?}"))),
                        }
                    }
                    return Ok(Expr::In(Box::new(left), values));
                }
                _ => None,
            },
            _ => None,
        };
        match op {
            Some(op) => {
                self.pos += 1;
                let right = self.operand()?;
                Ok(Expr::Compare(Box::new(left), op, Box::new(right)))
            }
            None => Ok(left),
        }
    }
    fn operand(&mut self) -> Result<Expr, SyntaxError> {
        match self.next() {
            Some(Token::Str(s)) => Ok(Expr::Literal(Value::String(s))),
            Some(Token::Num(n)) => Ok(Expr::Literal(serde_json::json!(n))),
            Some(Token::Ident(word)) => {
                match word.to_ascii_lowercase().as_str() {
                    "true" => return Ok(Expr::Literal(Value::Bool(true))),
                    "false" => return Ok(Expr::Literal(Value::Bool(false))),
                    "null" => return Ok(Expr::Literal(Value::Null)),
                    _ => {}
                }
                if self.peek() == Some(&Token::LParen) {
                    self.pos += 1;
                    let mut args = Vec::new();
                    if self.peek() != Some(&Token::RParen) {
                        loop {
                            args.push(self.or()?);
                            match self.next() {
                                Some(Token::Comma) => continue,
                                Some(Token::RParen) => break,
                                other => return Err(SyntaxError(format!("expected , or ), found {other:?}"))),
                            }
                        }
                    } else {
                        self.pos += 1;
                    }
                    return Ok(Expr::Call(word.to_ascii_lowercase(), args));
                }
                let mut path = vec![word];
                while self.peek() == Some(&Token::Slash) {
                    self.pos += 1;
                    match self.next() {
                        Some(Token::Ident(seg))
                            if seg.eq_ignore_ascii_case("any") && self.peek() == Some(&Token::LParen) =>
                        {
                            self.pos += 1;
                            let var = match self.next() {
                                Some(Token::Ident(v)) => v,
                                other => return Err(SyntaxError(format!("expected a variable, found {other:?}"))),
                            };
                            self.expect(Token::Colon)?;
                            let body = self.or()?;
                            self.expect(Token::RParen)?;
                            return Ok(Expr::Any { list: path, var, body: Box::new(body) });
                        }
                        Some(Token::Ident(seg)) => path.push(seg),
                        other => return Err(SyntaxError(format!("expected a field name, found {other:?}"))),
                    }
                }
                Ok(Expr::Field(path))
            }
            other => Err(SyntaxError(format!("expected a value or field, found {other:?}"))),
        }
    }
}

/// Parses a `filterby` expression.
pub fn parse_filter(input: &str) -> Result<Expr, SyntaxError> {
    let mut p = Parser { tokens: tokenize(input)?, pos: 0 };
    let e = p.or()?;
    if p.pos != p.tokens.len() {
        return Err(SyntaxError(format!("unexpected {:?}", p.peek())));
    }
    Ok(e)
}

fn field<'a>(entity: &'a Value, name: &str) -> Option<&'a Value> {
    let obj = entity.as_object()?;
    obj.get(name).or_else(|| obj.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v))
}

fn resolve(entity: &Value, env: &HashMap<String, Value>, path: &[String]) -> Value {
    let (mut cur, rest) = match env.get(&path[0]) {
        Some(bound) => (bound.clone(), &path[1..]),
        None => (entity.clone(), path),
    };
    for seg in rest {
        cur = field(&cur, seg).cloned().unwrap_or(Value::Null);
    }
    cur
}

fn truthy(v: &Value) -> bool {
    matches!(v, Value::Bool(true))
}

fn as_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// Orders JSON values the way a sort should: null first, then bools, numbers, and strings
/// compared case-insensitively.
pub fn compare_values(a: &Value, b: &Value) -> Ordering {
    fn rank(v: &Value) -> u8 {
        match v {
            Value::Null => 0,
            Value::Bool(_) => 1,
            Value::Number(_) => 2,
            Value::String(_) => 3,
            _ => 4,
        }
    }
    match (a, b) {
        (Value::Bool(x), Value::Bool(y)) => x.cmp(y),
        (Value::Number(x), Value::Number(y)) => {
            let (x, y) = (x.as_f64().unwrap_or(0.0), y.as_f64().unwrap_or(0.0));
            x.partial_cmp(&y).unwrap_or(Ordering::Equal)
        }
        (Value::String(x), Value::String(y)) => x.to_lowercase().cmp(&y.to_lowercase()).then_with(|| x.cmp(y)),
        _ => rank(a).cmp(&rank(b)),
    }
}

fn equal(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        _ => a == b,
    }
}

fn eval(e: &Expr, entity: &Value, env: &HashMap<String, Value>) -> Value {
    match e {
        Expr::Literal(v) => v.clone(),
        Expr::Field(path) => resolve(entity, env, path),
        Expr::Compare(l, op, r) => {
            let (l, r) = (eval(l, entity, env), eval(r, entity, env));
            let result = match op {
                CmpOp::Eq => equal(&l, &r),
                CmpOp::Ne => !equal(&l, &r),
                _ if l.is_null() || r.is_null() => false,
                CmpOp::Gt => compare_values(&l, &r) == Ordering::Greater,
                CmpOp::Lt => compare_values(&l, &r) == Ordering::Less,
                CmpOp::Ge => compare_values(&l, &r) != Ordering::Less,
                CmpOp::Le => compare_values(&l, &r) != Ordering::Greater,
            };
            Value::Bool(result)
        }
        Expr::In(l, values) => {
            let l = eval(l, entity, env);
            Value::Bool(values.iter().any(|v| equal(&l, v)))
        }
        Expr::And(l, r) => Value::Bool(truthy(&eval(l, entity, env)) && truthy(&eval(r, entity, env))),
        Expr::Or(l, r) => Value::Bool(truthy(&eval(l, entity, env)) || truthy(&eval(r, entity, env))),
        Expr::Not(inner) => Value::Bool(!truthy(&eval(inner, entity, env))),
        Expr::Any { list, var, body } => {
            let items = resolve(entity, env, list);
            let found = items.as_array().is_some_and(|items| {
                items.iter().any(|item| {
                    let mut inner = env.clone();
                    inner.insert(var.clone(), item.clone());
                    truthy(&eval(body, entity, &inner))
                })
            });
            Value::Bool(found)
        }
        Expr::Call(name, args) => {
            let vals: Vec<Value> = args.iter().map(|a| eval(a, entity, env)).collect();
            let text = |i: usize| vals.get(i).and_then(as_text);
            match name.as_str() {
                "tolower" => text(0).map(|s| Value::String(s.to_lowercase())).unwrap_or(Value::Null),
                "toupper" => text(0).map(|s| Value::String(s.to_uppercase())).unwrap_or(Value::Null),
                // OData v2 order: substringof(needle, haystack).
                "substringof" => Value::Bool(matches!((text(0), text(1)), (Some(n), Some(h)) if h.contains(&n))),
                "contains" => Value::Bool(matches!((text(0), text(1)), (Some(h), Some(n)) if h.contains(&n))),
                "startswith" => Value::Bool(matches!((text(0), text(1)), (Some(h), Some(n)) if h.starts_with(&n))),
                "endswith" => Value::Bool(matches!((text(0), text(1)), (Some(h), Some(n)) if h.ends_with(&n))),
                _ => Value::Null,
            }
        }
    }
}

/// Whether `entity` passes the filter.
pub fn matches(filter: &Expr, entity: &Value) -> bool {
    truthy(&eval(filter, entity, &HashMap::new()))
}

/// One `orderby` key: a field path and its direction.
#[derive(Debug, Clone, PartialEq)]
pub struct OrderKey {
    pub path: Vec<String>,
    pub descending: bool,
}

/// Parses `orderby=lastName asc,firstName desc`.
pub fn parse_order(input: &str) -> Result<Vec<OrderKey>, SyntaxError> {
    input
        .split(',')
        .filter(|part| !part.trim().is_empty())
        .map(|part| {
            let mut words = part.split_whitespace();
            let field = words.next().ok_or_else(|| SyntaxError("empty order key".into()))?;
            let descending = match words.next().map(|w| w.to_ascii_lowercase()) {
                None => false,
                Some(w) if w == "asc" => false,
                Some(w) if w == "desc" => true,
                Some(w) => return Err(SyntaxError(format!("unknown direction {w}"))),
            };
            if words.next().is_some() {
                return Err(SyntaxError(format!("cannot read order key {part:?}")));
            }
            Ok(OrderKey { path: field.split('/').map(str::to_string).collect(), descending })
        })
        .collect()
}

/// Sorts entities by the keys, stable, so equal keys keep the seeded order.
pub fn sort(items: &mut [Value], keys: &[OrderKey]) {
    let env = HashMap::new();
    items.sort_by(|a, b| {
        for key in keys {
            let ord = compare_values(&resolve(a, &env, &key.path), &resolve(b, &env, &key.path));
            let ord = if key.descending { ord.reverse() } else { ord };
            if ord != Ordering::Equal {
                return ord;
            }
        }
        Ordering::Equal
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn check(filter: &str, entity: &Value) -> bool {
        matches(&parse_filter(filter).unwrap(), entity)
    }

    #[test]
    fn comparisons_logic_and_functions() {
        let u = json!({"firstName": "Anna", "lastName": "O'Neil", "age": 31, "isArchived": false,
            "userContactInfos": [{"type": "email", "value": "anna@acme.example"}]});
        assert!(check("firstName eq 'Anna'", &u));
        assert!(!check("firstName eq 'anna'", &u));
        assert!(check("tolower(firstName) eq 'anna'", &u));
        assert!(check("lastName eq 'O''Neil'", &u));
        assert!(check("age gt 30 and not (isArchived eq true)", &u));
        assert!(check("age lt 3 or substringof('nn', firstName)", &u));
        assert!(check("startswith(lastName, 'O')", &u));
        assert!(check("firstName in ('Bob', 'Anna')", &u));
        assert!(!check("firstName in ('Bob')", &u));
        assert!(check("userContactInfos/any(c: c/type eq 'email' and substringof('acme', c/value))", &u));
        assert!(!check("userContactInfos/any(c: c/type eq 'phone')", &u));
        assert!(check("FIRSTNAME eq 'Anna'", &u), "field names match case-insensitively");
    }

    #[test]
    fn bad_syntax_is_an_error_not_a_panic() {
        for bad in ["firstName eq", "('a'", "name eq 'x", "a in (b)", "a eq 'b' )", "%"] {
            assert!(parse_filter(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn orderby_sorts_by_several_keys() {
        let mut items = vec![
            json!({"lastName": "b", "firstName": "x"}),
            json!({"lastName": "A", "firstName": "y"}),
            json!({"lastName": "b", "firstName": "z"}),
        ];
        sort(&mut items, &parse_order("lastName asc, firstName desc").unwrap());
        let names: Vec<_> = items.iter().map(|i| i["firstName"].as_str().unwrap()).collect();
        assert_eq!(names, ["y", "z", "x"]);
        assert!(parse_order("lastName sideways").is_err());
    }
}
