//! A small, strict JSON reader (RFC 8259) for requests: objects, arrays, strings with every
//! escape (surrogate pairs joined, lone surrogates refused), numbers kept as their literal text
//! (so an amount is read exactly, never through a float), `true`, `false`, `null`. Nesting is
//! limited to [`MAX_DEPTH`]; an error says what was wrong and where (line and column, 1-based).
//! It never panics, whatever the input.

use std::fmt;

/// Deepest nesting of arrays and objects accepted (serde_json's limit too).
pub const MAX_DEPTH: usize = 128;

/// A JSON value. Numbers keep their literal text (`49.99`, `1e2`); object members keep their
/// order, duplicates included (the reader of the object decides what a duplicate means).
#[derive(Debug, Clone, PartialEq)]
pub enum Value<'a> {
    Null,
    Bool(bool),
    Number(&'a str),
    String(String),
    Array(Vec<Value<'a>>),
    Object(Vec<(String, Value<'a>)>),
}

impl Value<'_> {
    /// What the value is, for error messages (`a number 5`, `a string "x"`, `an array`).
    pub fn describe(&self) -> String {
        match self {
            Value::Null => "null".into(),
            Value::Bool(b) => format!("a boolean {b}"),
            Value::Number(n) => format!("a number {n}"),
            Value::String(s) => format!("a string {s:?}"),
            Value::Array(_) => "an array".into(),
            Value::Object(_) => "an object".into(),
        }
    }
}

/// Where and why a text is not JSON.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    /// What was wrong (`expected ':'`, `unexpected end of input`).
    pub what: &'static str,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
}

impl fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} at line {} column {}", self.what, self.line, self.column)
    }
}

/// Reads one JSON value filling the whole text (whitespace around it allowed).
pub fn parse(text: &str) -> Result<Value<'_>, SyntaxError> {
    let mut reader = Reader { text, pos: 0, depth: 0 };
    let value = reader.value()?;
    reader.skip_whitespace();
    if reader.pos < text.len() {
        return Err(reader.error("trailing characters after the value"));
    }
    Ok(value)
}

const END: &str = "unexpected end of input";

struct Reader<'a> {
    text: &'a str,
    pos: usize,
    depth: usize,
}

impl<'a> Reader<'a> {
    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.pos).copied()
    }

    /// The error at the current position, with its line and column.
    fn error(&self, what: &'static str) -> SyntaxError {
        let before = &self.text.as_bytes()[..self.pos.min(self.text.len())];
        let line_start = before.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        let line = 1 + before.iter().filter(|&&b| b == b'\n').count();
        // Characters, not bytes: UTF-8 continuation bytes do not start one.
        let column = 1 + before[line_start..].iter().filter(|&&b| b & 0xC0 != 0x80).count();
        SyntaxError { what, line, column }
    }

    fn skip_whitespace(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.pos += 1;
        }
    }

    /// Skips whitespace and consumes `byte`, or fails with `what`.
    fn expect(&mut self, byte: u8, what: &'static str) -> Result<(), SyntaxError> {
        self.skip_whitespace();
        match self.peek() {
            Some(b) if b == byte => {
                self.pos += 1;
                Ok(())
            }
            None => Err(self.error(END)),
            Some(_) => Err(self.error(what)),
        }
    }

    fn value(&mut self) -> Result<Value<'a>, SyntaxError> {
        self.skip_whitespace();
        match self.peek() {
            None => Err(self.error(END)),
            Some(b'{') => self.nested(Reader::object),
            Some(b'[') => self.nested(Reader::array),
            Some(b'"') => self.string().map(Value::String),
            Some(b't') => self.word("true", Value::Bool(true)),
            Some(b'f') => self.word("false", Value::Bool(false)),
            Some(b'n') => self.word("null", Value::Null),
            Some(b'-' | b'0'..=b'9') => self.number().map(Value::Number),
            Some(_) => Err(self.error("expected a value")),
        }
    }

    /// Reads an array or object one level deeper, refusing nesting past [`MAX_DEPTH`].
    fn nested(&mut self, read: fn(&mut Self) -> Result<Value<'a>, SyntaxError>) -> Result<Value<'a>, SyntaxError> {
        if self.depth == MAX_DEPTH {
            return Err(self.error("nested too deeply"));
        }
        self.depth += 1;
        self.pos += 1;
        let value = read(self);
        self.depth -= 1;
        value
    }

    fn word(&mut self, word: &'static str, value: Value<'a>) -> Result<Value<'a>, SyntaxError> {
        let rest = &self.text.as_bytes()[self.pos..];
        if rest.starts_with(word.as_bytes()) {
            self.pos += word.len();
            return Ok(value);
        }
        // Past the bytes that match, to point at the first wrong one.
        self.pos += rest.iter().zip(word.as_bytes()).take_while(|(a, b)| a == b).count();
        Err(if self.pos == self.text.len() { self.error(END) } else { self.error("expected a value") })
    }

    /// After `[`: values separated by commas, then `]`.
    fn array(&mut self) -> Result<Value<'a>, SyntaxError> {
        let mut items = Vec::new();
        self.skip_whitespace();
        if self.peek() == Some(b']') {
            self.pos += 1;
            return Ok(Value::Array(items));
        }
        loop {
            items.push(self.value()?);
            self.skip_whitespace();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b']') => {
                    self.pos += 1;
                    return Ok(Value::Array(items));
                }
                None => return Err(self.error(END)),
                Some(_) => return Err(self.error("expected ',' or ']'")),
            }
        }
    }

    /// After `{`: `"key": value` members separated by commas, then `}`.
    fn object(&mut self) -> Result<Value<'a>, SyntaxError> {
        let mut members = Vec::new();
        self.skip_whitespace();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Ok(Value::Object(members));
        }
        loop {
            self.skip_whitespace();
            match self.peek() {
                Some(b'"') => {}
                None => return Err(self.error(END)),
                Some(_) => return Err(self.error("expected a string key")),
            }
            let key = self.string()?;
            self.expect(b':', "expected ':'")?;
            members.push((key, self.value()?));
            self.skip_whitespace();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    return Ok(Value::Object(members));
                }
                None => return Err(self.error(END)),
                Some(_) => return Err(self.error("expected ',' or '}'")),
            }
        }
    }

    /// At `"`: the string's text with its escapes resolved.
    fn string(&mut self) -> Result<String, SyntaxError> {
        self.pos += 1;
        let mut out = String::new();
        loop {
            let start = self.pos;
            let bytes = self.text.as_bytes();
            while let Some(&b) = bytes.get(self.pos) {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.pos += 1;
            }
            // Stops only at ASCII bytes, so both ends are character boundaries.
            out.push_str(&self.text[start..self.pos]);
            match self.peek() {
                None => return Err(self.error(END)),
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.pos += 1;
                    out.push(self.escape()?);
                }
                Some(_) => return Err(self.error("control character in a string (escape it)")),
            }
        }
    }

    /// After `\`: the escaped character.
    fn escape(&mut self) -> Result<char, SyntaxError> {
        let Some(b) = self.peek() else { return Err(self.error(END)) };
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
            b'u' => return self.unicode_escape(),
            _ => {
                self.pos -= 1;
                return Err(self.error("invalid escape"));
            }
        })
    }

    /// After `\u`: one code point, a UTF-16 surrogate pair joined (`\ud83d\ude00` is one emoji).
    fn unicode_escape(&mut self) -> Result<char, SyntaxError> {
        let first = self.hex4()?;
        let code = match first {
            0xD800..=0xDBFF => {
                if !self.text.as_bytes()[self.pos..].starts_with(b"\\u") {
                    return Err(self.error("lone leading surrogate in a \\u escape"));
                }
                self.pos += 2;
                let second = self.hex4()?;
                if !(0xDC00..=0xDFFF).contains(&second) {
                    return Err(self.error("lone leading surrogate in a \\u escape"));
                }
                0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
            }
            0xDC00..=0xDFFF => return Err(self.error("lone trailing surrogate in a \\u escape")),
            _ => first,
        };
        char::from_u32(code).ok_or_else(|| self.error("invalid \\u escape"))
    }

    /// Four hex digits.
    fn hex4(&mut self) -> Result<u32, SyntaxError> {
        let mut code = 0;
        for _ in 0..4 {
            let digit = match self.peek() {
                None => return Err(self.error(END)),
                Some(b) => (b as char).to_digit(16).ok_or_else(|| self.error("invalid \\u escape"))?,
            };
            code = code * 16 + digit;
            self.pos += 1;
        }
        Ok(code)
    }

    /// A number's literal text: `-`? (`0` | [1-9][0-9]*) (`.` [0-9]+)? ([eE] [+-]? [0-9]+)?.
    fn number(&mut self) -> Result<&'a str, SyntaxError> {
        let start = self.pos;
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        match self.peek() {
            Some(b'0') => self.pos += 1,
            Some(b'1'..=b'9') => self.digits(),
            _ => return Err(self.number_error()),
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            self.one_or_more_digits()?;
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.pos += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.pos += 1;
            }
            self.one_or_more_digits()?;
        }
        if let Some(b'0'..=b'9') = self.peek() {
            // A leading zero (`01`).
            return Err(self.error("invalid number"));
        }
        Ok(&self.text[start..self.pos])
    }

    fn digits(&mut self) {
        while let Some(b'0'..=b'9') = self.peek() {
            self.pos += 1;
        }
    }

    fn one_or_more_digits(&mut self) -> Result<(), SyntaxError> {
        if !matches!(self.peek(), Some(b'0'..=b'9')) {
            return Err(self.number_error());
        }
        self.digits();
        Ok(())
    }

    fn number_error(&self) -> SyntaxError {
        if self.pos == self.text.len() {
            self.error(END)
        } else {
            self.error("invalid number")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> (&'static str, usize, usize) {
        let e = parse(text).unwrap_err();
        (e.what, e.line, e.column)
    }

    fn string(text: &str) -> String {
        match parse(text).unwrap() {
            Value::String(s) => s,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn reads_every_kind_of_value() {
        // RFC 8259 §3 (values), §4 (objects: members kept in order), §5 (arrays).
        let v = parse(r#" {"a": [1, -2.5e+3, true, false, null], "b": {}, "c": [], "a": "x"} "#).unwrap();
        let want = Value::Object(vec![
            (
                "a".into(),
                Value::Array(vec![
                    Value::Number("1"),
                    Value::Number("-2.5e+3"),
                    Value::Bool(true),
                    Value::Bool(false),
                    Value::Null,
                ]),
            ),
            ("b".into(), Value::Object(vec![])),
            ("c".into(), Value::Array(vec![])),
            ("a".into(), Value::String("x".into())),
        ]);
        assert_eq!(v, want);
    }

    #[test]
    fn strings_resolve_every_escape() {
        // RFC 8259 §7: the two-character escapes, \uXXXX, and a surrogate pair for a character
        // outside the Basic Multilingual Plane (U+1F600 is \ud83d\ude00).
        assert_eq!(string(r#""\" \\ \/ \b \f \n \r \t""#), "\" \\ / \u{8} \u{c} \n \r \t");
        assert_eq!(string(r#""\u00e9\u20AC""#), "é€");
        assert_eq!(string(r#""\ud83d\ude00""#), "\u{1F600}");
        assert_eq!(string("\"prix unitaire 49,99 € ✓\""), "prix unitaire 49,99 € ✓");
    }

    #[test]
    fn numbers_keep_their_literal_text() {
        // RFC 8259 §6 grammar; the text is kept so that an amount is read exactly.
        for n in ["0", "-0", "49.99", "0.1", "1e2", "1E-2", "-12.50e+01", "123456789012345678901234567890"] {
            assert_eq!(parse(n).unwrap(), Value::Number(n), "{n}");
        }
        for n in ["01", "-", "1.", ".5", "1e", "1e+", "+1", "-a", "0x10", "1.5.2", "NaN", "Infinity"] {
            assert!(parse(n).is_err(), "{n}");
        }
    }

    #[test]
    fn every_syntax_error_says_what_and_where() {
        assert_eq!(err(""), (END, 1, 1));
        assert_eq!(err("{\"a\": "), (END, 1, 7));
        assert_eq!(err("{\n  \"a\" 1}"), ("expected ':'", 2, 7));
        assert_eq!(err("{\"a\": 1,}"), ("expected a string key", 1, 9));
        assert_eq!(err("{\"a\": 1 \"b\": 2}"), ("expected ',' or '}'", 1, 9));
        assert_eq!(err("[1 2]"), ("expected ',' or ']'", 1, 4));
        assert_eq!(err("[1,]"), ("expected a value", 1, 4));
        assert_eq!(err("{} x"), ("trailing characters after the value", 1, 4));
        assert_eq!(err("tru"), (END, 1, 4));
        assert_eq!(err("trUe"), ("expected a value", 1, 3));
        assert_eq!(err("\"a\\x\""), ("invalid escape", 1, 4));
        assert_eq!(err("\"\\u12G4\""), ("invalid \\u escape", 1, 6));
        assert_eq!(err("\"\\ud83d\""), ("lone leading surrogate in a \\u escape", 1, 8));
        assert_eq!(err("\"\\ud83d\\u0041\""), ("lone leading surrogate in a \\u escape", 1, 14));
        assert_eq!(err("\"\\ude00\""), ("lone trailing surrogate in a \\u escape", 1, 8));
        assert_eq!(err("\"a\nb\""), ("control character in a string (escape it)", 1, 3));
        assert_eq!(err("\"abc"), (END, 1, 5));
        assert_eq!(err("01"), ("invalid number", 1, 2));
        // Columns count characters, not bytes: "é" is two bytes and one column.
        assert_eq!(err("[\"é\" x]"), ("expected ',' or ']'", 1, 6));
    }

    #[test]
    fn nesting_is_limited() {
        let ok = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert!(parse(&ok).is_ok());
        let deep = format!("{}{}", "[".repeat(MAX_DEPTH + 1), "]".repeat(MAX_DEPTH + 1));
        assert_eq!(parse(&deep).unwrap_err().what, "nested too deeply");
        // Far deeper than the stack could take if it recursed without a limit.
        assert!(parse(&"[{\"a\":".repeat(100_000)).is_err());
    }
}
