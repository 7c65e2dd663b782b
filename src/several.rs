//! A list that holds its first item inline: a line's duty sources, and the tariff lines a code
//! matches, are nearly always one, and a `Vec` would allocate for it on every line.

/// Zero, one or more items; the first needs no allocation.
pub(crate) struct Several<T> {
    first: Option<T>,
    rest: Vec<T>,
}

impl<T> Several<T> {
    /// An empty list.
    pub(crate) fn new() -> Self {
        Several { first: None, rest: Vec::new() }
    }

    pub(crate) fn push(&mut self, item: T) {
        match self.first {
            None => self.first = Some(item),
            Some(_) => self.rest.push(item),
        }
    }

    pub(crate) fn len(&self) -> usize {
        usize::from(self.first.is_some()) + self.rest.len()
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.first.is_none()
    }

    pub(crate) fn iter(&self) -> impl Iterator<Item = &T> {
        self.first.iter().chain(&self.rest)
    }

    /// The last item, to replace in place.
    /// Each item, mutably, in order (read in place rather than moved out).
    pub(crate) fn iter_mut(&mut self) -> impl Iterator<Item = &mut T> {
        self.first.iter_mut().chain(&mut self.rest)
    }

    pub(crate) fn last_mut(&mut self) -> Option<&mut T> {
        match self.rest.last_mut() {
            Some(last) => Some(last),
            None => self.first.as_mut(),
        }
    }
}

impl<'a, T> IntoIterator for &'a Several<T> {
    type Item = &'a T;
    type IntoIter = std::iter::Chain<std::option::Iter<'a, T>, std::slice::Iter<'a, T>>;
    fn into_iter(self) -> Self::IntoIter {
        self.first.iter().chain(&self.rest)
    }
}

impl<T> std::ops::Index<usize> for Several<T> {
    type Output = T;
    fn index(&self, i: usize) -> &T {
        match (i, &self.first) {
            (0, Some(first)) => first,
            _ => &self.rest[i - 1],
        }
    }
}

impl<T> IntoIterator for Several<T> {
    type Item = T;
    type IntoIter = std::iter::Chain<std::option::IntoIter<T>, std::vec::IntoIter<T>>;
    fn into_iter(self) -> Self::IntoIter {
        self.first.into_iter().chain(self.rest)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_every_item_in_order() {
        let mut s = Several::new();
        assert!(s.is_empty());
        assert_eq!(s.len(), 0);
        for i in 1..=3 {
            s.push(i);
        }
        assert_eq!((s.len(), s[0], s[2]), (3, 1, 3));
        assert_eq!(s.iter().copied().collect::<Vec<_>>(), [1, 2, 3]);
        let mut seven = Several::new();
        seven.push(7);
        assert_eq!(seven.into_iter().collect::<Vec<_>>(), [7]);
        *s.last_mut().unwrap() = 4;
        assert_eq!((&s).into_iter().copied().collect::<Vec<_>>(), [1, 2, 4]);
        let mut one = Several::new();
        one.push(5);
        *one.last_mut().unwrap() = 6;
        assert_eq!(one[0], 6);
        assert!(Several::<u8>::new().last_mut().is_none());
        s.iter_mut().for_each(|i| *i += 1);
        assert_eq!(s.iter().copied().collect::<Vec<_>>(), [2, 3, 5]);
    }
}
