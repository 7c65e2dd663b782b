//! Per-code indices built once when the rules load: a quote finds its destination's rows with a
//! binary search on packed integers ([`code_key`]) instead of filtering a table or comparing
//! strings.

use super::table::code_key;

/// Values keyed by a country or group code.
#[derive(Debug, Default)]
pub(crate) struct CodeIndex<T> {
    /// Codes that pack into an integer, sorted by it.
    packed: Vec<(u64, T)>,
    /// The rare codes that do not pack (longer than 8 bytes), searched by text.
    long: Vec<(&'static str, T)>,
}

impl<T> CodeIndex<T> {
    /// An index of `entries`; a code given twice keeps its first value.
    pub(crate) fn new(entries: impl IntoIterator<Item = (&'static str, T)>) -> Self {
        let mut index = CodeIndex { packed: Vec::new(), long: Vec::new() };
        for (code, value) in entries {
            match code_key(code) {
                Some(k) if !index.packed.iter().any(|(p, _)| *p == k) => index.packed.push((k, value)),
                None if !index.long.iter().any(|(c, _)| *c == code) => index.long.push((code, value)),
                _ => {}
            }
        }
        crate::sort::sort_by_key(&mut index.packed, |(k, _)| *k);
        index
    }

    /// The value of `code`, if it has one.
    pub(crate) fn get(&self, code: &str) -> Option<&T> {
        match code_key(code) {
            Some(k) => {
                let i = self.packed.partition_point(|(p, _)| *p < k);
                self.packed.get(i).filter(|(p, _)| *p == k).map(|(_, v)| v)
            }
            None => self.long.iter().find(|(c, _)| *c == code).map(|(_, v)| v),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packed_codes_order_as_their_text() {
        let mut codes = ["GB", "G", "EU", "SACU", "DE", "GBR", "A"];
        let mut keys: Vec<u64> = codes.iter().map(|c| code_key(c).unwrap()).collect();
        codes.sort_unstable();
        keys.sort_unstable();
        assert_eq!(keys, codes.iter().map(|c| code_key(c).unwrap()).collect::<Vec<_>>());
        assert_eq!(code_key("NINECHARS"), None);
    }

    #[test]
    fn finds_short_and_long_codes_and_nothing_else() {
        let index = CodeIndex::new([("GB", 1), ("EU", 2), ("A-VERY-LONG-GROUP", 3), ("GB", 9)]);
        assert_eq!((index.get("GB"), index.get("EU"), index.get("A-VERY-LONG-GROUP")), (Some(&1), Some(&2), Some(&3)));
        assert_eq!((index.get("G"), index.get("GBR"), index.get("")), (None, None, None));
    }
}
