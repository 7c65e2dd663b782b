//! A small JSON writer for answers: the pricing bindings write their answers (quote, rate,
//! snapshot info, countries, missing parts) with [`WriteJson`] instead of serde_json, so the
//! pricing module links no serializer (issue 11: the first price's download).
//!
//! The text is byte for byte what `serde_json::to_string` writes for the same value with the
//! types' serde derives (compact; `"`, `\` and control characters escaped as serde_json escapes
//! them, `\n` or `\u001f`; every other character, non-ASCII included, written raw): the derives
//! stay for the CLI, the tests and the what-if module, and `tests/engine/json_write.rs` holds the two
//! equal over every quote of the golden tests and the examples.

mod answers;

use rust_decimal::Decimal;
use std::borrow::Cow;
use std::fmt::{self, Write as _};

/// A value that writes itself as JSON, exactly as its `Serialize` impl does through serde_json.
pub trait WriteJson {
    /// Appends the value's JSON to `w`.
    fn write_json(&self, w: &mut JsonWriter);
}

/// The value as compact JSON text.
pub fn to_json(value: &dyn WriteJson) -> String {
    let mut w = JsonWriter { out: String::with_capacity(1024) };
    value.write_json(&mut w);
    w.out
}

/// Compact JSON text being written. Members and elements are separated as they are started: a
/// comma goes before each unless it opens its object or array.
pub struct JsonWriter {
    out: String,
}

impl JsonWriter {
    /// Starts an object: `{`.
    pub fn begin_object(&mut self) {
        self.out.push('{');
    }

    /// Ends an object: `}`.
    pub fn end_object(&mut self) {
        self.out.push('}');
    }

    /// Starts an array: `[`.
    pub fn begin_array(&mut self) {
        self.out.push('[');
    }

    /// Ends an array: `]`.
    pub fn end_array(&mut self) {
        self.out.push(']');
    }

    /// A comma unless the object or array was just opened.
    fn separate(&mut self) {
        if !matches!(self.out.as_bytes().last(), Some(b'{' | b'[') | None) {
            self.out.push(',');
        }
    }

    /// Starts an array element.
    pub fn element(&mut self) {
        self.separate();
    }

    /// Starts an object member: `"name":` (names are Rust identifiers: nothing to escape).
    pub fn key(&mut self, name: &str) {
        self.separate();
        self.out.push('"');
        self.out.push_str(name);
        self.out.push_str("\":");
    }

    /// A member.
    pub fn field(&mut self, name: &str, value: &dyn WriteJson) {
        self.key(name);
        value.write_json(self);
    }

    /// A member written only when present (`skip_serializing_if = "Option::is_none"`).
    pub fn field_some<T: WriteJson>(&mut self, name: &str, value: &Option<T>) {
        if let Some(v) = value {
            self.field(name, v);
        }
    }

    /// A member written only when not empty (`skip_serializing_if = "Vec::is_empty"`).
    pub fn field_nonempty<T: WriteJson>(&mut self, name: &str, items: &[T]) {
        if !items.is_empty() {
            self.key(name);
            items.write_json(self);
        }
    }

    /// Text written as is: a number, `true`, `false` or `null`.
    pub fn raw(&mut self, text: &str) {
        self.out.push_str(text);
    }

    /// A string, escaped.
    pub fn string(&mut self, s: &str) {
        self.out.push('"');
        escape_into(&mut self.out, s);
        self.out.push('"');
    }

    /// A value's `Display` text as a string, escaped as it is written (serde's `collect_str`).
    pub fn display(&mut self, value: &dyn fmt::Display) {
        self.out.push('"');
        // Writing into a String cannot fail; a Display impl that errs is a bug either way.
        let _ = write!(Escaping(&mut self.out), "{value}");
        self.out.push('"');
    }

    /// An unsigned integer.
    pub fn unsigned(&mut self, mut n: u64) {
        let mut digits = [0u8; 20];
        let mut at = digits.len();
        loop {
            at -= 1;
            digits[at] = b'0' + (n % 10) as u8;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        // ASCII digits only.
        self.out.push_str(std::str::from_utf8(&digits[at..]).unwrap_or("0"));
    }

    /// A signed integer.
    pub fn signed(&mut self, n: i64) {
        if n < 0 {
            self.out.push('-');
        }
        self.unsigned(n.unsigned_abs());
    }
}

/// A `fmt::Write` that escapes what passes through it into a JSON string's contents.
struct Escaping<'a>(&'a mut String);

impl fmt::Write for Escaping<'_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        escape_into(self.0, s);
        Ok(())
    }
}

/// Appends `s` escaped as serde_json escapes a string: `"` and `\` with a backslash, the
/// control characters U+0000 to U+001F as `\b`, `\t`, `\n`, `\f`, `\r` or `\u00XX` (lowercase
/// hex); everything else, U+007F and non-ASCII included, as it is.
fn escape_into(out: &mut String, s: &str) {
    let bytes = s.as_bytes();
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let escape: &str = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\x08' => "\\b",
            b'\t' => "\\t",
            b'\n' => "\\n",
            b'\x0c' => "\\f",
            b'\r' => "\\r",
            0..=0x1f => "",
            _ => continue,
        };
        // `i` is an ASCII byte: both slices end on character boundaries.
        out.push_str(&s[start..i]);
        if escape.is_empty() {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.push_str("\\u00");
            out.push(HEX[(b >> 4) as usize] as char);
            out.push(HEX[(b & 0xf) as usize] as char);
        } else {
            out.push_str(escape);
        }
        start = i + 1;
    }
    out.push_str(&s[start..]);
}

impl WriteJson for str {
    fn write_json(&self, w: &mut JsonWriter) {
        w.string(self);
    }
}

impl WriteJson for String {
    fn write_json(&self, w: &mut JsonWriter) {
        w.string(self);
    }
}

impl WriteJson for crate::quote::LineId {
    fn write_json(&self, w: &mut JsonWriter) {
        w.string(self);
    }
}

impl WriteJson for Cow<'_, str> {
    fn write_json(&self, w: &mut JsonWriter) {
        w.string(self);
    }
}

impl<T: WriteJson + ?Sized> WriteJson for &T {
    fn write_json(&self, w: &mut JsonWriter) {
        (**self).write_json(w);
    }
}

impl<T: WriteJson + ?Sized> WriteJson for Box<T> {
    fn write_json(&self, w: &mut JsonWriter) {
        (**self).write_json(w);
    }
}

impl WriteJson for bool {
    fn write_json(&self, w: &mut JsonWriter) {
        w.raw(if *self { "true" } else { "false" });
    }
}

impl WriteJson for u8 {
    fn write_json(&self, w: &mut JsonWriter) {
        w.unsigned(u64::from(*self));
    }
}

impl WriteJson for u32 {
    fn write_json(&self, w: &mut JsonWriter) {
        w.unsigned(u64::from(*self));
    }
}

impl WriteJson for usize {
    fn write_json(&self, w: &mut JsonWriter) {
        w.unsigned(*self as u64);
    }
}

impl WriteJson for i64 {
    fn write_json(&self, w: &mut JsonWriter) {
        w.signed(*self);
    }
}

/// A decimal as its exact text (`"49.00"`, `"-0.5"`): rust_decimal's serde writes a string.
impl WriteJson for Decimal {
    fn write_json(&self, w: &mut JsonWriter) {
        w.display(self);
    }
}

/// `None` is `null` (a field that skips `None` uses [`JsonWriter::field_some`]).
impl<T: WriteJson> WriteJson for Option<T> {
    fn write_json(&self, w: &mut JsonWriter) {
        match self {
            Some(v) => v.write_json(w),
            None => w.raw("null"),
        }
    }
}

impl<T: WriteJson> WriteJson for [T] {
    fn write_json(&self, w: &mut JsonWriter) {
        w.begin_array();
        for item in self {
            w.element();
            item.write_json(w);
        }
        w.end_array();
    }
}

impl<T: WriteJson> WriteJson for Vec<T> {
    fn write_json(&self, w: &mut JsonWriter) {
        self.as_slice().write_json(w);
    }
}

/// A pair as a two-element array, as serde writes a tuple.
impl<A: WriteJson, B: WriteJson> WriteJson for (A, B) {
    fn write_json(&self, w: &mut JsonWriter) {
        w.begin_array();
        self.0.write_json(w);
        w.element();
        self.1.write_json(w);
        w.end_array();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn json(v: &dyn WriteJson) -> String {
        to_json(v)
    }

    #[test]
    fn strings_escape_as_serde_json_does() {
        // RFC 8259 §7: `"`, `\` and U+0000..U+001F must be escaped; serde_json uses the short
        // forms for \b \t \n \f \r and `\u00XX` (lowercase) for the rest, and writes U+007F and
        // non-ASCII raw.
        let mut all_controls = String::new();
        for c in 0u8..0x20 {
            all_controls.push(c as char);
        }
        let cases = [
            "plain",
            "",
            "quote \" backslash \\ slash /",
            "line\nbreak\ttab\rreturn\x08back\x0cfeed",
            "\x00\x01\x1f\x7f",
            "non-ASCII: € × ÷ − “quotes” 関税 🚢",
            all_controls.as_str(),
            "\\\"\\\"",
        ];
        for s in cases {
            assert_eq!(json(&s), serde_json::to_string(s).unwrap(), "{s:?}");
        }
        assert_eq!(json(&"\x1f"), "\"\\u001f\"");
    }

    #[test]
    fn display_text_is_escaped_across_chunks() {
        // serde's collect_str escapes each chunk a Display impl writes; the result must not
        // depend on where the chunks split.
        struct Chunks;
        impl fmt::Display for Chunks {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a\"")?;
                f.write_str("\n")?;
                let (n, euro) = (1, '€');
                write!(f, "{n}\\{euro}")
            }
        }
        let mut w = JsonWriter { out: String::new() };
        w.display(&Chunks);
        assert_eq!(w.out, serde_json::to_string(&Chunks.to_string()).unwrap());
    }

    #[test]
    fn numbers_and_literals_match_serde_json() {
        for n in [0u64, 7, 10, 99, 1_000_000, u64::MAX] {
            let mut w = JsonWriter { out: String::new() };
            w.unsigned(n);
            assert_eq!(w.out, serde_json::to_string(&n).unwrap());
        }
        for n in [0i64, -1, 42, i64::MIN, i64::MAX] {
            assert_eq!(json(&n), serde_json::to_string(&n).unwrap());
        }
        assert_eq!(json(&true), "true");
        assert_eq!(json(&Option::<bool>::None), "null");
        assert_eq!(json(&(3u8, 31u8)), serde_json::to_string(&(3u8, 31u8)).unwrap());
        let v: Vec<Vec<String>> = vec![vec![], vec!["a".into(), "b".into()]];
        assert_eq!(json(&v), serde_json::to_string(&v).unwrap());
    }

    #[test]
    fn decimals_are_their_exact_text_as_rust_decimal_serializes_them() {
        // rust_decimal's serde (feature `serde`, no `serde-float`) writes the decimal's text as
        // a JSON string; negative zero keeps its sign.
        let values = ["0", "49.00", "-0.5", "0.000000000000000000000000001", "79228162514264337593543950335"];
        for text in values {
            let d: Decimal = text.parse().unwrap();
            assert_eq!(json(&d), serde_json::to_string(&d).unwrap(), "{text}");
        }
        let negative_zero = Decimal::from_parts(0, 0, 0, true, 2);
        assert_eq!(json(&negative_zero), serde_json::to_string(&negative_zero).unwrap());
    }
}
