//! A quote's line id: the request's id echoed on its line, held inline when short.

use arrayvec::ArrayString;
use serde::{Serialize, Serializer};
use std::fmt;

/// The id of a quoted line, as the request gave it. An id of up to [`INLINE`] bytes (nearly every
/// SKU or order-line reference) is held inline: echoing it costs no allocation and no free,
/// where a `String` cost both on every line of every quote. Reads as a `&str`.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct LineId(Repr);

#[derive(Clone, PartialEq, Eq, Hash)]
enum Repr {
    Inline(ArrayString<INLINE>),
    Heap(Box<str>),
}

/// The longest id held inline, in bytes.
pub const INLINE: usize = 22;

impl LineId {
    /// The id as text.
    pub fn as_str(&self) -> &str {
        match &self.0 {
            Repr::Inline(s) => s,
            Repr::Heap(s) => s,
        }
    }
}

impl From<&str> for LineId {
    fn from(id: &str) -> LineId {
        match ArrayString::from(id) {
            Ok(s) => LineId(Repr::Inline(s)),
            Err(_) => LineId(Repr::Heap(id.into())),
        }
    }
}

impl From<String> for LineId {
    fn from(id: String) -> LineId {
        LineId::from(id.as_str())
    }
}

impl std::ops::Deref for LineId {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for LineId {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl PartialEq<str> for LineId {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for LineId {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for LineId {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other
    }
}

impl fmt::Display for LineId {
    /// As the text, honouring width and alignment (`{:<10}` pads as it does a `String`: the CLI's
    /// tables align on it).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

impl fmt::Debug for LineId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl Serialize for LineId {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_short_id_is_inline_a_long_one_on_the_heap_both_read_as_given() {
        let short = "a".repeat(INLINE);
        let long = "é".repeat(INLINE);
        assert!(matches!(LineId::from(short.as_str()).0, Repr::Inline(_)));
        assert!(matches!(LineId::from(long.as_str()).0, Repr::Heap(_)));
        for id in ["", "l0", short.as_str(), long.as_str(), "sku \u{1F600} 42"] {
            let l = LineId::from(id);
            assert_eq!(l, id);
            assert_eq!(l.to_string(), id);
            assert_eq!(format!("{l:?}"), format!("{id:?}"));
            assert_eq!(format!("{l:<10}|{l:>12}"), format!("{id:<10}|{id:>12}"));
        }
    }
}
